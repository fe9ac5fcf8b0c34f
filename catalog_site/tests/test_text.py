import pytest

from catalog_site.catalog.text import (
    IMDB_ID,
    display_title,
    fold,
    genre_index,
    genre_label,
    person_display,
    search_key,
    sort_title,
    split_genres,
)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Deer Hunter,The", "The Deer Hunter"),
        ("Avengers, The: Age of Ultron", "The Avengers: Age of Ultron"),
        ("Long Bright  Future, A", "A Long Bright Future"),
        ("Innovator's Solution, The: Creating Growth", "The Innovator's Solution: Creating Growth"),
        ("Good, the Bad and the Ugly, The", "The Good, the Bad and the Ugly"),
        ("The Godfather", "The Godfather"),
        ("Crouching Tiger, Hidden Dragon", "Crouching Tiger, Hidden Dragon"),
        ("  Up ", "Up"),
    ],
)
def test_display_title_puts_the_article_in_front(title, expected):
    assert display_title(title) == expected


def test_sort_title_ignores_article_case_and_accents():
    assert sort_title("Deer Hunter,The") == "deer hunter"
    assert sort_title("The Deer Hunter") == "deer hunter"
    assert sort_title("Amélie") == "amelie"
    assert sort_title("A Long Bright  Future") == "long bright future"


def test_fold_removes_case_accents_and_extra_space():
    assert fold("  Amélie  Poulain ") == "amelie poulain"
    assert fold("Straße") == "strasse"


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Wolfe, Tom", "Tom Wolfe"),
        ("Tom Wolfe", "Tom Wolfe"),
        ("Christensen, Clayton & Raynor, Michael", "Clayton Christensen & Michael Raynor"),
        ("Acemoglu, Daron and Robinson, James A.", "Daron Acemoglu & James A. Robinson"),
        ("Strunk, William; White, E. B.", "William Strunk & E. B. White"),
        ("", ""),
    ],
)
def test_person_display_turns_last_first_around(author, expected):
    assert person_display(author) == expected


def test_search_key_holds_both_article_orders():
    key = search_key("Godfather, The", display_title("Godfather, The"))
    assert "godfather" in key
    assert "the godfather" in key


def test_genre_index_is_canonical_whatever_the_order_and_spelling():
    assert genre_index("Drama, Crime") == genre_index("crime,drama") == "|crime|drama|"
    assert genre_index("Sci Fi, Drama") == "|drama|science-fiction|"
    assert genre_index("Science Fiction") == genre_index("sci-fi")
    assert genre_index("TV Movie") == "|tv-movie|"
    assert genre_index("") == ""
    assert genre_index(" , ") == ""


def test_split_genres_keeps_tokens_as_written():
    assert split_genres("Drama,  Sci Fi ,") == ["Drama", "Sci Fi"]


def test_genre_label():
    assert genre_label("science-fiction") == "Science Fiction"
    assert genre_label("tv-movie") == "TV Movie"


@pytest.mark.parametrize(
    ("text", "is_id"),
    [
        ("tt0068646", True),
        ("tt1234567890", True),
        ("tt123456", False),
        ("tt12345678901", False),
        ("nm0000338", False),
        ("TT0068646", False),
    ],
)
def test_an_imdb_id_is_tt_and_seven_to_ten_digits(text, is_id):
    assert bool(IMDB_ID.fullmatch(text)) is is_id
