from django.db.models import Avg, Count, Max, Min, Sum
from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog_site.api.caching import CachedReadMixin
from catalog_site.api.legacy import legacy_routes, rounded
from catalog_site.api.viewsets import CatalogViewSet

from . import lookup
from .analytics import GROUPINGS, LEGACY_ROUTES, YEAR_REVIEW
from .filters import ShowFilter
from .models import Show
from .serializers import ShowSerializer


class ShowViewSet(CatalogViewSet):
    """TV shows: list (whole array, or ?limit=&offset=), detail by id or uuid, and writes for
    users with the shows permissions."""

    # The Flask-era API listed shows newest first.
    queryset = Show.objects.order_by("-id")
    look_up = staticmethod(lookup.look_up)
    serializer_class = ShowSerializer
    filterset_class = ShowFilter
    groupings = GROUPINGS
    year_review = YEAR_REVIEW
    summary_aggregates = {
        "seasons": Sum("seasons"),
        "episodes": Sum("episodes"),
        "first_watched": Min("date"),
        "last_watched": Max("date"),
    }


class LegacyShowSummaryView(CachedReadMixin, APIView):
    """/api/analytics/shows/summary: every show; the sums and the IMDb average over the
    shows that have them."""

    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]
    model = Show

    @extend_schema(
        summary="Shows summary (Flask-era route)",
        responses={
            200: inline_serializer(
                "ShowLegacySummary",
                fields={
                    "total_shows": serializers.IntegerField(),
                    "avg_score": serializers.FloatField(allow_null=True),
                    "total_seasons": serializers.IntegerField(),
                    "total_episodes": serializers.IntegerField(),
                    "avg_imdb_rating": serializers.FloatField(allow_null=True),
                },
            )
        },
    )
    def get(self, request):
        summary = Show.objects.order_by().aggregate(
            total_shows=Count("pk"),
            avg_score=Avg("score"),
            total_seasons=Sum("seasons"),
            total_episodes=Sum("episodes"),
            avg_imdb_rating=Avg("imdb_rating"),
        )
        summary["total_seasons"] = summary["total_seasons"] or 0
        summary["total_episodes"] = summary["total_episodes"] or 0
        for name in ("avg_score", "avg_imdb_rating"):
            summary[name] = rounded(summary[name])
        return Response(summary)


# The Flask-era routes /api/analytics/shows/by-year, ... and their summary.
legacy_urls = [
    *legacy_routes("analytics/shows/", Show, LEGACY_ROUTES),
    re_path(
        r"^analytics/shows/summary/?$",
        LegacyShowSummaryView.as_view(),
        name="legacy-show-summary",
    ),
]
