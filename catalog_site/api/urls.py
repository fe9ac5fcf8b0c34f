"""/api/: the films and books endpoints, the OpenAPI schema and its docs page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from books.api import BookViewSet
from films.api import FilmViewSet

# "/?": /api/films and /api/films/ both answer, as the legacy API's paths had no slash.
router = SimpleRouter()
router.trailing_slash = "/?"
router.register("films", FilmViewSet, basename="film")
router.register("books", BookViewSet, basename="book")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    *router.urls,
]
