"""The public film pages: the list, one film, and the stats."""

from django.views.generic import DetailView

from catalog_site.catalog.analytics import by_count
from catalog_site.catalog.filters import streaming_services
from catalog_site.catalog.models import year_written
from catalog_site.catalog.text import genre_label
from catalog_site.pages.lists import (
    CatalogListView,
    Option,
    caseless_options,
    distinct,
    grade_options,
    year_options,
)
from catalog_site.pages.stats import CatalogStatsView

from .analytics import GROUPINGS
from .filters import FilmFilter
from .models import Film


def year_watched_options(queryset):
    """Years watched, newest first (also those only a date seen names: see
    Film.objects.years), then the periods written instead of a year, such as 'Pre-2006'."""
    periods = [value for value in distinct(queryset, "year_watched") if not year_written(value)]
    others = sorted(periods, key=str.casefold)
    return year_options(queryset) + [Option(value, value) for value in others]


def genre_options(queryset):
    labels = sorted(genre_label(key) for key in queryset.genre_keys())
    return [Option(label, label) for label in labels]


def decade_options(queryset):
    return [Option(str(decade), f"{decade}s") for decade in queryset.decades("release_year")]


class FilmListView(CatalogListView):
    filterset_class = FilmFilter
    template_name = "films/film_list.html"
    extra_context = {
        "section": "films",
        "noun": "films",
        "noun_one": "film",
        "stats_url": "films:stats",
        "search_hint": "Title",
    }
    sorts = [
        ("rating", "Rating"),
        ("-release_year", "Newest release"),
        ("release_year", "Oldest release"),
        ("-rotten_tomatoes", "RT score"),
        ("-date_seen", "Recently seen"),
        ("date_seen", "First seen"),
        ("title", "Title"),
    ]
    columns = (
        "title",
        "release_year",
        "grade",
        "a_grade_rank",
        "rotten_tomatoes",
        "image_url",
        "date_text",
        "year_watched",
        "format",
        "length_minutes",
        "watch_providers_updated_at",
    )
    facet_labels = {
        "grade": "Grade",
        "decade": "Decade",
        "year_watched": "Year watched",
        "genre": "Genre",
        "format": "Format",
        "streaming": "Streaming on",
    }

    multiple_facets = ("streaming",)

    def facet_options(self, queryset):
        return {
            "grade": grade_options(),
            "decade": decade_options(queryset),
            "year_watched": year_watched_options(queryset),
            "genre": genre_options(queryset),
            "format": caseless_options(distinct(queryset, "format")),
            "streaming": [Option(name, name) for name in streaming_services(queryset)],
        }


class FilmDetailView(DetailView):
    model = Film
    extra_context = {"section": "films"}


class FilmStatsView(CatalogStatsView):
    filterset_class = FilmFilter
    groupings = GROUPINGS
    noun = "films"
    list_url = "films:list"
    extra_context = {"section": "films"}
    charts = [
        ("year-watched", "By year watched", None),
        ("decade", "By release decade", None),
        ("rt", "By Rotten Tomatoes score", None),
        ("genre", "By genre", by_count),
    ]
