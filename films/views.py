from django.db.models import Max, Min

from catalog_site.api import CatalogViewSet, Grouping
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


class FilmViewSet(CatalogViewSet):
    """Films: list (whole array, or ?limit=&offset=), detail by id or uuid, and writes for
    users with the films permissions."""

    queryset = Film.objects.all()
    serializer_class = FilmSerializer
    filterset_class = FilmFilter
    groupings = {
        "year-watched": Grouping(("year_watched", "seen_on"), year_watched),
        "decade": Grouping(("release_year",), lambda values: decade(values[0])),
        "rt": Grouping(("rotten_tomatoes",), lambda values: rt_range(values[0])),
        "genre": Grouping(("genre_index",), lambda values: genres(values[0])),
    }
    summary_aggregates = {"first_seen": Min("seen_on"), "last_seen": Max("seen_on")}

    def possible_duplicates(self, data):
        """Same title (ignoring case, spacing and article) and same release year."""
        return list(
            Film.objects.filter(
                sort_title=sort_title(data["title"]), release_year=data.get("release_year")
            )
        )
