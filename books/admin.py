from django.contrib import admin

from catalog_site.catalog.admin import AppAdminSite, CatalogEntryAdmin

from .models import Book


class BookAdminSite(AppAdminSite):
    app_label = "books"
    site_header = "Books"
    site_title = "Books admin"
    index_title = "Books read"


site = BookAdminSite(name="books_admin")


@admin.register(Book, site=site)
class BookAdmin(CatalogEntryAdmin):
    image_field = "cover_url"
    list_display = [
        "thumbnail",
        "title_display",
        "author_display",
        "grade",
        "a_grade_rank",
        "date_read_display",
        "year",
        "type",
        "form",
        "pages",
    ]
    list_display_links = ["title_display"]
    list_editable = ["a_grade_rank"]
    list_filter = ["j_rayting", "year", "type", "form", "notes_in_notion"]
    date_hierarchy = "read_on"
    readonly_fields = [
        "score",
        "read_on",
        "read_precision",
        *CatalogEntryAdmin.record_fields,
        "legacy_record",
    ]
    fieldsets = [
        (None, {"fields": ["book_name", "author", ("type", "form", "pages")]}),
        ("Read", {"fields": [("date_read", "year"), "order_number"]}),
        ("Rating", {"fields": [("j_rayting", "score"), "a_grade_rank", "details_commentary"]}),
        ("Notes", {"fields": ["notes_in_notion", "notion_link"]}),
        (
            "Publication",
            {
                "classes": ["collapse"],
                "fields": [
                    "cover_url",
                    ("google_books_id", "isbn"),
                    ("published_date", "year_written"),
                    ("average_rating", "ratings_count"),
                    "description",
                ],
            },
        ),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [
                    ("read_on", "read_precision"),
                    "uuid",
                    "legacy_id",
                    ("created_at", "updated_at"),
                    "legacy_record",
                ],
            },
        ),
    ]

    @admin.display(description="title", ordering="sort_title")
    def title_display(self, book):
        return book.display_title

    @admin.display(description="author", ordering="author")
    def author_display(self, book):
        return book.author_display

    @admin.display(description="grade", ordering="-score")
    def grade(self, book):
        return book.j_rayting or "—"

    @admin.display(description="date read", ordering="read_on")
    def date_read_display(self, book):
        return book.date_read or "—"
