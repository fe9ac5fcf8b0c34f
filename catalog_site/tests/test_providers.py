"""The provider clients against a real HTTP server on 127.0.0.1 that answers as the real
APIs document (the answers are kept as JSON files beside this module)."""

import json
import socket
import time
from pathlib import Path

import pytest
from werkzeug import Response

from catalog_site.providers.base import (
    BadAnswer,
    ProviderError,
    ProviderOff,
    ProviderRejected,
    ProviderUnavailable,
    RateLimit,
    retry_delay,
)
from catalog_site.providers.google_books import GoogleBooks
from catalog_site.providers.isbn import InvalidISBN, isbn13, normalise_isbn
from catalog_site.providers.omdb import OMDb, QuotaReached
from catalog_site.providers.open_library import FIELDS, OpenLibrary
from catalog_site.providers.tmdb import TMDB

ANSWERS = Path(__file__).parent / "providers"


@pytest.fixture
def fake(fake_providers):
    return fake_providers


def answer(name):
    return json.loads((ANSWERS / name).read_text(encoding="utf-8"))


def requests_to(server, path):
    return [request for request, _ in server.log if request.path == path]


# TMDB


def test_tmdb_search_lists_each_match_with_year_poster_and_overview(fake):
    fake.expect_request(
        "/3/search/movie",
        query_string={"query": "Parasite", "include_adult": "false", "api_key": "v3-key"},
    ).respond_with_json(answer("tmdb_search_parasite.json"))
    with TMDB() as tmdb:
        found = tmdb.search("Parasite")
    assert [(film.tmdb_id, film.title, film.year) for film in found] == [
        (496243, "Parasite", 2019),
        (27440, "Parasite", 1982),
    ]
    assert found[0].image_url == "https://image.tmdb.org/t/p/w500/7IiTTgloJzvGI1TAYymCfbfl3vT.jpg"
    assert found[1].image_url == ""  # no poster
    assert found[0].overview.startswith("All unemployed")


def test_tmdb_details_in_the_models_vocabulary(fake):
    fake.expect_request(
        "/3/movie/238",
        query_string={"append_to_response": "external_ids,watch/providers", "api_key": "v3-key"},
    ).respond_with_json(answer("tmdb_movie_238.json"))
    with TMDB() as tmdb:
        film = tmdb.details(238)
    assert film["tmdb_id"] == 238
    assert film["imdb_id"] == "tt0068646"
    assert (film["release_year"], film["length_minutes"]) == (1972, 175)
    assert film["genres"] == "Drama, Crime"
    assert film["image_url"] == "https://image.tmdb.org/t/p/w500/3bhkrj58Vtu7enYsRolD1fZdja1.jpg"
    assert film["watch_providers"] == {
        "region": "US",
        "link": "https://www.themoviedb.org/movie/238-the-godfather/watch?locale=US",
        "flatrate": ["Paramount Plus"],
        "rent": ["Apple TV"],
        "buy": ["Apple TV", "Amazon Video"],
    }
    assert film["watch_providers_updated_at"] is not None


def test_tmdb_watch_region_is_a_setting(fake, settings):
    settings.WATCH_REGION = "GB"
    fake.expect_request("/3/movie/238").respond_with_json(answer("tmdb_movie_238.json"))
    with TMDB() as tmdb:
        providers = tmdb.details(238)["watch_providers"]
    assert (providers["region"], providers["flatrate"], providers["rent"]) == (
        "GB",
        ["Amazon Prime Video"],
        [],
    )


def test_a_read_token_goes_as_a_bearer_header(fake, settings):
    settings.TMDB_API_KEY = ""
    settings.TMDB_READ_TOKEN = "v4-token"
    fake.expect_request(
        "/3/search/movie", headers={"Authorization": "Bearer v4-token"}
    ).respond_with_json({"page": 1, "results": [], "total_pages": 0, "total_results": 0})
    with TMDB() as tmdb:
        assert tmdb.search("Nothing at all") == []
    [request] = requests_to(fake, "/3/search/movie")
    assert "api_key" not in request.args


def test_a_provider_without_its_key_is_off_and_sends_nothing(fake, settings):
    settings.TMDB_API_KEY = settings.TMDB_READ_TOKEN = ""
    with TMDB() as tmdb, pytest.raises(ProviderOff, match="set TMDB_API_KEY or TMDB_READ_TOKEN"):
        tmdb.search("Parasite")
    assert not tmdb.enabled
    assert fake.log == []


