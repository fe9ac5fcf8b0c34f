from django.db.models import Avg, Count, Max, Min, Sum
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from catalog_site.api import CatalogViewSet, grouped
from catalog_site.text import fold, person_display, sort_title, split_people

from .filters import BookFilter
from .models import Book
from .serializers import BookSerializer

TOP_AUTHORS = 20


def by_count(row):
    return (-row["count"], row["label"])


ANALYTICS = {
    # name: (columns read, labels of one row, order)
    "year": (("year",), lambda values: [values[0] or "unknown"], None),
    "type": (("type",), lambda values: [values[0] or "none"], None),
    "form": (("form",), lambda values: [values[0].capitalize() or "none"], None),
    "authors": (("author",), lambda values: split_people(values[0]) or ["unknown"], by_count),
}


class BookViewSet(CatalogViewSet):
    """Books: list (whole array, or ?limit=&offset=), detail by id or uuid, and writes for
    users with the books permissions."""

    queryset = Book.objects.all()
    serializer_class = BookSerializer
    filterset_class = BookFilter

    def possible_duplicates(self, data):
        """Same title (ignoring case, spacing and article) by the same author."""
        author = fold(person_display(data.get("author", "")))
        return [
            book
            for book in Book.objects.filter(sort_title=sort_title(data["book_name"]))
            if fold(book.author_display) == author
        ]

    @extend_schema(summary="Books grouped: year, type, form or authors (the top 20)")
    @action(detail=False, url_path=r"analytics/(?P<kind>[a-z-]+)")
    def analytics(self, request, kind):
        if kind not in ANALYTICS:
            raise NotFound(f"Unknown analytics {kind!r}; one of {', '.join(ANALYTICS)}.")
        columns, labels, order = ANALYTICS[kind]
        rows = self.filter_queryset(self.get_queryset()).values_list(*columns, "score")
        result = grouped(((row[:-1], row[-1]) for row in rows), labels, key=order)
        return Response(result[:TOP_AUTHORS] if kind == "authors" else result)

    @action(detail=False)
    def summary(self, request):
        books = self.filter_queryset(self.get_queryset()).order_by()
        summary = books.aggregate(
            count=Count("id"),
            average_score=Avg("score"),
            pages=Sum("pages"),
            first_read=Min("read_on"),
            last_read=Max("read_on"),
            graded=Count("score"),
        )
        if summary["average_score"] is not None:
            summary["average_score"] = round(summary["average_score"], 2)
        return Response(summary)
