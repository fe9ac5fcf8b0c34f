"""The Flask-era analytics routes the old public front end calls (/api/analytics/...), with
their JSON names and orders, answered from the same groupings as /api/films/analytics/<kind>.

Each app declares its routes (films.analytics.LEGACY_ROUTES, books.analytics.LEGACY_ROUTES)
and lists their URL patterns in its api.py (legacy_urls, found through the catalog registry);
this module only renames a grouping's rows to the names the old front end reads.
"""

from django.db.models import Avg, Count, Sum
from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog_site.catalog.analytics import analyse

from .caching import CachedReadMixin


def rounded(value):
    return None if value is None else round(value, 2)


class LegacyAnalyticsView(CachedReadMixin, APIView):
    """One grouping of a catalog as [{<label name>: label, count, avg_score}]."""

    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]
    model = None
    label = ""  # the label's name in the JSON: "year_watched", "genre", ...
    grouping = None

    def rows(self):
        rows = analyse(self.model.objects.all(), {"rows": self.grouping})["rows"]
        return Response(
            [
                {self.label: row["label"], "count": row["count"], "avg_score": row["average_score"]}
                for row in rows
            ]
        )

    @classmethod
    def for_route(cls, model, name, label, label_type, grouping):
        """The view of one route, documented in the schema with its own element shape."""
        title = f"{model._meta.object_name}Legacy{name.title().replace('-', '')}"
        label_field = serializers.IntegerField() if label_type is int else serializers.CharField()

        @extend_schema(
            summary=f"{model._meta.verbose_name_plural.capitalize()} {name} (Flask-era route)",
            responses={
                200: inline_serializer(
                    title,
                    fields={
                        label: label_field,
                        "count": serializers.IntegerField(),
                        "avg_score": serializers.FloatField(allow_null=True),
                    },
                    many=True,
                )
            },
        )
        def get(self, request):
            return self.rows()

        attributes = {"model": model, "label": label, "grouping": grouping, "get": get}
        return type(f"{title}View", (cls,), attributes).as_view()


def legacy_routes(prefix, model, routes):
    """The URL patterns of a catalog's Flask-era groupings, under /api/<prefix>."""
    return [
        re_path(
            rf"^{prefix}{name}/?$",
            LegacyAnalyticsView.for_route(model, name, label, label_type, grouping),
            name=f"legacy-{model._meta.model_name}-{name}",
        )
        for name, (label, label_type, grouping) in routes.items()
    ]


class LegacyBookSummaryView(CachedReadMixin, APIView):
    """/api/analytics/books/summary: over the books whose page count is known."""

    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]
    model = None

    @extend_schema(
        summary="Books summary (Flask-era route)",
        responses={
            200: inline_serializer(
                "BookLegacySummary",
                fields={
                    "total_books": serializers.IntegerField(),
                    "avg_score": serializers.FloatField(allow_null=True),
                    "total_pages": serializers.IntegerField(allow_null=True),
                    "avg_pages": serializers.FloatField(allow_null=True),
                    "avg_goodreads_rating": serializers.FloatField(allow_null=True),
                },
            )
        },
    )
    def get(self, request):
        summary = (
            self.model.objects.filter(pages__gt=0)
            .order_by()
            .aggregate(
                total_books=Count("pk"),
                avg_score=Avg("score"),
                total_pages=Sum("pages"),
                avg_pages=Avg("pages"),
                avg_goodreads_rating=Avg("average_rating"),
            )
        )
        for name in ("avg_score", "avg_pages", "avg_goodreads_rating"):
            summary[name] = rounded(summary[name])
        return Response(summary)
