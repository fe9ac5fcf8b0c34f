import pytest
from django.conf import settings
from django.http import QueryDict

from catalog_site.pages.lists import caseless_options, grade_options, selection
from catalog_site.templatetags.catalog import (
    HUES,
    genres,
    hue,
    image_url,
    initials,
    runtime,
    web_url,
)


def test_selection_keeps_only_the_filters_in_use():
    query = QueryDict("q=&grade=A&decade=&ordering=title&view=list&page=3&genre=Drama")
    assert selection(query).urlencode() == "grade=A&genre=Drama"


def test_caseless_options_offer_one_spelling_per_value():
    assert [o.value for o in caseless_options(["netflix", "Netflix", "DVD", "Theatre"])] == [
        "DVD",
        "netflix",
        "Theatre",
    ]


def test_grade_options_start_with_whole_letters():
    options = grade_options()
    assert options[0].value == "A+,A/A+,A,A-/A,A-"
    assert options[0].label == "Any A"
    assert len(options) == 4 + 18


def test_runtime():
    assert runtime(175) == "2 h 55 min"
    assert runtime(120) == "2 h"
    assert runtime(55) == "55 min"
    assert runtime(None) == ""


def test_initials_stand_in_for_a_missing_poster():
    assert initials("The Deer Hunter") == "DH"
    assert initials("Amélie") == "A"
    assert initials("A") == "A"
    assert initials("2001: A Space Odyssey") == "2A"
    assert initials("") == ""


def test_genres_as_written():
    assert genres("Drama,  Sci Fi/War") == ["Drama", "Sci Fi", "War"]
    assert genres("") == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://books.google.com/x?id=1&zoom=1", "https://books.google.com/x?id=1&zoom=1"),
        (
            "HTTP://covers.openlibrary.org/b/id/1-L.jpg",
            "https://covers.openlibrary.org/b/id/1-L.jpg",
        ),
        ("https://image.tmdb.org/t/p/w500/a.jpg", "https://image.tmdb.org/t/p/w500/a.jpg"),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_images_are_asked_for_over_https(url, expected):
    assert image_url(url) == expected


def test_every_hue_has_its_class_in_the_stylesheet():
    css = (settings.BASE_DIR / "catalog_site/static/catalog_site/site.css").read_text()
    assert all(f".artwork.hue-{n} " in css for n in range(HUES))


def test_placeholder_hue_is_stable_and_varies():
    assert hue("Casablanca") == hue("Casablanca")
    assert 0 <= hue("Casablanca") < HUES
    assert len({hue(title) for title in ["Casablanca", "Arrival", "Heat", "Cats", "Room"]}) > 1


def test_only_web_links_are_rendered():
    assert web_url("https://www.rottentomatoes.com/m/x") == "https://www.rottentomatoes.com/m/x"
    assert web_url(" HTTP://example.com/a.jpg") == "HTTP://example.com/a.jpg"
    assert web_url("javascript:alert(1)") == ""
    assert web_url("data:image/png;base64,xx") == ""
    assert web_url(None) == ""
