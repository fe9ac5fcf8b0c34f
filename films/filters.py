import django_filters

from catalog_site.catalog.filters import (
    CatalogFilterSet,
    NumberFilter,
    StreamingFilter,
    nulls_last,
)
from catalog_site.catalog.models import year_written
from catalog_site.catalog.text import genre_key

from .models import Film


def watched_in(queryset, value):
    """Films watched in a year (also those whose year watched is empty and whose date seen
    names that year: Film.objects.of_year), or with the year watched as written
    ("Pre-2006")."""
    year = year_written(value)
    return queryset.of_year(year) if year else queryset.filter(year_watched__iexact=value)


class FilmFilter(CatalogFilterSet):
    orderings = {
        # Best first; among films of one grade, the owner's A-grade ranking decides.
        "rating": [nulls_last("score", True), nulls_last("a_grade_rank"), "sort_title"],
        "release_year": [nulls_last("release_year"), "sort_title"],
        "rotten_tomatoes": [nulls_last("rotten_tomatoes"), "sort_title"],
        "date_seen": [nulls_last("date"), "sort_title"],
        "title": ["sort_title", nulls_last("release_year")],
        "updated_at": ["updated_at", "id"],
    }

    release_year = NumberFilter()
    decade = NumberFilter(method="filter_decade", help_text="1990 for the 1990s")
    year_watched = django_filters.CharFilter(
        method="filter_year_watched", help_text="A year (also matches the date seen), or Pre-2006"
    )
    genre = django_filters.CharFilter(
        method="filter_genre", help_text="A genre, e.g. Drama or Sci Fi; several as Drama,Crime"
    )
    # Substrings, as the Flask-era API matched them: format=netflix finds "Netflix DVD".
    format = django_filters.CharFilter(lookup_expr="icontains")
    location = django_filters.CharFilter(lookup_expr="icontains")
    streaming = StreamingFilter(
        field_name="streaming",
        help_text="Streaming in WATCH_REGION on any of these services: netflix,max",
    )
    rt_min = NumberFilter(field_name="rotten_tomatoes", lookup_expr="gte")
    rt_max = NumberFilter(field_name="rotten_tomatoes", lookup_expr="lte")

    class Meta:
        model = Film
        fields = []

    def filter_decade(self, queryset, name, value):
        start = int(value) // 10 * 10
        return queryset.filter(release_year__gte=start, release_year__lt=start + 10)

    def filter_year_watched(self, queryset, name, value):
        return watched_in(queryset, value)

    def filter_genre(self, queryset, name, value):
        for key in {genre_key(part) for part in value.split(",")} - {""}:
            queryset = queryset.in_genre(key)
        return queryset
