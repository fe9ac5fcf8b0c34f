from django.db.models import Max, Min, Q, Sum
from django.http import HttpResponseRedirect
from django.urls import re_path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound

from catalog_site.api.legacy import LegacyBookSummaryView, legacy_routes
from catalog_site.api.viewsets import CatalogViewSet

from . import lookup
from .analytics import GROUPINGS, LEGACY_ROUTES, YEAR_REVIEW
from .filters import BookFilter
from .models import Book
from .serializers import BookSerializer


def stored_cover(url, google_books_id):
    """The cover of a book in the catalog whose cover is `url`, else of the book with that
    Google Books id; None if neither. Only http(s) covers count, so nothing else can ever be
    redirected to."""
    covers = Book.objects.filter(
        Q(image_url__startswith="https://") | Q(image_url__startswith="http://")
    )
    for name, value in (("image_url", url), ("google_books_id", google_books_id)):
        if value:
            cover = covers.filter(**{name: value}).values_list("image_url", flat=True).first()
            if cover:
                return cover
    return None


class CoverQuery(serializers.Serializer):
    url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    book_id = serializers.CharField(required=False, allow_blank=True, max_length=40)


class BookViewSet(CatalogViewSet):
    """Books: list (whole array, or ?limit=&offset=), detail by id or uuid, and writes for
    users with the books permissions."""

    queryset = Book.objects.all()
    look_up = staticmethod(lookup.look_up)
    serializer_class = BookSerializer
    filterset_class = BookFilter
    groupings = GROUPINGS
    year_review = YEAR_REVIEW
    summary_aggregates = {
        "pages": Sum("pages"),
        "first_read": Min("date"),
        "last_read": Max("date"),
    }

    @extend_schema(
        summary="The cover of a book (Flask-era route): a redirect to the stored cover",
        parameters=[
            OpenApiParameter("url", OpenApiTypes.URI, description="A cover URL of the catalog"),
            OpenApiParameter("book_id", OpenApiTypes.STR, description="A Google Books id"),
        ],
        responses={302: OpenApiResponse(description="To the cover"), 404: None},
    )
    @action(detail=False, url_path="cover-proxy", filter_backends=[], pagination_class=None)
    def cover_proxy(self, request):
        """The old server fetched the image itself; this one never fetches anything. It
        redirects to a cover stored in the catalog, and to nothing else, so it cannot be
        used as an open proxy or redirector."""
        query = CoverQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        cover = stored_cover(query.validated_data.get("url"), query.validated_data.get("book_id"))
        if cover is None:
            raise NotFound("No book of the catalog has this cover.")
        return HttpResponseRedirect(cover)


# The Flask-era routes /api/analytics/books/by-year, ... and their summary.
legacy_urls = [
    *legacy_routes("analytics/books/", Book, LEGACY_ROUTES),
    re_path(
        r"^analytics/books/summary/?$",
        LegacyBookSummaryView.as_view(model=Book),
        name="legacy-book-summary",
    ),
]
