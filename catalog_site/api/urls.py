"""/api/: the films and books endpoints, the Flask-era analytics routes, the OpenAPI schema
and its docs page."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from books.analytics import LEGACY_ROUTES as BOOK_ROUTES
from books.api import BookViewSet
from books.models import Book
from films.analytics import LEGACY_ROUTES as FILM_ROUTES
from films.api import FilmViewSet
from films.models import Film

from .legacy import LegacyAnalyticsView, LegacyBookSummaryView

# "/?": /api/films and /api/films/ both answer, as the legacy API's paths had no slash.
router = SimpleRouter()
router.trailing_slash = "/?"
router.register("films", FilmViewSet, basename="film")
router.register("books", BookViewSet, basename="book")


def legacy_routes(prefix, model, routes):
    return [
        re_path(
            rf"^{prefix}{name}/?$",
            LegacyAnalyticsView.for_route(model, name, label, label_type, grouping),
            name=f"legacy-{model._meta.model_name}-{name}",
        )
        for name, (label, label_type, grouping) in routes.items()
    ]


# The page and its start-up script are two answers, as the Content-Security-Policy allows no
# inline script; Swagger UI adds <style> elements as it draws, so this page allows those.
api_docs = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="schema")
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_docs, name="api-docs"),
    *legacy_routes("analytics/", Film, FILM_ROUTES),
    *legacy_routes("analytics/books/", Book, BOOK_ROUTES),
    re_path(
        r"^analytics/books/summary/?$",
        LegacyBookSummaryView.as_view(model=Book),
        name="legacy-book-summary",
    ),
    *router.urls,
]
