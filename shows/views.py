"""The public TV show pages: the list, one show, and the stats."""

from django.views.generic import DetailView

from catalog_site.catalog.analytics import by_count
from catalog_site.catalog.filters import streaming_services
from catalog_site.catalog.text import genre_label
from catalog_site.pages.lists import CatalogListView, Option, grade_options, year_options
from catalog_site.pages.stats import CatalogStatsView

from .analytics import GROUPINGS
from .filters import ShowFilter
from .models import Show


class ShowListView(CatalogListView):
    filterset_class = ShowFilter
    template_name = "shows/show_list.html"
    extra_context = {
        "section": "shows",
        "noun": "TV shows",
        "noun_one": "TV show",
        "stats_url": "shows:stats",
        "search_hint": "Title",
    }
    sorts = [
        ("rating", "Rating"),
        ("-date_watched", "Recently watched"),
        ("date_watched", "First watched"),
        ("-start_year", "Newest"),
        ("start_year", "Oldest"),
        ("-imdb_rating", "IMDb rating"),
        ("-seasons", "Most seasons"),
        ("title", "Title"),
    ]
    columns = (
        "title",
        "start_year",
        "end_year",
        "is_ongoing",
        "grade",
        "a_grade_rank",
        "imdb_rating",
        "image_url",
        "date_text",
        "seasons",
        "watch_providers_updated_at",
    )
    facet_labels = {
        "grade": "Grade",
        "decade": "Began",
        "watched": "Year watched",
        "genre": "Genre",
        "ongoing": "Still running",
        "streaming": "Streaming on",
    }
    multiple_facets = ("streaming",)

    def facet_options(self, queryset):
        decades = queryset.decades("start_year")
        genres = sorted(genre_label(key) for key in queryset.genre_keys())
        return {
            "grade": grade_options(),
            "decade": [Option(str(decade), f"{decade}s") for decade in decades],
            "watched": year_options(queryset),
            "genre": [Option(label, label) for label in genres],
            "ongoing": [Option("true", "Yes"), Option("false", "No")],
            "streaming": [Option(name, name) for name in streaming_services(queryset)],
        }


class ShowDetailView(DetailView):
    model = Show
    extra_context = {"section": "shows"}


class ShowStatsView(CatalogStatsView):
    filterset_class = ShowFilter
    groupings = GROUPINGS
    noun = "TV shows"
    list_url = "shows:list"
    extra_context = {"section": "shows"}
    charts = [
        ("year-watched", "By year watched", None),
        ("decade", "By the decade it began", None),
        ("genre", "By genre", by_count),
        ("imdb", "By IMDb rating", None),
    ]
