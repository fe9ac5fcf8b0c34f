import django_filters

from catalog_site.catalog.filters import (
    CatalogFilterSet,
    NumberFilter,
    StreamingFilter,
    YearFilter,
    grades_of,
    nulls_last,
    validate_grades,
)
from catalog_site.catalog.text import genre_key

from .models import Show


class ShowFilter(CatalogFilterSet):
    orderings = {
        # Best first; among shows of one grade, the owner's A-grade ranking decides.
        "rating": [nulls_last("score", True), nulls_last("a_grade_rank"), "sort_title"],
        "start_year": [nulls_last("start_year"), "sort_title"],
        "imdb_rating": [nulls_last("imdb_rating"), "sort_title"],
        "date_watched": [nulls_last("date"), "sort_title"],
        "seasons": [nulls_last("seasons"), "sort_title"],
        "title": ["sort_title", nulls_last("start_year")],
        "updated_at": ["updated_at", "id"],
    }

    # The Flask-era API's name for the grade (?rating=A-, exact).
    rating = django_filters.CharFilter(
        method="filter_rating",
        validators=[validate_grades],
        help_text="A grade, as the Flask-era API took it; several as A,A-.",
    )
    start_year = NumberFilter()
    decade = NumberFilter(method="filter_decade", help_text="1990 for shows begun in the 1990s")
    genre = django_filters.CharFilter(
        method="filter_genre", help_text="A genre, e.g. Drama; several as Drama,Crime"
    )
    # A choice, so that a value it cannot use (ongoing=maybe) is a 400, not every show.
    ongoing = django_filters.ChoiceFilter(
        method="filter_ongoing",
        choices=[("true", "Yes"), ("false", "No")],
        help_text="true: still running; false: ended",
    )
    watched = YearFilter(help_text="The year it was watched")
    streaming = StreamingFilter(
        field_name="streaming",
        help_text="Streaming in WATCH_REGION on any of these services: netflix,max",
    )

    class Meta:
        model = Show
        fields = []

    def filter_rating(self, queryset, name, value):
        return queryset.filter(grade__in=grades_of(self.data, name))

    def filter_ongoing(self, queryset, name, value):
        return queryset.filter(is_ongoing=value == "true")

    def filter_decade(self, queryset, name, value):
        start = int(value) // 10 * 10
        return queryset.filter(start_year__gte=start, start_year__lt=start + 10)

    def filter_genre(self, queryset, name, value):
        for key in {genre_key(part) for part in value.split(",")} - {""}:
            queryset = queryset.in_genre(key)
        return queryset
