from django.db.models import Max, Min, Sum

from catalog_site.api.viewsets import CatalogViewSet

from . import lookup
from .analytics import GROUPINGS
from .filters import BookFilter
from .models import Book
from .serializers import BookSerializer


class BookViewSet(CatalogViewSet):
    """Books: list (whole array, or ?limit=&offset=), detail by id or uuid, and writes for
    users with the books permissions."""

    queryset = Book.objects.all()
    look_up = staticmethod(lookup.look_up)
    serializer_class = BookSerializer
    filterset_class = BookFilter
    groupings = GROUPINGS
    summary_aggregates = {
        "pages": Sum("pages"),
        "first_read": Min("date"),
        "last_read": Max("date"),
    }
