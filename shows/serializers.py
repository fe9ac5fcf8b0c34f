import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalog_site.api.serializers import FlatListSerializer

from .models import Show

RATING = re.compile(r"\s*(\d{1,2}(?:\.\d+)?)\s*(?:/\s*10\s*)?")


@extend_schema_field(
    {"type": "string", "nullable": True, "example": "8.7/10", "description": "Out of 10."}
)
class ImdbRatingField(serializers.Field):
    """IMDb's rating, stored as a number and shown as the legacy API showed it: '8.7/10'.
    Accepts 8.7, '8.7', '8.7/10' and null."""

    default_error_messages = {"invalid": "Give a rating from 0 to 10, like 8.7 or '8.7/10'."}

    def to_representation(self, value):
        return f"{value:.1f}/10"

    def to_internal_value(self, data):
        if data is None or (isinstance(data, str) and not data.strip()):
            return None
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int | float):
            rating = float(data)
        else:
            match = RATING.fullmatch(str(data))
            rating = float(match[1]) if match else -1
        if not 0 <= rating <= 10:
            self.fail("invalid")
        return round(rating, 1)

    def validate_empty_values(self, data):
        if data is None:
            return True, None
        return super().validate_empty_values(data)


class ShowSerializer(serializers.ModelSerializer):
    """A show under the legacy API's field names; derived values are extra, read-only."""

    imdb_rating = ImdbRatingField(required=False, allow_null=True)
    display_title = serializers.CharField(read_only=True)
    years = serializers.CharField(read_only=True)

    class Meta:
        model = Show
        list_serializer_class = FlatListSerializer
        fields = [
            "id",
            "uuid",
            "title",
            "display_title",
            "start_year",
            "end_year",
            "is_ongoing",
            "years",
            "seasons",
            "episodes",
            "j_rayting",
            "score",
            "a_grade_rank",
            "imdb_rating",
            "imdb_id",
            "tmdb_id",
            "trakt_id",
            "genres",
            "poster_url",
            "details_commentary",
            "date_watched",
            "watched_on",
            "watch_providers",
            "watch_providers_updated_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["score", "watched_on"]
        # The legacy API's names for fields the models now call by their common names.
        extra_kwargs = {
            "j_rayting": {"source": "grade", "label": "Grade"},
            "date_watched": {"source": "date_text"},
            "watched_on": {"source": "date"},
            "poster_url": {"source": "image_url"},
            "details_commentary": {"source": "notes"},
        }

    def validate(self, data):
        start = data.get("start_year", getattr(self.instance, "start_year", None))
        end = data.get("end_year", getattr(self.instance, "end_year", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_year": "The last year is before the first."})
        return data
