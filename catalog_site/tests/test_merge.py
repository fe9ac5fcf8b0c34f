"""The merge contract (see catalog_site.sync.base), on real databases (SQLite source,
PostgreSQL target unless a test says otherwise)."""

import datetime
import uuid

import pytest
from django.db import DatabaseError, connections

from books.models import Book
from catalog_site.sync.base import Merge, MergeOptions, ModelMerge
from catalog_site.sync.catalog import DatabaseReader
from films.models import Film

from .conftest import CatalogDatabase

T0 = datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def source(make_catalog):
    return make_catalog("sqlite")


@pytest.fixture
def target(make_catalog):
    return make_catalog("postgresql")


def add(database, model=Film, **fields):
    fields.setdefault("updated_at", T0)
    fields.setdefault("title", "Untitled")
    return database.objects(model).create(**fields)


def twin(database, row, **changes):
    """The same row (same uuid) in another database, with some fields changed."""
    model = type(row)
    fields = {
        f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields if f.attname != "id"
    }
    fields.update(changes)
    return database.objects(model).create(**fields)


def run(source, target, models=(Film, Book), **options):
    return Merge(DatabaseReader(source.alias), target.alias, models, MergeOptions(**options)).run()


def test_new_source_row_is_inserted_with_its_uuid_and_updated_at(source, target):
    film = add(source, title="Arrival", grade="A-", updated_at=T0)
    report = run(source, target)
    copied = target.objects(Film).get(uuid=film.uuid)
    assert (copied.title, copied.score, copied.updated_at) == ("Arrival", 16, T0)
    assert report["films.film"].inserted == 1


def test_same_content_is_unchanged(source, target):
    film = add(source, title="Roma")
    twin(target, film)
    before = target.dump(Film)
    report = run(source, target)
    assert report["films.film"].unchanged == 1
    assert report.changes == 0
    assert target.dump(Film) == before


def test_newer_source_row_updates_the_target(source, target):
    film = add(source, title="Up", grade="A", updated_at=T0 + HOUR)
    old = twin(target, film, grade="B", updated_at=T0)
    report = run(source, target)
    updated = target.objects(Film).get(uuid=film.uuid)
    assert (updated.grade, updated.score, updated.updated_at) == ("A", 18, T0 + HOUR)
    assert updated.pk == old.pk
    assert report["films.film"].updated == 1


@pytest.mark.parametrize("source_time", [T0 - HOUR, T0], ids=["older", "equal"])
def test_older_or_equal_source_row_is_kept_and_reported(source, target, source_time):
    film = add(source, title="Titanic", grade="B", updated_at=source_time)
    twin(target, film, grade="B+", updated_at=T0)
    report = run(source, target)
    assert target.objects(Film).get(uuid=film.uuid).grade == "B+"
    films = report["films.film"]
    assert films.kept == 1
    [conflict] = films.conflicts
    assert conflict["title"] == "Titanic"
    assert conflict["source_updated_at"] == source_time.isoformat()
    assert conflict["target_updated_at"] == T0.isoformat()


def test_prefer_source_overwrites_newer_target_rows(source, target):
    film = add(source, title="Titanic", grade="B", updated_at=T0 - HOUR)
    twin(target, film, grade="B+", updated_at=T0)
    report = run(source, target, prefer_source=True)
    assert target.objects(Film).get(uuid=film.uuid).grade == "B"
    assert report["films.film"].updated == 1
    assert report["films.film"].conflicts[0]["reason"] == "target is newer; source preferred"


def test_target_only_rows_are_preserved(source, target):
    add(source, title="Shared")
    only_here = add(target, title="Added in production", updated_at=T0 - HOUR)
    report = run(source, target)
    assert target.objects(Film).filter(uuid=only_here.uuid).exists()
    assert report["films.film"].preserved == 1
    assert report["films.film"].inserted == 1


def test_ids_are_never_copied_or_matched(source, target):
    """The old site matched rows by id: different films with the same id were overwritten."""
    in_target = add(target, title="Production film")
    in_source = add(source, title="Laptop film")
    assert in_source.pk == in_target.pk
    run(source, target)
    rows = target.objects(Film).order_by("pk")
    assert [(film.pk, film.title) for film in rows] == [
        (in_target.pk, "Production film"),
        (in_target.pk + 1, "Laptop film"),
    ]


