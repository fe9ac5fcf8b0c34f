"""The CatalogEntry base: identity and the content-edit timestamp (exercised through Film)."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

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
