import pytest

# The engines' fixtures (fresh catalog databases on both engines, the browser with axe-core),
# for the shows' tests of the sync, the legacy import, the files and the pages.
from catalog_site.tests.conftest import (  # noqa: F401
    make_catalog,
    postgres_template,
    sqlite_template,
)
from catalog_site.tests.test_browser import browser  # noqa: F401
from catalog_site.tests.test_browser_admin import owner_page  # noqa: F401
from shows.models import Show

ROWS = [
    dict(title="Wire, The", start_year=2002, end_year=2008, is_ongoing=False, seasons=5,
         episodes=60, grade="A+", imdb_rating=9.3, imdb_id="tt0306414", tmdb_id=1438,
         genres="Crime, Drama", date_text="March 2, 2014", notes="A city as the main character."),
    dict(title="Twin Peaks", start_year=1990, end_year=1991, seasons=2, episodes=30, grade="B",
         imdb_rating=8.8, genres="Drama, Mystery", date_text="1990s"),
    dict(title="Cheers", start_year=1982, end_year=1993, seasons=11, episodes=275, grade="C+",
         imdb_rating=8.0, genres="Comedy"),
    dict(title="Severance", start_year=2022, is_ongoing=True, seasons=2, episodes=19,
         grade="A", a_grade_rank=1, genres="Drama, Sci-Fi & Fantasy", date_text="2025-03-21"),
    dict(title="Office, The", start_year=2005, end_year=2013, grade="A", a_grade_rank=2,
         genres="Comedy", date_text="Spring 2020"),
    dict(title="Untitled Pilot"),
]  # fmt: skip


@pytest.fixture
def shows(db):
    """Shows of every shape the old table holds: ended, running, old, and one with nothing
    but a title."""
    return {row["title"]: Show.objects.create(**row) for row in ROWS}


@pytest.fixture
def show_editor(make_staff):
    return make_staff(
        "show-editor", "shows.view_show", "shows.add_show", "shows.change_show", "shows.delete_show"
    )
