"""The filters the films and books APIs and the public lists share: folded search,
several grades at once and named orderings (the API's filter backend and the pages'
FilterView read the same filter sets, so one URL selects the same rows in both)."""

import json

import django_filters
from django.conf import settings
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import connections
from django.db.models import F, OrderBy, Q
from django_filters.constants import EMPTY_VALUES

from .cache import per_revision
from .grades import SCORES


class NumberFilter(django_filters.NumberFilter):
    """django-filter's, bounded below as well as above (it has 1e50 for an upper bound
    only): making an int of -1e1000000 for the query takes Python half a minute, a worker's
    whole time-out, for one anonymous request."""

    @property
    def field(self):
        if not hasattr(self, "_field"):
            field = super().field
            field.validators.append(MinValueValidator(-1e50))
        return self._field


class YearFilter(NumberFilter):
    """The rows of a year, as the year in review counts them (CatalogQuerySet.of_year)."""

    def filter(self, queryset, value):
        if value in EMPTY_VALUES:
            return queryset
        if value != int(value) or not 1 <= value <= 9999:  # no row has another year
            return queryset.none()
        return queryset.of_year(int(value))


class FoldedSearchFilter(django_filters.CharFilter):
    """Every word of the term, folded (case, accents), must be in the field's folded key."""

    def filter(self, queryset, value):
        return queryset.search(value, field=self.field_name)


MAX_SERVICES = 50  # services one ?streaming= asks for, the first named; more cost time


class StreamingFilter(django_filters.CharFilter):
    """The rows streaming (TMDB's "flatrate") on any of the services named, in WATCH_REGION,
    as the stored where-to-watch says: `?streaming=netflix,max` (names as TMDB writes them,
    in any case; repeated or comma-separated). On both engines: a whole name, quoted as JSON
    writes it, in the stored list's text."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [MaxLengthValidator(2000)])
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        data = self.parent.data
        # Only a name with a comma needs the services known, to be read whole.
        commas = any("," in asked for asked in data.getlist(self.field_name))
        known = known_services(queryset.model) if commas else ()
        names = values_of(data, self.field_name, whole=known)[:MAX_SERVICES]
        if not value or not names:
            return queryset
        on_any = Q()
        for name in names:
            # As JSON writes the name: SQLite keeps the text as Django wrote it ("\u00e9"),
            # PostgreSQL's jsonb gives the characters back ("é").
            for quoted in {json.dumps(name), json.dumps(name, ensure_ascii=False)}:
                on_any |= Q(watch_providers__flatrate__icontains=quoted)
        return queryset.filter(in_region()).filter(on_any)


def in_region():
    """Where-to-watch data of WATCH_REGION, or of no region named (as the old site kept it)."""
    region = settings.WATCH_REGION
    return Q(watch_providers__region=region) | Q(watch_providers__region__isnull=True)


def streaming_services(queryset):
    """The services the rows stream on in WATCH_REGION, as TMDB names them, sorted: what the
    "streaming on" filter offers."""
    rows = queryset.filter(in_region())
    if connections[rows.db].vendor == "postgresql":
        listed = distinct_streaming_names(rows)
    else:
        listed = (
            name
            for offers in rows.values_list("watch_providers", flat=True)
            if isinstance(offers, dict) and isinstance(offers.get("flatrate"), list)
            for name in offers["flatrate"]
            if isinstance(name, str)
        )
    names = {}
    for name in sorted(listed):  # of "Netflix" and "netflix", the same one on either path
        if name.strip():
            names.setdefault(name.casefold(), name)
    return sorted(names.values(), key=str.casefold)


def known_services(model):
    """streaming_services() of the whole catalog, cached until it changes."""
    return per_revision(
        model, "streaming-services", lambda: streaming_services(model.objects.all())
    )


def distinct_streaming_names(rows):
    """streaming_services()'s names on PostgreSQL, found by the database: at 100,000 films,
    reading every row's offers into Python made the first list page after a write take a
    second. The same names as the other path (a test compares them)."""
    try:
        inner, params = rows.order_by().values("watch_providers").query.sql_with_params()
    except EmptyResultSet:
        return []
    sql = (
        "SELECT DISTINCT service #>> '{}' FROM (" + inner + ") AS offers, "
        "jsonb_array_elements(CASE WHEN jsonb_typeof(offers.watch_providers -> 'flatrate')"
        " = 'array' THEN offers.watch_providers -> 'flatrate' ELSE '[]'::jsonb END) AS service "
        "WHERE jsonb_typeof(service) = 'string'"
    )
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [name for (name,) in cursor.fetchall()]


def values_of(data, name, whole=()):
    """Every value of a query parameter, repeated (?grade=A&grade=B) or comma-separated, in
    the order given, each once. A value that is one of `whole` (in any case) is not split:
    some names hold a comma ("HBO, Max" is not "HBO" and "Max")."""
    whole = {value.casefold() for value in whole}
    values = {}
    for value in data.getlist(name):
        parts = [value] if value.strip().casefold() in whole else value.split(",")
        for part in parts:
            if part := part.strip():
                values.setdefault(part.casefold(), part)
    return list(values.values())


def grades_of(data, name):
    """Every grade asked for, as values_of() reads them. No grade holds a space, so a space
    in one is a '+' that reached the query string unencoded (`?grade=A+` arrives as "A "),
    and is read as the '+' it was."""
    return {
        part.lstrip().replace(" ", "+") for value in data.getlist(name) for part in value.split(",")
    } - {""}


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


def validate_grades(value):
    unknown = sorted({part.strip() for part in value.split(",")} - set(SCORES) - {""})
    if unknown:
        raise ValidationError(
            "Unknown grade %(unknown)s; the grades are %(grades)s (encode + as %%2B).",
            params={"unknown": ", ".join(unknown), "grades": ", ".join(SCORES)},
        )


class CatalogFilterSet(django_filters.FilterSet):
    """Search, several grades at once and named orderings, for films and books alike.

    A parameter it knows with a value it cannot use (a grade that does not exist, an order
    it has no name for, a score that is not a number) makes the filter set invalid: the API
    answers 400 naming the parameter, and the pages say so above the list.
    """

    orderings = {}

    q = FoldedSearchFilter(field_name="search_text", help_text="Words to find, in any order.")
    search = FoldedSearchFilter(
        field_name="search_text", help_text="The same as q (the Flask-era API's name)."
    )
    grade = django_filters.CharFilter(
        method="filter_grade",
        validators=[validate_grades],
        help_text="A grade; several as A,A- (encode + as %2B).",
    )
    min_score = NumberFilter(field_name="score", lookup_expr="gte")
    # One choice per named order and its reverse; each filter set's own (see get_filters).
    ordering = django_filters.ChoiceFilter(method="filter_ordering")

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        filters["ordering"] = django_filters.ChoiceFilter(
            method="filter_ordering",
            choices=[(f"{sign}{name}",) * 2 for name in cls.orderings for sign in ("", "-")],
            help_text="A named order; a leading '-' reverses it.",
        )
        return filters

    def filter_grade(self, queryset, name, value):
        return queryset.filter(grade__in=grades_of(self.data, name))

    def filter_ordering(self, queryset, name, value):
        order = self.orderings[value.lstrip("-")]
        return queryset.order_by(*(reversed_order(order) if value.startswith("-") else order))
