"""The migrations: in step with the models, and kind to the rows already there."""

import datetime
import uuid

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.loader import MigrationLoader

from books.models import Book
from films.models import Film


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """A model change without its migration would break the next deploy's `migrate`."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize(("table", "prefix"), [("films_film", "film"), ("books_book", "book")])
def test_the_rating_order_index_exists_where_the_engine_allows_it(table, prefix):
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, table)
    assert f"{prefix}_rating_order_idx" not in indexes  # replaced by the one below
    if connection.vendor == "postgresql":
        index = indexes[f"{prefix}_rating_page_idx"]
        assert index["columns"] == ["score", "a_grade_rank", "sort_title", "id"]
        assert index["orders"] == ["DESC", "ASC", "ASC", "ASC"]
    else:
        assert f"{prefix}_rating_page_idx" not in indexes


BEFORE_COMMON_NAMES = [("films", "0003_rating_page_index"), ("books", "0003_rating_page_index")]
FILM_UUID = uuid.UUID("11111111-2222-4333-8444-555555555555")
BOOK_UUID = uuid.UUID("66666666-7777-4888-9999-aaaaaaaaaaaa")


def migrate(database, targets):
    """`manage.py migrate` a catalog database to `targets` (None: the latest), as a user
    would; return the models as they are at that point."""
    loader = MigrationLoader(database.connection)
    for app_label, name in targets or [(None, None)]:
        args = [app_label, name] if app_label else []
        call_command("migrate", *args, database=database.alias, verbosity=0)
    return loader.project_state(targets or loader.graph.leaf_nodes()).apps


def revision(database, table):
    with database.connection.cursor() as cursor:
        cursor.execute('SELECT revision FROM catalog_site_revision WHERE "table" = %s', [table])
        return cursor.fetchone()[0]


# A row of each catalog as the models were before the common names...
OLD_ROWS = {
    ("films", "Film"): {
        "uuid": FILM_UUID,
        "title": "Deer Hunter,The",
        "release_year": 1978,
        "letter_rating": "A-",
        "score": 16,
        "date_seen": "April-97",
        "seen_on": datetime.date(1997, 4, 1),
        "seen_precision": "month",
        "poster_url": "https://image.tmdb.org/t/p/w500/deer.jpg",
        "sort_title": "deer hunter",
    },
    ("books", "Book"): {
        "uuid": BOOK_UUID,
        "book_name": "Right Stuff, The",
        "author": "Wolfe, Tom",
        "j_rayting": "A",
        "score": 18,
        "date_read": "February 15, 1999",
        "read_on": datetime.date(1999, 2, 15),
        "read_precision": "day",
        "cover_url": "https://books.google.com/right-stuff.jpg",
        "details_commentary": "Test pilots.",
        "form": "Kindle",
        "sort_title": "right stuff",
    },
}
# ...and the name each renamed field has now.
RENAMED = {
    "letter_rating": "grade",
    "j_rayting": "grade",
    "book_name": "title",
    "date_seen": "date_text",
    "date_read": "date_text",
    "seen_on": "date",
    "read_on": "date",
    "seen_precision": "date_precision",
    "read_precision": "date_precision",
    "poster_url": "image_url",
    "cover_url": "image_url",
    "details_commentary": "notes",
    "form": "format",
}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_common_names_and_duplicate_keys_keep_every_value_and_the_guards(make_catalog, kind):
    database = make_catalog(kind)
    old = migrate(database, BEFORE_COMMON_NAMES)
    for (app_label, name), values in OLD_ROWS.items():
        old.get_model(app_label, name).objects.using(database.alias).create(**values)

    migrate(database, None)
    film, book = (
        database.objects(model).get(uuid=values["uuid"])
        for model, values in zip((Film, Book), OLD_ROWS.values(), strict=True)
    )
    for row, values in zip((film, book), OLD_ROWS.values(), strict=True):
        renamed = {RENAMED.get(name, name): value for name, value in values.items()}
        assert {name: getattr(row, name) for name in renamed} == renamed
        # The rows that were there get the key a save would give them.
        assert row.duplicate_key == type(row).derived_values(vars(row))["duplicate_key"]
    assert (film.duplicate_key, book.duplicate_key) == ("deer hunter|1978", "right stuff|tom wolfe")
    reread = Book(title="The Right Stuff", author="Tom Wolfe")
    assert list(database.objects(Book).possible_duplicates_of(reread)) == [book]
    assert_guarded(database, film, book)

    # And the migrations can be undone without losing a value.
    old = migrate(database, BEFORE_COMMON_NAMES)
    for (app_label, name), values in OLD_ROWS.items():
        row = old.get_model(app_label, name).objects.using(database.alias).get(uuid=values["uuid"])
        assert {name: getattr(row, name) for name in values} == values
    assert_guarded(database, film, book)


def assert_guarded(database, film, book):
    """The triggers still count writes and still guard the uuid, on both tables (SQLite
    drops a table's triggers when a migration copies the table; migrate puts them back)."""
    for row in (film, book):
        table = row._meta.db_table
        before = revision(database, table)
        execute(database, f"UPDATE {table} SET sort_title = sort_title WHERE id = %s", [row.pk])
        assert revision(database, table) > before
        with pytest.raises(IntegrityError), transaction.atomic(using=database.alias):
            execute(
                database, f"UPDATE {table} SET uuid = %s WHERE id = %s", [uuid.uuid4().hex, row.pk]
            )


def execute(database, sql, params):
    with database.connection.cursor() as cursor:
        cursor.execute(sql, params)
