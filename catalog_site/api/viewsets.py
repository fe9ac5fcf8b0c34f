"""The viewset the films and books APIs share: lookups by id or uuid, the duplicate check,
analytics, summary and the cached JSON list."""

import uuid
from itertools import islice

from django.db.models import Avg, Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound
from rest_framework.response import Response

from catalog_site.catalog.analytics import analyse
from catalog_site.catalog.cache import per_revision
from catalog_site.catalog.years import review, years_of
from catalog_site.history.context import acting
from catalog_site.providers.lookup import fill

from .caching import CachedReadMixin


class KeepsData:
    """An API exception answered with its data as given: the REST framework's own would
    turn each of its values into a string."""

    def __init__(self, data):
        super().__init__()
        self.detail = data


class Conflict(KeepsData, APIException):
    """409 with the rows it may duplicate, as the serializer gives them."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "possible_duplicate"


class NotFoundWithData(KeepsData, NotFound):
    """404 with data (the years that have rows, as numbers)."""


class CatalogViewSet(CachedReadMixin, viewsets.ModelViewSet):
    """List, detail (by id or uuid), create, replace, partial update and delete; every
    JSON read answered from the cache of the table's revision (see caching).

    Creating a row that looks like one already there answers 409 with the matches, unless
    the request says it is intended (`?intended=true` or `"intended": true`): a re-read,
    a remake.
    """

    lookup_value_regex = r"[0-9]+|[0-9a-fA-F-]{32,36}"

    def __init_subclass__(cls, **kwargs):
        """Each catalog's analytics kinds, listed in the schema as the values of {kind}, and
        the names of its year operations (both paths would make `films_year_retrieve`)."""
        super().__init_subclass__(**kwargs)
        if cls.groupings:
            kind = OpenApiParameter(
                "kind", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(cls.groupings)
            )
            extend_schema_view(analytics=extend_schema(parameters=[kind]))(cls)
        if cls.year_review:
            name = cls.queryset.model._meta.app_label
            extend_schema_view(
                years=extend_schema(operation_id=f"{name}_years"),
                year=extend_schema(operation_id=f"{name}_year_in_review"),
            )(cls)

    def cached_model(self):
        return self.queryset.model

    def cached_parameters(self):
        return [*self.filterset_class.base_filters, "limit", "offset"]

    def list(self, request, *args, **kwargs):
        """As the REST framework's; a whole list for the cache is rendered in pieces."""
        if (
            not self.renders_in_pieces
            or self.paginator.paginate_queryset(self.get_queryset().none(), request, self)
            is not None
        ):
            return super().list(request, *args, **kwargs)
        response = Response()
        response.json_pieces = self.json_pieces(self.filter_queryset(self.get_queryset()))
        return response

    def json_pieces(self, queryset, rows_per_piece=1000):
        """The JSON array of `queryset`, as the renderer would give it whole, a piece at a
        time: each piece's rows rendered as an array, joined without their brackets."""
        renderer = self.request.accepted_renderer
        context = self.get_renderer_context()
        rows = queryset.iterator(chunk_size=rows_per_piece)
        opening = b"["
        while batch := list(islice(rows, rows_per_piece)):
            data = self.get_serializer(batch, many=True).data
            yield opening + renderer.render(data, self.request.accepted_media_type, context)[1:-1]
            opening = b","
        yield b"]" if opening == b"," else b"[]"

    def get_object(self):
        value = self.kwargs[self.lookup_field]
        # As the Flask-era API said it ({"error": "Show not found"}).
        missing = NotFound(f"{self.queryset.model._meta.object_name} not found")
        if value.isdigit() and len(value) > 18:  # no id is that long (int() of it is slow)
            raise missing
        field = "pk" if value.isdigit() else "uuid"
        if field == "uuid":
            try:
                value = uuid.UUID(value)
            except ValueError:
                value = None
        queryset = self.filter_queryset(self.get_queryset())
        obj = queryset.filter(**{field: value}).first()
        if obj is None:
            raise missing
        self.check_object_permissions(self.request, obj)
        return obj

    # The app's look-up (films.lookup.look_up, books.lookup.look_up): a new row is filled in
    # from the providers, as the old API did, unless the request says fetch=false.
    look_up = None

    def flag(self, name, default):
        """A yes/no request parameter, from the query string or the body."""
        value = self.request.query_params.get(name)
        if value is None and hasattr(self.request.data, "get"):
            value = self.request.data.get(name)
        if value is None or value == "":
            return default
        return str(value).lower() in {"1", "true", "yes"}

    def create(self, request, *args, **kwargs):
        """As ModelViewSet.create; the answer also says what the look-up filled in, what it
        could not fetch, and the candidates when the title matched several films or books."""
        self.lookup_report = None
        response = super().create(request, *args, **kwargs)
        if self.lookup_report is not None:
            response.data["lookup"] = self.lookup_report
        return response

    def acting(self):
        """Changes made through the API are its user's (a token user's too: the REST
        framework authenticates inside the view, after the history middleware)."""
        return acting(f"api:{self.request.user.get_username()}")

    def perform_update(self, serializer):
        with self.acting():
            super().perform_update(serializer)

    def perform_destroy(self, instance):
        with self.acting():
            super().perform_destroy(instance)

    def perform_create(self, serializer):
        if not self.flag("intended", default=False):
            model = self.queryset.model
            entry = model(**serializer.validated_data)
            matches = list(model.objects.possible_duplicates_of(entry))
            if matches:
                raise Conflict(
                    {
                        "detail": "This looks like an entry already in the catalog. "
                        "Send intended=true to add it anyway.",
                        "matches": self.get_serializer(matches, many=True).data,
                    }
                )
        with self.acting():
            entry = serializer.save()
            if self.look_up is not None and self.flag("fetch", default=True):
                lookup = self.look_up(entry)
                written = [] if lookup.ambiguous else fill(entry, lookup.values)
                # Named as the JSON names them (cover_url, not the model's image_url).
                names = {field.source: name for name, field in serializer.fields.items()}
                self.lookup_report = {
                    "filled": [names.get(name, name) for name in written],
                    "problems": lookup.problems,
                    "candidates": [candidate._asdict() for candidate in lookup.candidates],
                }

    # name: Grouping, for /analytics/<name>; extra aggregates for /summary; the catalog's
    # catalog.years.YearReview, for /year/<year>.
    groupings = {}
    summary_aggregates = {}
    year_review = None

    @extend_schema(summary="The catalog grouped: [{label, count, average_score}]")
    @action(detail=False, url_path=r"analytics/(?P<kind>[a-z-]+)")
    def analytics(self, request, kind):
        if kind not in self.groupings:
            raise NotFound(
                {
                    "detail": f"Unknown analytics {kind!r}; one of {', '.join(self.groupings)}.",
                    "kinds": list(self.groupings),
                }
            )
        queryset = self.filter_queryset(self.get_queryset())
        return Response(analyse(queryset, {kind: self.groupings[kind]})[kind])

    @extend_schema(
        summary="The years that have rows, oldest first: [{year, count}]",
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=False, url_path="year", filter_backends=[], pagination_class=None)
    def years(self, request):
        years = years_of(self.queryset.model)
        return Response([{"year": year, "count": count} for year, count in years.items()])

    @extend_schema(
        summary="A year in review: counts by month, grade and more, the A list",
        responses=OpenApiTypes.OBJECT,
    )
    @action(
        detail=False,
        url_path=r"year/(?P<year>[0-9]+)",
        filter_backends=[],
        pagination_class=None,
    )
    def year(self, request, year):
        model = self.queryset.model
        years = years_of(model)
        digits = year.lstrip("0")  # 02024 is 2024, as on the year pages
        year = int(digits) if 0 < len(digits) <= 4 else 0  # int() of a long one is slow
        result = year in years and per_revision(
            model, f"year:{year}", lambda: review(model, year, self.year_review, years)
        )
        if not result:
            raise NotFoundWithData(
                {
                    "detail": f"No {model._meta.verbose_name_plural} of {year or 'that year'}.",
                    "years": list(years),
                }
            )
        return Response(
            result.as_data(lambda entry: self.get_serializer(entry).data, self.year_review)
        )

    @extend_schema(summary="Count, average score and more, for the catalog or a filtered part")
    @action(detail=False)
    def summary(self, request):
        summary = (
            self.filter_queryset(self.get_queryset())
            .order_by()
            .aggregate(
                count=Count("id"),
                graded=Count("score"),
                average_score=Avg("score"),
                **self.summary_aggregates,
            )
        )
        if summary["average_score"] is not None:
            summary["average_score"] = round(summary["average_score"], 2)
        return Response(summary)
