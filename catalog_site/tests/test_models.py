"""The CatalogEntry base: identity, the content-edit timestamp and the query vocabulary
(exercised through Film, and Book where a field is its own)."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from books.models import Book
from catalog_site.catalog.models import ImmutableFieldError
from films.models import Film

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture
def film():
    film = Film.objects.create(title="Casablanca", release_year=1942, grade="A")
    Film.objects.filter(pk=film.pk).update(updated_at=LONG_AGO)
    return Film.objects.get(pk=film.pk)


def test_every_row_gets_its_own_uuid():
    first = Film.objects.create(title="One")
    second = Film.objects.create(title="Two")
    assert isinstance(first.uuid, uuid.UUID)
    assert first.uuid != second.uuid


def test_uuid_cannot_change_through_save(film):
    film.uuid = uuid.uuid4()
    with pytest.raises(ImmutableFieldError):
        film.save()
    assert Film.objects.get(pk=film.pk).uuid != film.uuid


def test_uuid_cannot_change_even_through_a_bulk_update(film):
    original = film.uuid
    with pytest.raises(IntegrityError), transaction.atomic():
        Film.objects.filter(pk=film.pk).update(uuid=uuid.uuid4())
    assert Film.objects.get(pk=film.pk).uuid == original


def test_created_at_cannot_change(film):
    film.created_at = LONG_AGO
    with pytest.raises(ImmutableFieldError):
        film.save()


def test_updated_at_moves_on_a_content_edit(film):
    before = timezone.now()
    film.location = "Portola Valley"
    film.save()
    film.refresh_from_db()
    assert film.updated_at >= before


def test_updated_at_stays_when_nothing_changed(film):
    film.save()
    film.refresh_from_db()
    assert film.updated_at == LONG_AGO


def test_updated_at_stays_when_only_derived_fields_are_recomputed(film):
    # A stale stored score (as imported from the legacy site) is fixed by save(), but
    # that is not an edit by the owner.
    Film.objects.filter(pk=film.pk).update(score=3)
    film = Film.objects.get(pk=film.pk)
    film.save()
    film.refresh_from_db()
    assert film.score == 18
    assert film.updated_at == LONG_AGO


def test_updated_at_moves_with_update_fields_too(film):
    film.a_grade_rank = 4
    film.save(update_fields=["a_grade_rank"])
    film.refresh_from_db()
    assert film.a_grade_rank == 4
    assert film.updated_at > LONG_AGO


def test_a_caller_that_sets_updated_at_itself_is_trusted(film):
    copied_at = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    film.format = "DVD"
    film.updated_at = copied_at
    film.save()
    film.refresh_from_db()
    assert film.updated_at == copied_at


def test_a_new_row_keeps_a_given_updated_at():
    film = Film.objects.create(title="Up", updated_at=LONG_AGO)
    film.refresh_from_db()
    assert film.updated_at == LONG_AGO


def test_search_ignores_case_accents_and_where_the_article_is_written():
    amelie = Film.objects.create(title="Amélie")
    godfather = Film.objects.create(title="Godfather, The")
    assert list(Film.objects.search("AMÉLIE")) == [amelie]
    assert list(Film.objects.search("amelie")) == [amelie]
    assert list(Film.objects.search("The Godfather")) == [godfather]


def test_search_needs_every_word_in_any_order():
    godfather = Film.objects.create(title="Godfather Part II, The")
    Film.objects.create(title="Goodfellas")
    assert list(Film.objects.search("part godfather")) == [godfather]
    assert list(Film.objects.search("godfather  goodfellas")) == []


def test_search_for_nothing_finds_every_row():
    Film.objects.create(title="One")
    Film.objects.create(title="Two")
    assert Film.objects.search("").count() == Film.objects.search("   ").count() == 2


def test_search_reads_another_folded_field_when_asked():
    wolfe = Book.objects.create(title="Right Stuff, The", author="Wolfe, Tom")
    Book.objects.create(title="Tom Sawyer", author="Twain, Mark")
    assert list(Book.objects.search("TOM WOLFE", field="author_key")) == [wolfe]
    assert list(Book.objects.search("tom", field="author_key")) == [wolfe]


def test_search_words_count_once_and_only_the_first_twelve():
    from catalog_site.catalog.text import search_words

    assert search_words("god " * 1300) == ["god"]
    assert search_words("God godfather GODFATHER part") == ["godfather", "part"]
    assert len(search_words(" ".join(f"w{n:02}x" for n in range(40)))) == 12
    godfather = Film.objects.create(title="Godfather Part II, The")
    assert list(Film.objects.search("godfather " * 1300 + "part")) == [godfather]


def test_search_keeps_the_queryset_it_refines():
    Film.objects.create(title="Amélie", release_year=2001)
    Film.objects.create(title="Amélie", release_year=1970)
    assert Film.objects.filter(release_year__lt=2000).search("amelie").count() == 1


def test_decades_are_distinct_newest_first_without_rows_lacking_a_year():
    for year in [1972, 1974, 2019, None, 1999]:
        Film.objects.create(title=f"Film of {year}", release_year=year)
    assert Film.objects.decades("release_year") == [2010, 1990, 1970]


def test_decades_of_rows_without_years_are_none():
    Film.objects.create(title="Undated")
    assert Film.objects.decades("release_year") == []
    assert Film.objects.none().decades("release_year") == []


def test_decades_count_only_the_rows_of_the_queryset():
    Film.objects.create(title="Old", release_year=1950, grade="A")
    Film.objects.create(title="New", release_year=2020, grade="C")
    assert Film.objects.filter(grade="A").decades("release_year") == [1950]
