import pytest
from django.urls import reverse
from django.utils import timezone

from films.models import Film

pytestmark = pytest.mark.django_db

CHANGELIST = "/films/admin/films/film/"


@pytest.fixture
def films():
    return [
        Film.objects.create(
            title="Godfather, The",
            release_year=1972,
            grade="A+",
            genres="Drama, Crime",
            format="VHS",
            year_watched="Pre-2006",
            image_url="https://image.tmdb.org/t/p/w500/godfather.jpg",
        ),
        Film.objects.create(
            title="Amélie", release_year=2001, grade="A-", genres="Comedy, Romance"
        ),
        Film.objects.create(
            title="Arrival",
            release_year=2016,
            grade="A-/A",
            genres="Drama, Sci Fi",
            format="Theatre",
            year_watched="2016",
        ),
    ]


def test_path_without_trailing_slash_redirects(client):
    response = client.get("/films/admin")
    assert response.status_code == 301
    assert response["Location"] == "/films/admin/"


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/films/admin/login/")


def test_film_staff_can_log_in_through_the_form(client, film_editor):
    response = client.post(
        "/films/admin/login/?next=/films/admin/",
        {"username": "film-editor", "password": "pw-for-tests-8c1d", "next": "/films/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/films/admin/"
    assert client.get("/films/admin/").status_code == 200


def test_book_staff_cannot_open_film_pages(client, book_editor, films):
    client.force_login(book_editor)
    for url in ["/films/admin/", CHANGELIST, f"{CHANGELIST}{films[0].pk}/change/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/films/admin/login/")
    assert client.get("/books/admin/").status_code == 200


def test_staff_without_any_permission_is_refused(client, make_staff):
    client.force_login(make_staff("nobody"))
    assert client.get(CHANGELIST).status_code == 302


def test_non_staff_with_permissions_is_refused(client, django_user_model, film_editor):
    film_editor.is_staff = False
    film_editor.save()
    client.force_login(film_editor)
    assert client.get(CHANGELIST).status_code == 302


def test_list_shows_display_titles_grades_and_thumbnails(client, film_editor, films):
    client.force_login(film_editor)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The Godfather" in html
    assert 'src="https://image.tmdb.org/t/p/w500/godfather.jpg"' in html
    # Amélie has no poster: no image, and no empty box making her row tall.
    assert html.count('class="catalog-thumb"') == 1
    assert "catalog-thumb--empty" not in html


def test_search_ignores_case_accents_and_article_order(client, film_editor, films):
    client.force_login(film_editor)
    for term, expected in [
        ("GODFATHER", "Godfather"),
        ("the godfather", "Godfather"),
        ("amelie", "Amélie"),
    ]:
        result = client.get(CHANGELIST, {"q": term}).context["cl"].result_list
        assert [film.title.split(",")[0] for film in result] == [expected], term


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"grade__exact": "A+"}, {"Godfather, The"}),
        ({"genre": "drama"}, {"Godfather, The", "Arrival"}),
        ({"genre": "science-fiction"}, {"Arrival"}),
        ({"format": "Theatre"}, {"Arrival"}),
        ({"year_watched": "Pre-2006"}, {"Godfather, The"}),
        ({"decade": "2000"}, {"Amélie"}),
    ],
)
def test_filters(client, film_editor, films, params, expected):
    client.force_login(film_editor)
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    assert {film.title for film in response.context["cl"].result_list} == expected


def test_genre_filter_offers_each_genre_once(client, film_editor, films):
    client.force_login(film_editor)
    response = client.get(CHANGELIST)
    genre_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "genre"
    )
    offered = [value for value, _ in genre_filter.lookup_choices]
    assert offered == ["comedy", "crime", "drama", "romance", "science-fiction"]


def test_sorting_by_grade_puts_the_best_first(client, film_editor, films):
    client.force_login(film_editor)
    grade_column = (
        4  # thumbnail, title, release year, grade (list_display position, 1-based + action)
    )
    response = client.get(CHANGELIST, {"o": str(grade_column)})
    titles = [film.title for film in response.context["cl"].result_list]
    assert titles == ["Godfather, The", "Arrival", "Amélie"]


