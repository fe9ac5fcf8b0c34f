"""The filters the films and books APIs (and the public lists) share: folded search,
several grades at once and named orderings."""

import django_filters
from django.db.models import F, OrderBy

from catalog_site.catalog.text import fold


class FoldedSearchFilter(django_filters.CharFilter):
    """Every word of the term, folded (case, accents), must be in the field's folded key."""

    def filter(self, queryset, value):
        for word in fold(value).split():
            queryset = queryset.filter(**{f"{self.field_name}__contains": word})
        return queryset


def values_of(data, name):
    """Every value of a query parameter, repeated (?grade=A&grade=B) or comma-separated."""
    return {part.strip() for value in data.getlist(name) for part in value.split(",")} - {""}


def nulls_last(field, descending=False):
    return OrderBy(F(field), descending=descending, nulls_last=True)


def reversed_order(order):
    """The opposite order; empty values stay last either way."""
    return [
        OrderBy(term.expression, descending=not term.descending, nulls_last=True)
        if isinstance(term, OrderBy)
        else (term[1:] if term.startswith("-") else f"-{term}")
        for term in order
    ]


class CatalogFilterSet(django_filters.FilterSet):
    """Search, several grades at once and named orderings, for films and books alike."""

    orderings = {}

    q = FoldedSearchFilter(field_name="search_text", help_text="Words to find, in any order.")
    grade = django_filters.CharFilter(
        method="filter_grade", help_text="A grade; several as A,A- (encode + as %2B)."
    )
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    ordering = django_filters.CharFilter(
        method="filter_ordering", help_text="A named order; a leading '-' reverses it."
    )

    def filter_grade(self, queryset, name, value):
        return queryset.filter(grade__in=values_of(self.data, name))

    def filter_ordering(self, queryset, name, value):
        order = self.orderings.get(value.lstrip("-"))
        if order is None:
            return queryset
        return queryset.order_by(*(reversed_order(order) if value.startswith("-") else order))
