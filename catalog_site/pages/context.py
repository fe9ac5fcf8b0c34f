"""What every page's template knows: the catalogs (the navigation and footer of the public
pages) and the admin sites the user may use (the admin's header, the home page)."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from catalog_site.catalog import registry
from catalog_site.catalog.admin import admin_sites_for


def catalogs(request):
    """`site_catalogs`: [{"name": "films", "model": Film._meta}, ...], in INSTALLED_APPS order."""
    return {
        "site_catalogs": [
            {"name": config.catalog_name, "model": config.model._meta}
            for config in registry.catalogs()
        ]
    }


def site(request):
    """`site_name`, `site_description` (settings) and `canonical_url`: the page's address
    without its query string, the one address search engines and shared links should use."""
    return {
        "site_name": settings.SITE_NAME,
        "site_description": settings.SITE_DESCRIPTION,
        "canonical_url": request.build_absolute_uri(request.path),
    }


def admin_sites(request):
    """`admin_sites`: the admin sites this user may use (see catalog.admin.admin_sites_for),
    found only on the pages that show them."""
    return {"admin_sites": SimpleLazyObject(lambda: admin_sites_for(request))}
