"""The public book pages: the list, one book, and the stats."""

from django.views.generic import DetailView

from catalog_site.catalog.analytics import by_count
from catalog_site.pages.lists import (
    CatalogListView,
    caseless_options,
    distinct,
    grade_options,
    year_options,
)
from catalog_site.pages.stats import CatalogStatsView

from .analytics import GROUPINGS
from .filters import BookFilter
from .models import Book


class BookListView(CatalogListView):
    filterset_class = BookFilter
    template_name = "books/book_list.html"
    extra_context = {
        "section": "books",
        "noun": "books",
        "noun_one": "book",
        "stats_url": "books:stats",
        "search_hint": "Title or author",
    }
    sorts = [
        ("rating", "Rating"),
        ("-date_read", "Recently read"),
        ("date_read", "First read"),
        ("title", "Title"),
        ("-pages", "Longest"),
        ("pages", "Shortest"),
        ("order_number", "Reading order"),
    ]
    columns = (
        "title",
        "author",
        "grade",
        "a_grade_rank",
        "image_url",
        "date_text",
        "year",
        "type",
        "format",
        "pages",
    )
    text_filters = {"q": "Search", "author": "Author"}
    facet_labels = {"grade": "Grade", "year": "Year read", "type": "Type", "form": "Form"}

    def facet_options(self, queryset):
        return {
            "grade": grade_options(),
            "year": year_options(queryset),
            "type": caseless_options(distinct(queryset, "type")),
            "form": caseless_options(distinct(queryset, "format")),
        }


class BookDetailView(DetailView):
    model = Book
    extra_context = {"section": "books"}


class BookStatsView(CatalogStatsView):
    filterset_class = BookFilter
    groupings = GROUPINGS
    noun = "books"
    list_url = "books:list"
    extra_context = {"section": "books"}
    charts = [
        ("year", "By year read", None),
        ("type", "By type", by_count),
        ("form", "By form", by_count),
        ("authors", "Top authors", None),
    ]