def test_rows_added_in_the_target_after_a_merge_get_fresh_ids(source, target):
    for number in range(5):
        add(source, title=f"Film {number}")
    existing = add(target, title="Existing")
    run(source, target)
    added = target.objects(Film).create(title="Added in the admin afterwards")
    assert added.pk > max(target.objects(Film).exclude(pk=added.pk).values_list("pk", flat=True))
    assert target.objects(Film).get(uuid=existing.uuid).pk == existing.pk


def test_running_twice_changes_nothing_the_second_time(source, target):
    add(source, title="A", updated_at=T0 + HOUR)
    shared = add(source, title="B", updated_at=T0 + HOUR)
    twin(target, shared, title="B old", updated_at=T0)
    add(source, Book, title="Moneyball", author="Lewis, Michael")
    first = run(source, target)
    assert first.changes == 3
    films, books = target.dump(Film), target.dump(Book)
    second = run(source, target)
    assert second.changes == 0
    assert (target.dump(Film), target.dump(Book)) == (films, books)


def test_no_delete_truncate_or_drop_is_sent_to_the_target(source, target):
    add(source, title="New")
    updated = add(source, title="Changed", updated_at=T0 + HOUR)
    twin(target, updated, title="Before", updated_at=T0)
    add(target, title="Target only")
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with target.connection.execute_wrapper(record):
        run(source, target)
    assert statements
    words = ("DELETE", "TRUNCATE", "DROP")
    assert [sql for sql in statements if any(word in sql.upper() for word in words)] == []


def test_dry_run_reports_but_writes_nothing(source, target):
    add(source, title="New")
    changed = add(source, title="Changed", updated_at=T0 + HOUR)
    twin(target, changed, title="Before", updated_at=T0)
    before = target.dump(Film)
    report = run(source, target, dry_run=True)
    assert (report["films.film"].inserted, report["films.film"].updated) == (1, 1)
    assert report.dry_run
    assert target.dump(Film) == before


def test_an_error_in_a_late_batch_leaves_the_target_exactly_as_before(source, target):
    for number in range(45):
        add(source, title=f"Film {number}")
    add(target, title="Film 3")
    # SQLite does not enforce the length of a column; PostgreSQL refuses it in the last batch.
    add(source, title="x" * 400)
    before = target.dump(Film)
    with pytest.raises(DatabaseError):
        run(source, target, batch=10)
    assert target.dump(Film) == before


def test_a_row_edited_in_the_target_during_the_merge_keeps_the_newer_edit(
    source, target, monkeypatch
):
    film = add(source, title="Arrival", grade="A", updated_at=T0 + HOUR)
    twin(target, film, grade="B", updated_at=T0)
    editor = CatalogDatabase(target.spec, "concurrent_editor", "postgresql")
    real_write = ModelMerge.write_batch

    def edit_then_write(model_merge, rows):
        # After the merge planned to update the row, the owner edits it in production.
        row = editor.objects(Film).get(uuid=film.uuid)
        row.grade = "C"
        row.save()
        return real_write(model_merge, rows)

    monkeypatch.setattr(ModelMerge, "write_batch", edit_then_write)
    try:
        report = run(source, target)
    finally:
        editor.close()
    assert target.objects(Film).get(uuid=film.uuid).grade == "C"
    films = report["films.film"]
    assert (films.updated, films.kept) == (0, 1)
    assert films.conflicts[0]["reason"] == "changed in the target during the merge"


def test_possible_duplicates_are_reported_never_merged(source, target):
    add(target, title="Godfather, The", release_year=1972)
    add(source, title="The  Godfather", release_year=1972)
    add(source, title="Godfather, The", release_year=1990)  # another year: another film
    report = run(source, target)
    [duplicate] = report["films.film"].duplicates
    assert duplicate["title"] == "The  Godfather"
    assert duplicate["description"] == "The Godfather (1972)"
    assert target.objects(Film).count() == 3


