import django_filters

from catalog_site.catalog.filters import (
    CatalogFilterSet,
    FoldedSearchFilter,
    YearFilter,
    nulls_last,
)

from .models import Book


class BookFilter(CatalogFilterSet):
    orderings = {
        "rating": [nulls_last("score", True), nulls_last("a_grade_rank"), "sort_title"],
        "date_read": [nulls_last("date"), nulls_last("order_number"), "sort_title"],
        "title": ["sort_title", "id"],
        "pages": [nulls_last("pages"), "sort_title"],
        "order_number": [nulls_last("order_number"), "id"],
        "updated_at": ["updated_at", "id"],
    }

    author = FoldedSearchFilter(
        field_name="author_key", help_text="Words of the author's name, in either order."
    )
    type = django_filters.CharFilter(lookup_expr="iexact")
    form = django_filters.CharFilter(field_name="format", lookup_expr="iexact")
    year = YearFilter(
        help_text="The year read (also matches books without one whose date read names it)"
    )

    class Meta:
        model = Book
        fields = []
