import io
import json

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from books.models import Book
from catalog_site.catalog import registry
from catalog_site.demo import create_local_admin, load_demo_data
from films.models import Film
from shows.models import Show

pytestmark = pytest.mark.django_db


def test_demo_data_is_a_few_dozen_films_and_books():
    added = load_demo_data()
    films, books = added[Film], added[Book]
    assert films == Film.objects.count() >= 24
    assert books == Book.objects.count() >= 20
    assert Film.objects.filter(score__isnull=False).count() == films
    assert Film.objects.filter(date__isnull=False).exists()


def test_loading_the_demo_twice_adds_nothing():
    load_demo_data()
    counts = Film.objects.count(), Book.objects.count()
    assert load_demo_data() == {Film: 0, Book: 0, Show: 0}
    assert (Film.objects.count(), Book.objects.count()) == counts


def test_reloading_keeps_the_owners_edits_and_restores_deleted_rows():
    load_demo_data()
    film = Film.objects.get(title="Casablanca")
    film.grade = "B"
    film.save()
    Book.objects.filter(title="Moneyball").delete()
    assert load_demo_data() == {Film: 0, Book: 1, Show: 0}
    assert Film.objects.get(title="Casablanca").grade == "B"


def test_remove_takes_away_the_untouched_demo_rows_and_keeps_edited_ones():
    load_demo_data()
    film = Film.objects.get(title="Casablanca")
    film.grade = "B"
    film.save()
    mine = Film.objects.create(title="My own film")
    out = io.StringIO()
    call_command("load_demo_data", "--remove", stdout=out)
    assert list(Film.objects.order_by("title")) == [film, mine]
    assert not Book.objects.exists()
    assert "Kept, edited since it was loaded: Casablanca (1942)" in out.getvalue()


def test_local_admin_is_created_once_with_a_random_password():
    password = create_local_admin()
    assert len(password or "") >= 12
    # As the admin's login form asks (the lockout backend needs the request).
    user = authenticate(RequestFactory().post("/admin/login/"), username="admin", password=password)
    assert user.is_superuser
    assert create_local_admin() is None
    assert get_user_model().objects.count() == 1


def test_commands_report_what_they_did(capsys):
    call_command("load_demo_data")
    call_command("load_demo_data")
    out = capsys.readouterr().out.splitlines()
    films, books, shows = (
        len(json.loads(registry.catalog(name).demo_path.read_text()))
        for name in ["films", "books", "shows"]
    )
    assert out[0] == f"Demo data: {films} films, {books} books and {shows} TV shows added."
    assert out[1] == "Demo data: 0 films, 0 books and 0 TV shows added."
    call_command("create_local_admin")
    assert "with password: " in capsys.readouterr().out
    call_command("create_local_admin")
    assert "no account created" in capsys.readouterr().out


def test_verbosity_zero_prints_only_what_the_command_makes(capsys):
    call_command("load_demo_data", verbosity=0)
    assert Film.objects.exists()
    call_command("create_local_admin", verbosity=0)
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("Created superuser 'admin' with password: ")
    call_command("create_local_admin", verbosity=0)
    assert capsys.readouterr().out == ""