def test_a_reread_book_is_a_possible_duplicate_another_authors_book_is_not(source, target):
    there = add(target, Book, title="Right Stuff, The", author="Wolfe, Tom", year=1999)
    add(source, Book, title="The Right Stuff", author="Tom Wolfe", year=2019)
    add(source, Book, title="Right Stuff, The", author="Someone Else", year=1999)
    report = run(source, target)
    [duplicate] = report["books.book"].duplicates
    assert duplicate["description"] == "The Right Stuff by Tom Wolfe"
    assert duplicate["other_uuids"] == [str(there.uuid)]
    assert target.objects(Book).count() == 3


def test_two_new_rows_of_one_film_are_possible_duplicates_too(source, target):
    first = add(source, title="Up", release_year=2009)
    add(source, title="UP ", release_year=2009)
    report = run(source, target)
    [duplicate] = report["films.film"].duplicates
    assert duplicate["other_uuids"] == [str(first.uuid)]


def test_queries_grow_with_batches_not_rows(source, target):
    def queries_for(count):
        for database in (source, target):
            database.objects(Film).all().delete()
        source.objects(Film).bulk_create(
            Film(title=f"Film {n}", uuid=uuid.uuid4(), updated_at=T0) for n in range(count)
        )
        statements = []

        def record(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        with target.connection.execute_wrapper(record):
            run(source, target, models=[Film], batch=100)
        return len(statements)

    small, large = queries_for(100), queries_for(1000)
    assert large <= small * 10
    assert large <= 4 * (1000 // 100) + 4


@pytest.mark.parametrize(
    ("source_kind", "target_kind"),
    [("postgresql", "sqlite"), ("sqlite", "sqlite"), ("postgresql", "postgresql")],
)
def test_every_direction_works(make_catalog, source_kind, target_kind):
    source, target = make_catalog(source_kind), make_catalog(target_kind)
    film = add(source, title="Arrival", watch_providers={"US": ["Netflix"]}, updated_at=T0 + HOUR)
    twin(target, film, title="Arrival (old)", updated_at=T0)
    add(source, title="New", length_minutes=90, rotten_tomatoes=97)
    add(source, Book, title="Moneyball", average_rating=4.25, notes_in_notion=True)
    report = run(source, target)
    assert report.changes == 3
    assert run(source, target).changes == 0
    copied = target.objects(Film).get(uuid=film.uuid)
    assert (copied.title, copied.watch_providers) == ("Arrival", {"US": ["Netflix"]})
    book = target.objects(Book).get()
    assert (book.average_rating, book.notes_in_notion) == (4.25, True)


def test_reading_uses_the_source_as_committed(source, target):
    """The merge leaves the source alone: it only reads."""
    add(source, title="Arrival")
    before = source.dump(Film)
    run(source, target)
    assert source.dump(Film) == before
    assert connections[source.alias].in_atomic_block is False


def test_uuid_lookups_by_array_match_exactly(target):
    """`__in_array` (one array parameter on PostgreSQL) finds what `__in` finds."""
    films = [add(target, title=f"Film {n}") for n in range(5)]
    wanted = [films[1].uuid, films[3].uuid, uuid.uuid4()]
    by_array = set(target.objects(Film).filter(uuid__in_array=wanted).values_list("pk", flat=True))
    by_in = set(target.objects(Film).filter(uuid__in=wanted).values_list("pk", flat=True))
    assert by_array == by_in == {films[1].pk, films[3].pk}
    long_title = "x" * 301
    add(target, title="x" * 300)
    assert not target.objects(Film).filter(title__in_array=[long_title]).exists()


def test_the_sites_own_postgresql_connection_works_as_target(source, target):
    """A merge on a connection without server-side binding (as Django opens the site's)."""
    handler = connections
    handler.settings["plain_target"] = {
        **target.connection.settings_dict,
        "OPTIONS": {"application_name": "plain"},
    }
    try:
        add(source, title="Arrival", watch_providers={"US": ["Netflix"]})
        report = Merge(DatabaseReader(source.alias), "plain_target", [Film]).run()
        assert report["films.film"].inserted == 1
        assert target.objects(Film).get().watch_providers == {"US": ["Netflix"]}
    finally:
        handler["plain_target"].close()
        del handler["plain_target"]
        del handler.settings["plain_target"]
