from rest_framework import serializers

from catalog_site.api.viewsets import CatalogViewSet
from catalog_site.catalog.filters import CatalogFilterSet

from .models import Play


class PlaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Play
        fields = ["id", "uuid", "title", "theatre", "grade", "score", "date_text"]


class PlayFilter(CatalogFilterSet):
    orderings = {"title": ["sort_title", "id"]}

    class Meta:
        model = Play
        fields = []


class PlayViewSet(CatalogViewSet):
    queryset = Play.objects.all()
    serializer_class = PlaySerializer
    filterset_class = PlayFilter


legacy_urls = []  # the old site never had plays
