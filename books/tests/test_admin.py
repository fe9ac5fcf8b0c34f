import pytest

from books.models import Book

pytestmark = pytest.mark.django_db

CHANGELIST = "/books/admin/books/book/"


@pytest.fixture
def books():
    return [
        Book.objects.create(
            title="Right Stuff, The",
            author="Wolfe, Tom",
            grade="A",
            type="NF/HIST",
            format="Book",
            year=1999,
            image_url="https://books.google.com/cover/right-stuff.jpg",
        ),
        Book.objects.create(
            title="Big Short, The",
            author="Lewis, Michael",
            grade="A-",
            type="NF/BUSIN",
            format="Kindle",
            year=2011,
        ),
        Book.objects.create(
            title="Road, The",
            author="McCarthy, Cormac",
            grade="B+",
            type="FICT",
            format="kindle",
        ),
    ]


def test_path_without_trailing_slash_redirects(client):
    response = client.get("/books/admin")
    assert response.status_code == 301
    assert response["Location"] == "/books/admin/"


def test_film_staff_cannot_open_book_pages(client, film_editor, books):
    client.force_login(film_editor)
    for url in ["/books/admin/", CHANGELIST, f"{CHANGELIST}{books[0].pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/books/admin/login/")


def test_login_page_explains_a_missing_permission(client, film_editor):
    client.force_login(film_editor)
    response = client.get("/books/admin/login/")
    assert response.status_code == 200
    assert "not authorized to access this page" in response.content.decode()


def test_list_shows_title_author_and_cover(client, book_editor, books):
    client.force_login(book_editor)
    html = client.get(CHANGELIST).content.decode()
    assert "The Right Stuff" in html
    assert "Tom Wolfe" in html
    assert 'src="https://books.google.com/cover/right-stuff.jpg"' in html


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Tom Wolfe", {"Right Stuff, The"}),
        ("wolfe", {"Right Stuff, The"}),
        ("the big short", {"Big Short, The"}),
        ("MCCARTHY", {"Road, The"}),
    ],
)
def test_search_by_title_or_author_in_either_order(client, book_editor, books, term, expected):
    client.force_login(book_editor)
    result = client.get(CHANGELIST, {"q": term}).context["cl"].result_list
    assert {book.title for book in result} == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"grade__exact": "A-"}, {"Big Short, The"}),
        ({"type": "FICT"}, {"Road, The"}),
        ({"format": "Kindle"}, {"Big Short, The"}),
        ({"year": "1999"}, {"Right Stuff, The"}),
    ],
)
def test_filters(client, book_editor, books, params, expected):
    client.force_login(book_editor)
    response = client.get(CHANGELIST, params)
    assert {book.title for book in response.context["cl"].result_list} == expected


def test_add_and_change_a_book(client, book_editor):
    client.force_login(book_editor)
    response = client.post(
        f"{CHANGELIST}add/",
        {
            "title": "Moneyball",
            "author": "Lewis, Michael",
            "grade": "A-",
            "date_text": "July 10, 2004",
            "year": "2004",
            "pages": "288",
            "notes_in_notion": "false",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    book = Book.objects.get(title="Moneyball")
    assert (book.score, book.notes_in_notion, str(book.date)) == (16, False, "2004-07-10")

    response = client.post(
        f"{CHANGELIST}{book.pk}/change/",
        {
            "title": "Moneyball",
            "author": "Lewis, Michael",
            "grade": "A",
            "notes_in_notion": "unknown",
        },
    )
    assert response.status_code == 302
    book.refresh_from_db()
    assert book.score == 18
    assert book.date_text == ""


def test_users_and_groups_are_managed_on_the_accounts_site(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/auth/user/").status_code == 200
    assert client.get("/admin/auth/group/").status_code == 200
    assert client.get("/books/admin/auth/user/").status_code == 404
