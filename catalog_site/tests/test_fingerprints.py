"""Fingerprints (catalog.fingerprints): equal on both engines for equal content, never stale
(the database forgets one whose content changed without it), and a sync that reads back
only the rows whose fingerprints differ, with the same outcomes as before."""

import datetime

import pytest

from books.models import Book
from catalog_site.catalog.fingerprints import fingerprint
from films.models import Film

from .test_merge import HOUR, T0, add, run, twin

ENGINES = ["sqlite", "postgresql"]


def execute(database, sql, params=()):
    with database.connection.cursor() as cursor:
        cursor.execute(sql, params)


def stored(database, row):
    return database.objects(type(row)).values_list("fingerprint", flat=True).get(pk=row.pk)


def full_content(model, database, row):
    values = database.objects(model).values().get(pk=row.pk)
    return fingerprint(values, model.content_names())


@pytest.mark.parametrize("kind", ENGINES)
def test_a_saved_row_read_back_has_the_fingerprint_of_its_content(make_catalog, kind):
    database = make_catalog(kind)
    film = add(
        database,
        title="Heat",
        release_year=1995,
        grade="A",
        genres="Crime, Drama",
        date_text="March 3, 2024",
        watch_providers={"US": {"flatrate": ["Max"]}, "GB": {"rent": ["Apple TV"]}},
    )
    book = add(database, Book, title="Moneyball", author="Lewis, Michael", pages=288)
    for model, row in ((Film, film), (Book, book)):
        assert len(stored(database, row)) == 32
        assert stored(database, row) == full_content(model, database, row)


def test_the_same_content_has_the_same_fingerprint_on_both_engines(make_catalog):
    laptop, production = make_catalog("sqlite"), make_catalog("postgresql")
    film = add(laptop, title="Ran", release_year=1985, grade="A+", date_text="1990")
    copy = twin(production, film)
    assert stored(laptop, film) == stored(production, copy)
    assert full_content(Film, laptop, film) == full_content(Film, production, copy)


@pytest.mark.parametrize("kind", ENGINES)
def test_the_database_forgets_a_fingerprint_its_content_outgrew(make_catalog, kind):
    database = make_catalog(kind)
    film = add(database, title="Heat", grade="A")
    before = stored(database, film)
    execute(database, "UPDATE films_film SET title = 'Heat (1995)' WHERE id = %s", [film.pk])
    assert stored(database, film) == ""
    # A save works it out again; a change of no content keeps it.
    film = database.objects(Film).get(pk=film.pk)
    film.save(using=database.alias)
    assert stored(database, film) not in ("", before)
    execute(database, "UPDATE films_film SET updated_at = %s WHERE id = %s", [T0, film.pk])
    assert stored(database, film) == full_content(Film, database, film)
    database.objects(Film).filter(pk=film.pk).update(grade="B")  # no save(), no derive()
    assert stored(database, film) == ""


def test_a_sync_that_changed_nothing_reads_no_row_back(source, target):
    for number in range(30):
        add(source, title=f"Film {number}", grade="B", updated_at=T0)
    run(source, target)
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with target.connection.execute_wrapper(record):
        report = run(source, target)
    assert report["films.film"].unchanged == 30
    assert report.changes == 0
    assert not [sql for sql in statements if '"title"' in sql], "no row read back whole"


def test_a_row_changed_in_the_target_behind_the_models_back_is_still_compared(source, target):
    """The target's content differs but its updated_at does not: a conflict, as before
    fingerprints; never "unchanged" on the strength of a stale fingerprint."""
    film = add(source, title="Heat", grade="A", updated_at=T0)
    run(source, target)
    execute(target, "UPDATE films_film SET grade = 'B' WHERE uuid = %s", [film.uuid])
    report = run(source, target)
    assert report["films.film"].kept == 1
    assert report["films.film"].conflicts[0]["reason"] == "target is newer"
    assert target.objects(Film).get(uuid=film.uuid).grade == "B"


def test_a_row_changed_in_the_source_behind_the_models_back_is_still_sent(source, target):
    film = add(source, title="Heat", grade="A", updated_at=T0)
    run(source, target)
    later = T0 + HOUR
    execute(
        source,
        "UPDATE films_film SET grade = 'B', updated_at = %s WHERE uuid = %s",
        [later, film.uuid.hex],
    )
    report = run(source, target)
    assert report["films.film"].updated == 1
    updated = target.objects(Film).get(uuid=film.uuid)
    assert (updated.grade, updated.updated_at) == ("B", later)
    # What the target holds now has a true fingerprint: the next sync reads nothing back.
    assert stored(target, updated) == full_content(Film, target, updated)
    assert run(source, target)["films.film"].unchanged == 1


def test_updated_rows_are_read_back_for_the_backup_and_the_report(source, target, tmp_path):
    film = add(source, title="Up", grade="A", updated_at=T0 + HOUR)
    twin(target, film, grade="B", updated_at=T0)
    same = add(source, title="Same", updated_at=T0)
    twin(target, same)
    report = run(source, target, backup_path=tmp_path / "backup.json")
    assert (report["films.film"].updated, report["films.film"].unchanged) == (1, 1)
    backup = (tmp_path / "backup.json").read_text()
    assert '"grade": "B"' in backup
    assert "Same" not in backup


@pytest.fixture
def source(make_catalog):
    return make_catalog("sqlite")


@pytest.fixture
def target(make_catalog):
    return make_catalog("postgresql")


def test_fingerprints_cover_dates_and_json_canonically():
    names = ["when", "data"]
    a = {"when": datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC), "data": {"b": 1, "a": 2}}
    b = {
        "when": datetime.datetime(2024, 1, 1, 13, tzinfo=datetime.timezone(HOUR)),
        "data": {"a": 2, "b": 1},
    }
    assert fingerprint(a, names) == fingerprint(b, names)
    assert fingerprint(a, names) != fingerprint({**a, "data": {"a": 2, "b": "1"}}, names)


@pytest.mark.parametrize("source_kind", ENGINES)
@pytest.mark.parametrize("target_kind", ENGINES)
def test_a_second_sync_reads_whole_only_the_rows_that_changed_either_way(
    make_catalog, source_kind, target_kind
):
    source, target = make_catalog(source_kind), make_catalog(target_kind)
    films = [add(source, title=f"Film {number}", updated_at=T0) for number in range(12)]
    add(source, Book, title="Moneyball", author="Lewis, Michael")
    assert run(source, target).changes == 13
    edited = source.objects(Film).get(pk=films[3].pk)
    edited.grade, edited.updated_at = "A", T0 + HOUR
    edited.save(using=source.alias)
    read = {source.alias: [], target.alias: []}

    def recorder(alias):
        def record(execute, sql, params, many, context):
            read[alias].append((sql, params))
            return execute(sql, params, many, context)

        return record

    with (
        source.connection.execute_wrapper(recorder(source.alias)),
        target.connection.execute_wrapper(recorder(target.alias)),
    ):
        report = run(source, target)
    assert (report["films.film"].updated, report["films.film"].unchanged) == (1, 11)
    assert report["books.book"].unchanged == 1
    whole = [(sql, params) for sql, params in read[source.alias] if '"title"' in sql]
    assert len(whole) == 1, "only the edited film is read whole from the source"
    assert target.objects(Film).get(uuid=edited.uuid).grade == "A"
