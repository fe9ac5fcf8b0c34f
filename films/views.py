from django.db.models import Avg, Count, Max, Min
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from catalog_site.api import CatalogViewSet, grouped
from catalog_site.text import genre_label, sort_title

from .filters import FilmFilter
from .models import Film
from .serializers import FilmSerializer


def year_watched(value):
    text, seen_on = value
    return [text or (str(seen_on.year) if seen_on else "unknown")]


def decade(year):
    return [f"{year // 10 * 10}s" if year else "unknown"]


def rt_range(percent):
    if percent is None:
        return ["no RT score"]
    low = min(percent // 10 * 10, 90)
    return [f"{low}-{low + 9 if low < 90 else 100}%"]


def genres(index):
    return [genre_label(key) for key in index.split("|") if key] or ["none"]


ANALYTICS = {
    # name: (columns read, labels of one row)
    "year-watched": (("year_watched", "seen_on"), year_watched),
    "decade": (("release_year",), lambda values: decade(values[0])),
    "rt": (("rotten_tomatoes",), lambda values: rt_range(values[0])),
    "genre": (("genre_index",), lambda values: genres(values[0])),
}


class FilmViewSet(CatalogViewSet):
    """Films: list (whole array, or ?limit=&offset=), detail by id or uuid, and writes for
    users with the films permissions."""

    queryset = Film.objects.all()
    serializer_class = FilmSerializer
    filterset_class = FilmFilter

    def possible_duplicates(self, data):
        """Same title (ignoring case, spacing and article) and same release year."""
        return list(
            Film.objects.filter(
                sort_title=sort_title(data["title"]), release_year=data.get("release_year")
            )
        )

    @extend_schema(summary="Films grouped: year-watched, decade, rt or genre")
    @action(detail=False, url_path=r"analytics/(?P<kind>[a-z-]+)")
    def analytics(self, request, kind):
        if kind not in ANALYTICS:
            raise NotFound(f"Unknown analytics {kind!r}; one of {', '.join(ANALYTICS)}.")
        columns, labels = ANALYTICS[kind]
        rows = self.filter_queryset(self.get_queryset()).values_list(*columns, "score")
        return Response(grouped(((row[:-1], row[-1]) for row in rows), labels))

    @action(detail=False)
    def summary(self, request):
        films = self.filter_queryset(self.get_queryset()).order_by()
        summary = films.aggregate(
            count=Count("id"),
            average_score=Avg("score"),
            first_seen=Min("seen_on"),
            last_seen=Max("seen_on"),
            graded=Count("score"),
        )
        if summary["average_score"] is not None:
            summary["average_score"] = round(summary["average_score"], 2)
        return Response(summary)
