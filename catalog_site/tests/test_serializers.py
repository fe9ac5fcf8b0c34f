import pytest
from rest_framework.exceptions import ValidationError

from books.models import Book
from books.serializers import BookSerializer
from catalog_site.api.serializers import PercentField, YesNoField
from catalog_site.demo import load_demo_data
from films.models import Film
from films.serializers import FilmSerializer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("model", "serializer"), [(Film, FilmSerializer), (Book, BookSerializer)])
def test_flat_lists_match_the_serializer_row_by_row(model, serializer):
    load_demo_data()
    model.objects.create(title="Sparse row")  # None in most fields
    rows = serializer(model.objects.all(), many=True).data
    assert rows == [serializer(instance).data for instance in model.objects.all()]
    assert len(rows) == model.objects.count()


@pytest.mark.parametrize(
    ("given", "stored"),
    [(97, 97), ("97", 97), ("97%", 97), (" 0 % ", 0), ("no RT score", None), (None, None)],
)
def test_percent_field_reads_legacy_forms(given, stored):
    assert PercentField().run_validation(given) == stored


@pytest.mark.parametrize("given", ["101%", "lots", True, -1])
def test_percent_field_refuses_nonsense(given):
    with pytest.raises(ValidationError, match="percentage"):
        PercentField().run_validation(given)


def test_percent_and_yes_no_fields_show_what_the_legacy_api_showed():
    film = Film(title="x", rotten_tomatoes=None)
    assert FilmSerializer(film).data["rotten_tomatoes"] == "no RT score"
    film.rotten_tomatoes = 0
    assert FilmSerializer(film).data["rotten_tomatoes"] == "0%"
    for value, shown in [(True, "YES"), (False, "NO"), (None, "N/A")]:
        assert (
            BookSerializer(Book(title="x", notes_in_notion=value)).data["notes_in_notion"] == shown
        )
    assert YesNoField().run_validation("Yes") is True