def test_add_a_film(client, film_editor):
    client.force_login(film_editor)
    assert client.get(f"{CHANGELIST}add/").status_code == 200
    response = client.post(
        f"{CHANGELIST}add/",
        {
            "title": "Parasite",
            "release_year": "2019",
            "length_minutes": "133",
            "genres": "Comedy, Thriller, Drama",
            "date_text": "February 22, 2020",
            "grade": "A",
            "rotten_tomatoes": "99",
            "format": "Theatre",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    film = Film.objects.get(title="Parasite")
    assert film.score == 18
    assert str(film.date) == "2020-02-22"


def test_adding_an_invalid_film_shows_field_errors(client, film_editor):
    client.force_login(film_editor)
    response = client.post(
        f"{CHANGELIST}add/",
        {"title": "Bad", "release_year": "19", "length_minutes": "0", "image_url": "PLACEHOLDER"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"release_year", "length_minutes", "image_url"}
    assert not Film.objects.exists()


def test_change_a_film_and_its_record_is_read_only(client, film_editor, films):
    client.force_login(film_editor)
    film = films[2]
    url = reverse("films_admin:films_film_change", args=[film.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert str(film.uuid) in page.content.decode()
    assert "uuid" not in page.context["adminform"].form.fields
    response = client.post(url, {"title": "Arrival", "grade": "A", "uuid": "bogus"})
    assert response.status_code == 302
    film_after = Film.objects.get(pk=film.pk)
    assert film_after.grade == "A"
    assert film_after.uuid == film.uuid
    assert film_after.updated_at > film.updated_at


def test_a_grade_rank_is_editable_in_the_list(client, film_editor, films):
    client.force_login(film_editor)
    data = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "3",
        "_save": "Save",
    }
    for index, film in enumerate(Film.objects.order_by("sort_title")):
        data[f"form-{index}-id"] = str(film.pk)
        data[f"form-{index}-a_grade_rank"] = "1" if film.title == "Arrival" else ""
    response = client.post(CHANGELIST, data)
    assert response.status_code == 302
    assert Film.objects.get(title="Arrival").a_grade_rank == 1


@pytest.mark.django_db
def test_changelist_thumbnails_are_https_and_never_javascript(admin_client):
    Film.objects.create(title="Safe", image_url="http://image.tmdb.org/t/p/w92/a.jpg")
    bad = Film.objects.create(title="Bad")
    Film.objects.filter(pk=bad.pk).update(image_url="javascript:alert(1)")  # as a sync may copy
    html = admin_client.get("/films/admin/films/film/").content.decode()
    assert 'src="https://image.tmdb.org/t/p/w92/a.jpg"' in html
    assert "javascript:" not in html


def test_the_year_watched_filter_counts_a_date_seen_and_offers_no_empty_link(client, film_editor):
    Film.objects.create(title="Anora", date_text="2025-11-22")
    Film.objects.create(title="Old", year_watched="Pre-2006")
    client.force_login(film_editor)
    page = client.get(CHANGELIST).content.decode()
    assert 'href="?year_watched=2025"' in page
    assert 'href="?year_watched="' not in page
    filtered = client.get(CHANGELIST, {"year_watched": "2025"})
    assert [film.title for film in filtered.context["cl"].result_list] == ["Anora"]
    assert '<td class="field-release_year">—</td>' in page  # no year: the dash of the pages


def test_editing_where_to_watch_sets_when_it_was_checked(client, film_editor, films):
    client.force_login(film_editor)
    film = films[2]
    url = reverse("films_admin:films_film_change", args=[film.pk])
    before = timezone.now()
    data = {"title": "Arrival", "grade": "A-/A"}
    offers = {"watch_providers": '{"region": "US", "flatrate": ["Netflix"]}'}
    assert client.post(url, {**data, **offers}).status_code == 302
    assert Film.objects.get(pk=film.pk).watch_providers_updated_at >= before
    # A time given in the form with the offers is kept.
    given = {
        "watch_providers": '{"region": "US", "flatrate": ["Max"]}',
        "watch_providers_updated_at_0": "2026-01-02",
        "watch_providers_updated_at_1": "10:00:00",
    }
    assert client.post(url, {**data, **given}).status_code == 302
    checked = Film.objects.get(pk=film.pk).watch_providers_updated_at
    assert checked.date().isoformat() == "2026-01-02"
