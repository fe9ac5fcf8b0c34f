"""The Show model: what it derives from what the owner wrote, and what it refuses."""

import pytest
from django.core.exceptions import ValidationError

from shows.models import Show

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "ongoing", "years"),
    [
        (2008, 2013, False, "2008–2013"),
        (2022, None, True, "2022–"),
        (2019, 2019, False, "2019"),
        (2016, None, None, "2016"),
        (None, 2013, False, ""),
    ],
)
def test_years_read_as_a_tv_guide_writes_them(start, end, ongoing, years):
    show = Show(title="X", start_year=start, end_year=end, is_ongoing=ongoing)
    assert show.years == years


def test_derived_fields_follow_what_was_written(shows):
    wire = shows["Wire, The"]
    assert (wire.score, wire.sort_title, wire.display_title) == (20, "wire", "The Wire")
    assert wire.genre_index == "|crime|drama|"
    assert str(wire.date) == "2014-03-02"
    assert shows["Severance"].genre_index == "|drama|sci-fi-fantasy|"
    assert Show.objects.search("the wire").get() == wire
    assert str(wire) == "The Wire (2002–2008)"


def test_a_show_is_its_title_and_first_year(shows):
    again = Show(title="The Wire", start_year=2002)
    assert list(Show.objects.possible_duplicates_of(again)) == [shows["Wire, The"]]
    remake = Show(title="The Wire", start_year=2030)
    assert not Show.objects.possible_duplicates_of(remake).exists()


def test_genre_keys_and_whole_genres_only(shows):
    assert Show.objects.genre_keys() == ["comedy", "crime", "drama", "mystery", "sci-fi-fantasy"]
    assert set(Show.objects.in_genre("drama").values_list("title", flat=True)) == {
        "Wire, The", "Twin Peaks", "Severance",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value"),
    [("start_year", 1800), ("start_year", 9999), ("seasons", 0), ("imdb_rating", 10.5),
     ("imdb_id", "nm0000001"), ("image_url", "javascript:alert(1)"),
     ("imdb_rating", float("nan")), ("watch_providers", ["Netflix"])],
)  # fmt: skip
def test_impossible_values_are_refused_by_validation(field, value):
    show = Show(title="X", **{field: value})
    with pytest.raises(ValidationError) as refused:
        show.full_clean()
    assert field in refused.value.message_dict


def test_where_to_watch_reads_only_the_shape_a_look_up_stores():
    show = Show(title="X", watch_providers={"flatrate": ["Max", 3], "buy": []})
    assert show.where_to_watch == [("Stream", ["Max"])]
    assert Show(title="X", watch_providers=["Netflix"]).where_to_watch == []


def test_a_last_year_before_the_first_is_refused():
    with pytest.raises(ValidationError) as refused:
        Show(title="X", start_year=2020, end_year=2010).full_clean()
    assert refused.value.message_dict == {"end_year": ["The last year is before the first."]}
    Show(title="X", start_year=2020, end_year=2020, is_ongoing=True).full_clean()
