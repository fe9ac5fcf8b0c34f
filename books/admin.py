from django.contrib import admin

from catalog_site.catalog.admin import AppAdminSite, CatalogEntryAdmin
from catalog_site.files.admin import FileAdminMixin
from catalog_site.history.admin import HistoryAdminMixin
from catalog_site.providers.admin import LookupAdminMixin
from catalog_site.tidy.admin import TidyAdminMixin
from catalog_site.tidy.values import TidyField

from . import lookup
from .models import Book


class BookAdminSite(AppAdminSite):
    app_label = "books"
    site_header = "Books"
    site_title = "Books admin"
    index_title = "Books read"


site = BookAdminSite(name="books_admin")


@admin.register(Book, site=site)
class BookAdmin(
    TidyAdminMixin, FileAdminMixin, LookupAdminMixin, HistoryAdminMixin, CatalogEntryAdmin
):
    look_up = staticmethod(lookup.look_up)
    choice_of = staticmethod(lookup.choice_of)
    choice_params = ("isbn", "google_books_id")
    choice_label = "ISBN"
    list_display = [
        "thumbnail",
        "title_display",
        "author_display",
        "grade_display",
        "a_grade_rank",
        "date_display",
        "type",
        "format",
        "pages",
    ]
    tidy_fields = [TidyField("format"), TidyField("type"), TidyField("author")]
    list_display_links = ["title_display"]
    list_editable = ["a_grade_rank"]
    list_filter = ["grade", "year", "type", "format", "notes_in_notion"]
    date_hierarchy = "date"
    readonly_fields = [
        "score",
        "date",
        "date_precision",
        *CatalogEntryAdmin.record_fields,
        "legacy_record",
    ]
    fieldsets = [
        (None, {"fields": ["title", "author", ("type", "format", "pages")]}),
        ("Read", {"fields": [("date_text", "year"), "all_dates", "order_number"]}),
        ("Rating", {"fields": [("grade", "score"), "a_grade_rank", "notes"]}),
        ("Notes", {"fields": ["notes_in_notion", "notion_link"]}),
        (
            "Publication",
            {
                "classes": ["collapse"],
                "fields": [
                    "image_url",
                    ("google_books_id", "isbn", "goodreads_id"),
                    ("published_date", "year_written"),
                    ("average_rating", "ratings_count"),
                    "description",
                ],
            },
        ),
        CatalogEntryAdmin.record_fieldset,
    ]

    @admin.display(description="author", ordering="author")
    def author_display(self, book):
        return book.author_display

    @admin.display(description="date read", ordering="date")
    def date_display(self, book):
        return book.date_text or "—"
