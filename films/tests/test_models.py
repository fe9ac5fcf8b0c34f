import datetime

import pytest
from django.core.exceptions import ValidationError

from films.models import Film

pytestmark = pytest.mark.django_db


def test_score_follows_the_grade_on_every_save():
    film = Film.objects.create(title="Arrival", grade="A-/A")
    assert film.score == 17
    film.grade = "B"
    film.save()
    film.refresh_from_db()
    assert film.score == 12
    film.grade = ""
    film.save()
    assert Film.objects.get(pk=film.pk).score is None


def test_date_seen_is_kept_as_written_and_read_for_sorting():
    film = Film.objects.create(title="Titanic", date_text="December-97")
    film.refresh_from_db()
    assert film.date_text == "December-97"
    assert film.date == datetime.date(1997, 12, 1)
    assert film.date_precision == "month"


def test_films_sort_by_date_seen_across_formats():
    for title, seen in [
        ("A", "February 22, 2020"),
        ("B", "1990s"),
        ("C", "April-97"),
        ("D", "2025-11-22"),
        ("E", ""),
    ]:
        Film.objects.create(title=title, date_text=seen)
    ordered = Film.objects.filter(date__isnull=False).order_by("date")
    assert [film.title for film in ordered] == ["B", "C", "A", "D"]


def test_genre_filter_matches_whole_genres_only():
    drama = Film.objects.create(title="Roma", genres="Drama")
    docudrama = Film.objects.create(title="Doc", genres="Docudrama, History")
    scifi = Film.objects.create(title="Arrival", genres="Drama, Sci Fi")
    dramas = Film.objects.filter(genre_index__contains="|drama|")
    assert set(dramas) == {drama, scifi}
    assert docudrama not in dramas
    assert list(Film.objects.filter(genre_index__contains="|science-fiction|")) == [scifi]


def test_genres_are_stored_as_written():
    film = Film.objects.create(title="Arrival", genres="Drama, Sci Fi")
    film.refresh_from_db()
    assert film.genres == "Drama, Sci Fi"


def test_title_as_written_with_display_and_sort_forms_beside_it():
    film = Film.objects.create(title="Deer Hunter,The", release_year=1978)
    film.refresh_from_db()
    assert film.title == "Deer Hunter,The"
    assert film.display_title == "The Deer Hunter"
    assert film.sort_title == "deer hunter"
    assert str(film) == "The Deer Hunter (1978)"


def test_search_text_finds_either_article_order_and_ignores_accents():
    Film.objects.create(title="Godfather, The")
    Film.objects.create(title="Amélie")
    assert Film.objects.filter(search_text__contains="the godfather").count() == 1
    assert Film.objects.filter(search_text__contains="godfather").count() == 1
    assert Film.objects.filter(search_text__contains="amelie").count() == 1


def test_rt_per_minute_is_derived():
    assert Film(rotten_tomatoes=97, length_minutes=175).rt_per_minute == pytest.approx(0.554, 1e-3)
    assert Film(rotten_tomatoes=None, length_minutes=175).rt_per_minute is None
    assert Film(rotten_tomatoes=97, length_minutes=None).rt_per_minute is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("grade", "E"),
        ("grade", "a+"),
        ("release_year", 19),
        ("release_year", datetime.date.today().year + 10),
        ("length_minutes", 0),
        ("rotten_tomatoes", 101),
        ("image_url", "PLACEHOLDER"),
        ("rt_link", "rottentomatoes dot com"),
        ("a_grade_rank", 0),
    ],
)
def test_validation_rejects_implausible_values(field, value):
    film = Film(title="Valid title", **{field: value})
    with pytest.raises(ValidationError) as error:
        film.full_clean()
    assert field in error.value.message_dict


@pytest.mark.parametrize("imdb_id", ["tt006864", "tt0068646 ", "nm0000338", "0068646"])
def test_validation_rejects_what_is_not_an_imdb_id(imdb_id):
    with pytest.raises(ValidationError) as error:
        Film(title="The Godfather", imdb_id=imdb_id).full_clean()
    assert "imdb_id" in error.value.message_dict


def test_validation_accepts_an_imdb_id():
    Film(title="The Godfather", imdb_id="tt0068646").full_clean()


def test_validation_accepts_a_complete_film():
    film = Film(
        title="The Godfather",
        release_year=1972,
        length_minutes=175,
        grade="A+",
        rotten_tomatoes=97,
        image_url="https://image.tmdb.org/t/p/w500/abc.jpg",
        rt_link="http://www.rottentomatoes.com/m/godfather",
        watch_providers={"US": {"flatrate": ["Paramount+"]}},
    )
    film.full_clean()


def test_a_possible_duplicate_has_the_title_and_release_year():
    there = Film.objects.create(title="Godfather, The", release_year=1972)
    Film.objects.create(title="Godfather, The", release_year=1990)
    Film.objects.create(title="Parasite", release_year=2019)
    assert list(
        Film.objects.possible_duplicates_of(Film(title="The  Godfather", release_year=1972))
    ) == [there]
    assert not Film.objects.possible_duplicates_of(
        Film(title="Godfather", release_year=None)
    ).exists()
    assert not Film.objects.possible_duplicates_of(there).exists()  # not itself


def test_genre_keys_are_each_genre_once_in_key_order():
    Film.objects.create(title="Arrival", genres="Drama, Sci Fi")
    Film.objects.create(title="Roma", genres="drama")
    Film.objects.create(title="Blank", genres="")
    assert Film.objects.genre_keys() == ["drama", "science-fiction"]


def test_genre_keys_count_only_the_films_of_the_queryset():
    Film.objects.create(title="Arrival", genres="Sci-Fi", release_year=2016)
    Film.objects.create(title="Psycho", genres="Horror, Thriller", release_year=1960)
    assert Film.objects.filter(release_year__lt=2000).genre_keys() == ["horror", "thriller"]
    assert Film.objects.none().genre_keys() == []


def test_in_genre_matches_whole_genres_only():
    drama = Film.objects.create(title="Roma", genres="Drama")
    Film.objects.create(title="Doc", genres="Docudrama, History")
    scifi = Film.objects.create(title="Arrival", genres="Drama, Sci Fi")
    assert set(Film.objects.in_genre("drama")) == {drama, scifi}
    assert list(Film.objects.in_genre("science-fiction")) == [scifi]