def test_a_film_id_tmdb_does_not_know_is_none(fake):
    fake.expect_request("/3/movie/999999999").respond_with_json(
        {
            "success": False,
            "status_code": 34,
            "status_message": "The resource you requested could not be found.",
        },
        status=404,
    )
    with TMDB() as tmdb:
        assert tmdb.details(999999999) is None


def test_a_wrong_key_names_the_variable(fake):
    fake.expect_request("/3/search/movie").respond_with_json(
        {
            "status_code": 7,
            "status_message": "Invalid API key: You must be granted a valid key.",
            "success": False,
        },
        status=401,
    )
    with (
        TMDB() as tmdb,
        pytest.raises(ProviderRejected, match="check TMDB_API_KEY or TMDB_READ_TOKEN"),
    ):
        tmdb.search("Parasite")


# Faults: retries, limits and answers that are not what the API documents.


def test_429_is_retried_after_the_time_the_provider_asks(fake):
    fake.expect_oneshot_request("/3/search/movie").respond_with_response(
        Response(status=429, headers={"Retry-After": "1"})
    )
    fake.expect_request("/3/search/movie").respond_with_json(answer("tmdb_search_parasite.json"))
    started = time.monotonic()
    with TMDB() as tmdb:
        assert len(tmdb.search("Parasite")) == 2
    assert time.monotonic() - started >= 1.0
    assert len(requests_to(fake, "/3/search/movie")) == 2


def test_a_provider_that_keeps_failing_is_given_up_after_the_retries(fake):
    fake.expect_request("/3/search/movie").respond_with_data("oops", status=500)
    with TMDB() as tmdb, pytest.raises(ProviderUnavailable, match=r"TMDB is not answering \(500\)"):
        tmdb.search("Parasite")
    assert len(requests_to(fake, "/3/search/movie")) == 4  # the first try and 3 retries


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"page": 1, "results": [', "application/json"),
        ("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
    ],
)
def test_an_answer_that_is_not_json_is_refused(fake, body, content_type):
    fake.expect_request("/3/search/movie").respond_with_data(body, content_type=content_type)
    with TMDB() as tmdb, pytest.raises(BadAnswer, match="not JSON"):
        tmdb.search("Parasite")


def test_an_answer_over_2_mb_is_refused(fake):
    fake.expect_request("/3/search/movie").respond_with_data(
        b'{"results": "' + b"x" * (2 * 1024 * 1024) + b'"}', content_type="application/json"
    )
    with TMDB() as tmdb, pytest.raises(BadAnswer, match="more than 2 MB"):
        tmdb.search("Parasite")


def test_a_refused_connection_is_unavailable(settings):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.TMDB_API_URL = f"http://127.0.0.1:{port}/3"
    settings.TMDB_API_KEY = "v3-key"
    with TMDB() as tmdb, pytest.raises(ProviderUnavailable, match="TMDB cannot be reached"):
        tmdb.search("Parasite")


def test_no_answer_within_5_seconds_is_unavailable(fake):
    def slow(request):
        time.sleep(6)
        return Response("{}", content_type="application/json")

    fake.expect_request("/3/search/movie").respond_with_handler(slow)
    started = time.monotonic()
    with TMDB() as tmdb, pytest.raises(ProviderUnavailable, match="did not answer within 5 s"):
        tmdb.search("Parasite")
    assert time.monotonic() - started < 6


def test_retry_delay_honours_retry_after_in_seconds_or_as_a_date():
    assert retry_delay("2", attempt=0) == 2.0
    assert retry_delay(None, attempt=0) == 0.5
    assert retry_delay(None, attempt=2) == 2.0
    assert retry_delay("3600", attempt=0) is None  # too long: give up now
    assert retry_delay("Wed, 21 Oct 2015 07:28:00 GMT", attempt=0) == 0.0  # already past


def test_the_rate_limit_spaces_requests_evenly():
    limit = RateLimit(per_second=20)
    started = time.monotonic()
    for _ in range(11):
        limit.wait()
    assert time.monotonic() - started >= 0.5  # 10 intervals of at least 50 ms


# OMDb


def test_omdb_reads_the_rotten_tomatoes_score(fake):
    fake.expect_request(
        "/omdb/", query_string={"i": "tt0068646", "apikey": "omdb-key"}
    ).respond_with_json(answer("omdb_tt0068646.json"))
    with OMDb() as omdb:
        assert omdb.rotten_tomatoes("tt0068646") == 97


