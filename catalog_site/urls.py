from django.contrib import admin
from django.urls import include, path

from .catalog import registry
from .pages import views

# Each catalog: its admin site at /<name>/admin/ and its public pages at /<name>/.
urlpatterns = [
    path("", views.home, name="home"),
    # Pages that name no icon (the API docs, the browsable API) are asked for this one.
    path("favicon.ico", views.favicon, name="favicon"),
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
