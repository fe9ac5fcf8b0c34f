from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from .catalog import registry
from .pages import feeds, sitemaps, views

CATALOGS = "|".join(registry.names())

# Each catalog: its admin site at /<name>/admin/ and its public pages at /<name>/.
urlpatterns = [
    path("", views.home, name="home"),
    # Pages that name no icon (the API docs, the browsable API) are asked for this one.
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.sitemaps()}, name="sitemap"),
    # RSS and Atom of every catalog, and of each (pages/feeds.py).
    re_path(r"^feed/(?P<kind>rss|atom)/$", feeds.feed, name="feed"),
    re_path(
        rf"^(?P<catalog>{CATALOGS})/feed/(?P<kind>rss|atom)/$", feeds.feed, name="catalog-feed"
    ),
    *(
        path(f"{config.catalog_name}/admin/", config.declared("admin_site").urls)
        for config in registry.catalogs()
    ),
    *(path(f"{config.catalog_name}/", include(config.urls)) for config in registry.catalogs()),
    path("admin/", admin.site.urls),
    path("api/", include("catalog_site.api.urls")),
]

# An unreachable database is a 503 with Retry-After, not a 500 (pages/errors.py).
handler500 = "catalog_site.pages.errors.server_error"