def test_omdb_no_match_and_no_score_are_none(fake):
    fake.expect_request(
        "/omdb/", query_string={"i": "tt0000001", "apikey": "omdb-key"}
    ).respond_with_json({"Response": "False", "Error": "Incorrect IMDb ID."})
    fake.expect_request(
        "/omdb/", query_string={"i": "tt0000002", "apikey": "omdb-key"}
    ).respond_with_json(
        {
            "Title": "Obscure",
            "Ratings": [{"Source": "Internet Movie Database", "Value": "6.1/10"}],
            "Response": "True",
        }
    )
    with OMDb() as omdb:
        assert omdb.rotten_tomatoes("tt0000001") is None
        assert omdb.rotten_tomatoes("tt0000002") is None


def test_omdb_says_when_its_daily_quota_is_used(fake):
    fake.expect_request("/omdb/").respond_with_json(
        {"Response": "False", "Error": "Request limit reached!"}, status=401
    )
    with OMDb() as omdb, pytest.raises(QuotaReached, match="daily request limit"):
        omdb.rotten_tomatoes("tt0068646")


def test_omdb_refuses_what_is_not_an_imdb_id_without_asking(fake):
    with OMDb() as omdb, pytest.raises(ProviderError, match="not an IMDb id"):
        omdb.rotten_tomatoes("0068646")
    assert fake.log == []


# Books


def test_google_books_by_isbn_in_the_models_vocabulary(fake):
    fake.expect_request(
        "/books/v1/volumes",
        query_string={"q": "isbn:0316769487", "maxResults": "10", "printType": "books"},
    ).respond_with_json(answer("google_books_isbn.json"))
    volume = answer("google_books_isbn.json")["items"][0]["volumeInfo"]
    with GoogleBooks() as books:
        [found] = books.search(isbn='="0-316-76948-7"')  # as a Goodreads export writes it
    assert (found.google_books_id, found.authors, found.year) == (
        "gBqQEAAAQBAJ",
        "J. D. Salinger",
        1991,
    )
    assert found.fields == {
        "google_books_id": "gBqQEAAAQBAJ",
        "image_url": "https://books.google.com/books/content?id=gBqQEAAAQBAJ&printsec=frontcover&img=1&zoom=1&source=gbs_api",
        "pages": 224,
        "published_date": "1991-05-01",
        "isbn": "9780316769488",
        "description": volume["description"],
        "average_rating": 3.5,
        "ratings_count": 204,
    }


def test_google_books_by_title_and_author(fake):
    fake.expect_request(
        "/books/v1/volumes",
        query_string={
            "q": "intitle:Right Stuff inauthor:Wolfe",
            "maxResults": "10",
            "printType": "books",
        },
    ).respond_with_json({"kind": "books#volumes", "totalItems": 0})
    with GoogleBooks() as books:
        assert books.search(title="Right Stuff", author="Wolfe") == []


def test_an_isbn_with_a_wrong_check_digit_is_refused_before_asking(fake):
    with GoogleBooks() as books, pytest.raises(InvalidISBN, match="check digit"):
        books.search(isbn="0316769488")
    assert fake.log == []


def test_isbns_are_checked_and_made_isbn_13():
    assert normalise_isbn("0-8044-2957-X") == "080442957X"
    assert isbn13(normalise_isbn("0316769487")) == "9780316769488"
    assert normalise_isbn("978 0316769488") == "9780316769488"
    for wrong in ["", "12345", "9780316769489", "0316769480"]:
        with pytest.raises(InvalidISBN):
            normalise_isbn(wrong)


def test_open_library_search_with_its_cover_url(fake):
    fake.expect_request(
        "/ol/search.json",
        query_string={
            "title": "Fantastic Mr Fox",
            "author": "Dahl",
            "fields": FIELDS,
            "limit": "10",
        },
    ).respond_with_json(answer("open_library_search.json"))
    with OpenLibrary() as library:
        [found] = library.search(title="Fantastic Mr Fox", author="Dahl")
    assert (found.title, found.authors, found.year) == ("Fantastic Mr Fox", "Roald Dahl", 1970)
    assert found.fields == {
        "image_url": "https://covers.example/b/id/6498519-L.jpg",
        "pages": 96,
        "year_written": 1970,
        "isbn": "9780140328721",
    }
