"""No query string answers 5xx: generated values for every parameter of every list, stats
and analytics route of each catalog (hypothesis), on the engine of the run, and the values
seen to do so once (a year 0, a superscript two, thirty nines, 1e18)."""

import re
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils.module_loading import import_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog_site.catalog import registry

# Parameters every list route reads besides its filter set's: paging, in each style.
PAGING = ["page", "page_size", "limit", "offset", "ordering", "sort", "order"]
ODD_VALUES = [
    "0",
    "-1",
    "99999",
    "9" * 30,
    "1e5",
    "1e18",
    "²",
    "١٢",
    "",
    " ",
    "NaN",
    "-0",
    "0x10",
    "a\x00b",
    "-1e1000000",
    "1e-1000000",
    "9" * 5000,
]


def routes():
    """(path, parameters) of each catalog's list page, stats page, API list and analytics."""
    found = []
    for config in registry.catalogs():
        name = config.catalog_name
        viewset = import_string(config.viewset)
        names = [*viewset.filterset_class.base_filters, *PAGING]
        found += [(f"/{name}/", names), (f"/{name}/stats/", names), (f"/api/{name}", names)]
        for pattern in import_string(config.api_urls):
            route = pattern.pattern.regex.pattern.strip("^$").removesuffix("/?")
            found.append((f"/api/{route}", names))
    return found


ROUTES = routes()


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "names"), ROUTES)
@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_values_of_every_parameter_answer_below_500(path, names, value):
    client = Client(raise_request_exception=False)
    for name in names:
        response = client.get(f"{path}?{urlencode({name: value})}")
        assert response.status_code < 500, (path, name, value, response.status_code)


values = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=30),
)


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_query_strings_answer_below_500(data):
    caches["throttle"].clear()  # each example is a client of its own, within its rate
    path, names = data.draw(st.sampled_from(ROUTES))
    query = data.draw(st.dictionaries(st.sampled_from(names), values, min_size=1, max_size=3))
    response = Client(raise_request_exception=False).get(f"{path}?{urlencode(query)}")
    assert response.status_code < 500, (path, query, response.status_code)
    assert response.status_code != 429


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/films/", "/api/films", "/books/stats/", "/api/books"])
def test_a_number_of_a_million_digits_is_refused_by_its_bounds(path):
    """Refused as below -1e50, never made into an int (which takes Python half a minute)."""
    client = Client(raise_request_exception=False)
    response = client.get(f"{path}?{urlencode({'min_score': '-1e1000000'})}")
    if path.startswith("/api/"):
        assert response.status_code == 400
        assert "min_score" in response.json()
    else:
        assert response.status_code == 200
        assert "could not be read" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("digits", [19, 30, 5000])
def test_an_id_of_many_digits_is_a_404(digits):
    client = Client(raise_request_exception=False)
    assert client.get("/api/films/" + "9" * digits).status_code == 404
    assert client.get("/films/" + "9" * digits + "/").status_code == 404


@pytest.mark.django_db
def test_a_refused_value_is_shown_readable_and_short(client):
    response = client.get("/films/", {"q": "net\x00flix", "format": "x" * 7000})
    html = response.content.decode()
    assert "\x00" not in html
    assert re.findall(r">Format: (x*)… <", html) == ["x" * 59]
    assert "<title>Films: netflix · Catalog</title>" in html
