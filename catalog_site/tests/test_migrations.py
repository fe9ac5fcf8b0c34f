import pytest
from django.core.management import call_command
from django.db import connection


@pytest.mark.django_db
def test_models_and_migrations_agree():
    """A model change without its migration would break the next deploy's `migrate`."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_the_rating_order_index_exists_where_the_engine_allows_it():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "films_film")
    if connection.vendor == "postgresql":
        assert indexes["film_rating_order_idx"]["orders"] == ["DESC", "ASC", "ASC"]
        assert indexes["film_rating_order_idx"]["columns"] == [
            "score",
            "a_grade_rank",
            "sort_title",
        ]
    else:
        assert "film_rating_order_idx" not in indexes
