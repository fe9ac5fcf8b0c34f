"""The Flask-era `books` table, as the legacy import reads it (see catalog_site.sync.legacy)."""

from catalog_site.sync.legacy import LegacyTable, RowReader

COLUMNS = {
    "id", "order_number", "date_read", "year", "book_name", "author", "details_commentary",
    "j_rayting", "score", "type", "pages", "form", "notes_in_notion", "notion_link", "cover_url",
    "google_books_id", "isbn", "average_rating", "ratings_count", "published_date",
    "year_written", "description", "a_grade_rank", "created_at", "updated_at",
}  # fmt: skip


def book_fields(row, notes):
    """The Book fields for one legacy `books` row."""
    read = RowReader(row, notes)
    return {
        **read.shared_fields(TABLE, 500, "j_rayting"),
        "author": read.text("author", 300),
        "order_number": read.integer("order_number", low=0),
        "year": read.integer("year", 1900, 2200),
        "notes": read.text("details_commentary"),
        "type": read.text("type", 60),
        "format": read.text("form", 30),
        "pages": read.integer("pages", low=1),
        "notes_in_notion": read.yes_no("notes_in_notion"),
        "notion_link": read.url("notion_link"),
        "image_url": read.url("cover_url"),
        "google_books_id": read.text("google_books_id", 40),
        "isbn": read.text("isbn", 20),
        "average_rating": read.number("average_rating", 0, 5),
        "ratings_count": read.integer("ratings_count", low=0),
        "published_date": read.text("published_date", 20),
        "year_written": read.integer("year_written", -3000, 3000),
        "description": read.text("description"),
    }


TABLE = LegacyTable("books", COLUMNS, book_fields, "book_name", "date_read")
