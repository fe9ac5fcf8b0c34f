from django.db.models import Max, Min

from catalog_site.api.viewsets import CatalogViewSet
from catalog_site.catalog.text import sort_title

from .analytics import GROUPINGS
from .filters import FilmFilter
from .models import Film
from .serializers import FilmSerializer


class FilmViewSet(CatalogViewSet):
    """Films: list (whole array, or ?limit=&offset=), detail by id or uuid, and writes for
    users with the films permissions."""

    queryset = Film.objects.all()
    serializer_class = FilmSerializer
    filterset_class = FilmFilter
    groupings = GROUPINGS
    summary_aggregates = {"first_seen": Min("date"), "last_seen": Max("date")}

    def possible_duplicates(self, data):
        """Same title (ignoring case, spacing and article) and same release year."""
        return list(
            Film.objects.filter(
                sort_title=sort_title(data["title"]), release_year=data.get("release_year")
            )
        )
