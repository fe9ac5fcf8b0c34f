from catalog_site.catalog import registry


class BooksConfig(registry.CatalogConfig):
    name = "books"
    verbose_name = "Books"
    model_name = "Book"
    legacy_table = "books.legacy.TABLE"
    look_up = "books.lookup.look_up"
    # What enrich fills, by the names --fields takes.
    enrich_fields = {
        "cover": "image_url",
        "pages": "pages",
        "published": "published_date",
        "isbn": "isbn",
        "description": "description",
        "google": "google_books_id",
        "rating": "average_rating",
    }
    demo_key = ("title", "author")
    file_formats = ("books.goodreads.Goodreads", "books.storygraph.StoryGraph")
    viewset = "books.api.BookViewSet"
    api_urls = "books.api.legacy_urls"
    admin_site = "books.admin.site"
