"""/api/: each catalog's endpoints and Flask-era routes, the OpenAPI schema and its docs page."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from catalog_site.catalog import registry

from .index import api_index

# "/?": /api/films and /api/films/ both answer, as the legacy API's paths had no slash.
router = SimpleRouter()
router.trailing_slash = "/?"
for config in registry.catalogs():
    router.register(
        config.catalog_name, config.declared("viewset"), basename=config.model._meta.model_name
    )


# The page and its start-up script are two answers, as the Content-Security-Policy allows no
# inline script; Swagger UI adds <style> elements as it draws, so this page allows those.
api_docs = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="schema")
)

urlpatterns = [
    path("", api_index, name="api-index"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs, name="api-docs"),
    # Each catalog's Flask-era routes (CatalogConfig.api_urls).
    *(pattern for config in registry.catalogs() for pattern in config.declared("api_urls")),
    *router.urls,
]
