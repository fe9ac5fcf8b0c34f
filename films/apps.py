from catalog_site.catalog import registry


class FilmsConfig(registry.CatalogConfig):
    name = "films"
    verbose_name = "Films"
    model_name = "Film"
    legacy_table = "films.legacy.TABLE"
    look_up = "films.lookup.look_up"
    # What enrich fills, by the names --fields takes.
    enrich_fields = {
        "poster": "image_url",
        "runtime": "length_minutes",
        "genres": "genres",
        "year": "release_year",
        "rt": "rotten_tomatoes",
        "tmdb": "tmdb_id",
        "imdb": "imdb_id",
        "providers": "watch_providers",
    }
    demo_key = ("title", "release_year")
    file_formats = ("films.letterboxd.Letterboxd", "films.imdb.Imdb")
    viewset = "films.api.FilmViewSet"
    api_urls = "films.api.legacy_urls"
    admin_site = "films.admin.site"
