from catalog_site.catalog import registry


class PlaysConfig(registry.CatalogConfig):
    name = "catalog_site.tests.plays"
    label = "plays"
    verbose_name = "Plays"
    model_name = "Play"
    legacy_table = "catalog_site.tests.plays.legacy.TABLE"
    look_up = "catalog_site.tests.plays.lookup.look_up"
    enrich_fields = {"poster": "image_url"}
    demo_key = ("title", "theatre")
    viewset = "catalog_site.tests.plays.api.PlayViewSet"
    api_urls = "catalog_site.tests.plays.api.legacy_urls"
    admin_site = "catalog_site.tests.plays.admin.site"
