from rest_framework import serializers

from catalog_site.api.serializers import FlatListSerializer, YesNoField

from .models import Book


class BookSerializer(serializers.ModelSerializer):
    """A book under the legacy API's field names; derived values are extra, read-only."""

    notes_in_notion = YesNoField(required=False, allow_null=True)
    display_title = serializers.CharField(read_only=True)
    author_display = serializers.CharField(read_only=True)

    class Meta:
        model = Book
        list_serializer_class = FlatListSerializer
        fields = [
            "id",
            "uuid",
            "book_name",
            "display_title",
            "author",
            "author_display",
            "order_number",
            "date_read",
            "read_on",
            "year",
            "j_rayting",
            "score",
            "a_grade_rank",
            "details_commentary",
            "type",
            "form",
            "pages",
            "notes_in_notion",
            "notion_link",
            "cover_url",
            "google_books_id",
            "isbn",
            "average_rating",
            "ratings_count",
            "published_date",
            "year_written",
            "description",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["score", "read_on"]
        # The legacy API's names for fields the models now call by their common names.
        extra_kwargs = {
            "book_name": {"source": "title", "label": "Title"},
            "j_rayting": {"source": "grade", "label": "Grade"},
            "date_read": {"source": "date_text"},
            "read_on": {"source": "date"},
            "details_commentary": {"source": "notes"},
            "cover_url": {"source": "image_url"},
            "form": {"source": "format"},
        }
