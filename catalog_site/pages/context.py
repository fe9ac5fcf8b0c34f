"""What every public page's template knows: the catalogs, for the navigation and footer."""

from catalog_site.catalog import registry


def catalogs(request):
    """`site_catalogs`: [{"name": "films", "model": Film._meta}, ...], in INSTALLED_APPS order."""
    return {
        "site_catalogs": [
            {"name": config.catalog_name, "model": config.model._meta}
            for config in registry.catalogs()
        ]
    }
