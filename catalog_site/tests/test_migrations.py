import pytest
from django.core.management import call_command
from django.db import connection


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
