from catalog_site.catalog import registry


class ShowsConfig(registry.CatalogConfig):
    name = "shows"
    verbose_name = "TV shows"
    model_name = "Show"
    legacy_table = "shows.legacy.TABLE"
    look_up = "shows.lookup.look_up"
    # What enrich fills, by the names --fields takes.
    enrich_fields = {
        "poster": "image_url",
        "genres": "genres",
        "years": "start_year",
        "ended": "end_year",
        "ongoing": "is_ongoing",
        "seasons": "seasons",
        "episodes": "episodes",
        "tmdb": "tmdb_id",
        "imdb": "imdb_id",
        "imdb_rating": "imdb_rating",
        "providers": "watch_providers",
    }
    demo_key = ("title", "start_year")
    file_formats = ("shows.trakt.Trakt",)
    # IMDb's ratings export (read by films.imdb) gives its series and mini-series to shows.
    imdb_title_types = ("tvSeries", "tvMiniSeries")
    imdb_values = "shows.imdb.show_values"
    viewset = "shows.api.ShowViewSet"
    api_urls = "shows.api.legacy_urls"
    admin_site = "shows.admin.site"
