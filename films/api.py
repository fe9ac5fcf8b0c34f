from django.db.models import Max, Min

from catalog_site.api.legacy import legacy_routes
from catalog_site.api.viewsets import CatalogViewSet

from . import lookup
from .analytics import GROUPINGS, LEGACY_ROUTES, YEAR_REVIEW
from .filters import FilmFilter
from .models import Film
from .serializers import FilmSerializer


class FilmViewSet(CatalogViewSet):
    """Films: list (whole array, or ?limit=&offset=), detail by id or uuid, and writes for
    users with the films permissions."""

    queryset = Film.objects.all()
    look_up = staticmethod(lookup.look_up)
    serializer_class = FilmSerializer
    filterset_class = FilmFilter
    groupings = GROUPINGS
    year_review = YEAR_REVIEW
    summary_aggregates = {"first_seen": Min("date"), "last_seen": Max("date")}


# The Flask-era routes /api/analytics/by-year, ... (see catalog_site.api.legacy).
legacy_urls = legacy_routes("analytics/", Film, LEGACY_ROUTES)
