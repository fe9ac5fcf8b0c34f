from rest_framework import serializers

from catalog_site.api.serializers import FlatListSerializer, PercentField

from .models import Film


class FilmSerializer(serializers.ModelSerializer):
    """A film under the legacy API's field names; derived values are extra, read-only."""

    rotten_tomatoes = PercentField(required=False, allow_null=True)
    display_title = serializers.CharField(read_only=True)
    rt_per_minute = serializers.FloatField(read_only=True)

    class Meta:
        model = Film
        list_serializer_class = FlatListSerializer
        fields = [
            "id",
            "uuid",
            "title",
            "display_title",
            "release_year",
            "letter_rating",
            "score",
            "a_grade_rank",
            "date_seen",
            "seen_on",
            "year_watched",
            "location",
            "format",
            "rotten_tomatoes",
            "rt_per_minute",
            "length_minutes",
            "genres",
            "poster_url",
            "rt_link",
            "tmdb_id",
            "imdb_id",
            "watch_providers",
            "watch_providers_updated_at",
            "oscar_wins",
            "oscar_nominations",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["score", "seen_on"]
        # The legacy API's names for fields the models now call by their common names.
        extra_kwargs = {
            "letter_rating": {"source": "grade", "label": "Grade"},
            "date_seen": {"source": "date_text"},
            "seen_on": {"source": "date"},
            "poster_url": {"source": "image_url"},
        }
