"""Tidy values (tidy/values.py and its admin page, tidy/admin.py): the distinct values with counts,
similar spellings side by side; a merge or a rename shown row by row before it is made,
then made as one run that undo_run undoes, each row an edit a sync carries."""

import pytest
from django.test import Client

from books.models import Book
from catalog_site.history.models import Run
from catalog_site.history.versions import undo_run
from catalog_site.tidy import values as tidy
from catalog_site.tidy.values import TidyField
from films.models import Film

pytestmark = pytest.mark.django_db

FORMAT = TidyField("format")
GENRES = TidyField("genres", tokens=True)


@pytest.fixture
def books():
    rows = [("Dune", "Kindle"), ("Emma", "kindle"), ("Ulysses", "Kindle"), ("Beloved", "Book")]
    return [Book.objects.create(title=title, format=form) for title, form in rows]


def test_values_are_counted_with_similar_spellings_side_by_side(books):
    values = tidy.value_counts(Book.objects.all(), FORMAT)
    assert [(v.text, v.count, v.similar) for v in values] == [
        ("Kindle", 2, True),
        ("kindle", 1, True),
        ("Book", 1, False),
    ]


def test_a_merge_is_planned_then_made_as_one_run_that_undo_run_undoes(books):
    planned = tidy.planned_changes(Book.objects.all(), FORMAT, ["kindle"], "Kindle")
    assert [(p.row.title, p.old, p.new) for p in planned] == [("Emma", "kindle", "Kindle")]
    before = Book.objects.get(title="Emma").updated_at
    run, made = tidy.apply(Book.objects.all(), FORMAT, ["kindle"], "Kindle", actor="admin:owner")
    assert len(made) == 1
    emma = Book.objects.get(title="Emma")
    assert emma.format == "Kindle"
    assert emma.updated_at > before  # an edit, which a sync carries
    assert Run.objects.get(id=run.id).kind == "tidy_values"
    assert set(Book.objects.values_list("format", flat=True)) == {"Kindle", "Book"}
    undo_run(run.id)
    assert Book.objects.get(title="Emma").format == "kindle"


def test_genres_are_tidied_token_by_token():
    film = Film.objects.create(title="Alien", genres="Sci Fi, Horror, Science Fiction")
    other = Film.objects.create(title="Heat", genres="Crime")
    assert {v.text for v in tidy.value_counts(Film.objects.all(), GENRES)} == {
        "Sci Fi",
        "Horror",
        "Science Fiction",
        "Crime",
    }
    tidy.apply(Film.objects.all(), GENRES, ["Sci Fi"], "Science Fiction", actor="test")
    film.refresh_from_db()
    assert film.genres == "Science Fiction, Horror"
    other.refresh_from_db()
    assert other.genres == "Crime"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ([], "Kindle", "Tick the values to change."),
        (["kindle"], "  ", "Type the value they become."),
        (["kindle"], "x" * 31, "at most 30 characters"),
        (["Kindle"], "Kindle", "The values are already that."),
    ],
)
def test_a_change_that_cannot_be_made_says_why(books, old, new, message):
    with pytest.raises(tidy.TidyProblem, match=message):
        tidy.planned_changes(Book.objects.all(), FORMAT, old, new)


def test_tokens_take_no_comma():
    with pytest.raises(tidy.TidyProblem, match="without a comma"):
        tidy.planned_changes(Film.objects.all(), GENRES, ["Sci Fi"], "Sci, Fi")


@pytest.fixture
def editor(book_editor):
    client = Client()
    client.force_login(book_editor)
    return client


def test_the_page_previews_then_applies_and_the_changelist_links_it(editor, books):
    changelist = editor.get("/books/admin/books/book/").content.decode()
    assert 'href="/books/admin/books/book/tidy/">Tidy values' in changelist
    page = editor.get("/books/admin/books/book/tidy/")
    assert page.status_code == 200
    assert "spelled like another" in page.content.decode()
    form = {"field": "format", "value": ["kindle", "Kindle"], "new_value": "Kindle"}
    preview = editor.post("/books/admin/books/book/tidy/", form)
    assert preview.context["planned_count"] == 1
    assert "Emma" in preview.content.decode()
    assert Book.objects.filter(format="kindle").exists()  # nothing changed yet
    done = editor.post("/books/admin/books/book/tidy/", {**form, "step": "apply"})
    assert done.status_code == 302
    assert not Book.objects.filter(format="kindle").exists()
    message = editor.get(done["Location"]).content.decode()
    assert "Changed 1 book (run" in message


def test_a_bad_change_is_a_message_on_the_page(editor, books):
    page = editor.post("/books/admin/books/book/tidy/", {"field": "format", "new_value": "x"})
    assert "Tick the values to change." in page.content.decode()
    page = editor.post("/books/admin/books/book/tidy/", {"field": "title", "value": ["Dune"]})
    assert "Choose one of the fields on this page." in page.content.decode()


def test_tidying_needs_the_change_permission(make_staff, books):
    viewer = Client()
    viewer.force_login(make_staff("viewer", "books.view_book"))
    assert viewer.get("/books/admin/books/book/tidy/").status_code == 403
    assert "Tidy values" not in viewer.get("/books/admin/books/book/").content.decode()
