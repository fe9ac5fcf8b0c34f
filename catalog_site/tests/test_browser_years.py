"""The year in review and the streaming filter in a real browser: years reached from the
stats page by their links, from one year to the year before, to an entry of the A list;
services ticked in the filter form; checked with axe-core (in both colour schemes) and saved
as screenshots at 1366x900 and on a phone."""

import datetime
import re

import pytest

from catalog_site.tests.test_browser import PHONE, browser, screenshot  # noqa: F401
from catalog_site.tests.test_browser_admin import WIDE, owner_page, serious_violations  # noqa: F401
from films.models import Film

pytestmark = pytest.mark.django_db(transaction=True)


def fits(page):
    return (
        page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]
    )


def test_from_the_stats_page_to_a_year_and_the_year_before(owner_page):  # noqa: F811
    page = owner_page
    page.goto("/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Film stats").click()
    page.wait_for_url("**/films/stats/")
    page.get_by_role("navigation", name="Year in review").get_by_role("link", name="2016").click()
    page.wait_for_url("**/films/year/2016/")
    assert page.locator("h1").inner_text() == "Films of 2016"
    lead = page.locator(".lead").inner_text()
    assert "3 films seen in 2016, 1 more than in 2015 (2)." in lead
    for name in ("month", "grade", "genre"):
        assert page.locator(f"#chart-{name} svg rect.count").count() > 0, name
    captions = page.locator(".highlights .caption").all_inner_texts()
    assert captions == ["First of the year", "Last of the year", "The longest"]
    screenshot(page, "year-films-2016-1366")

    page.get_by_role("link", name="← 2015").click()
    page.wait_for_url("**/films/year/2015/")
    assert page.locator("h1").inner_text() == "Films of 2015"
    page.get_by_role("link", name="2016 →").click()
    page.wait_for_url("**/films/year/2016/")

    first = page.locator(".a-list li a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/films/\d+/$"))
    assert title.split(" (")[0] in page.locator("h1").inner_text()

    page.go_back()
    page.get_by_role("link", name="All 3 in the list").click()
    page.wait_for_url(re.compile(r"/films/\?year_watched=2016$"))
    assert page.locator(".result-count").inner_text() == "3 films"


def test_the_years_page_lists_every_year(owner_page):  # noqa: F811
    page = owner_page
    page.goto("/books/stats/")
    page.get_by_role("link", name="2018").click()
    page.wait_for_url("**/books/year/2018/")
    page.get_by_role("link", name="← Every year").click()
    page.wait_for_url("**/books/year/")
    years = page.locator(".years a").all_inner_texts()
    assert years == sorted(years, reverse=True)
    assert "2018" in years


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["1366", "phone"])
def test_the_year_pages_are_accessible_and_fit_the_screen(owner_page, size, scheme):  # noqa: F811
    page = owner_page
    page.set_viewport_size(WIDE if size == "1366" else PHONE)
    page.emulate_media(color_scheme=scheme)
    for path in ("/films/year/2016/", "/books/year/2018/", "/shows/year/2019/", "/films/year/"):
        assert page.goto(path).ok, path
        assert serious_violations(page) == [], path
        assert fits(page), path
        name = path.strip("/").replace("/", "-")
        screenshot(page, f"{name}-{size}-{scheme}", full_page=size == "phone")


LONG_NAME = 'Canal+ "Séries", Extra Long Service Name Amazon Channel'


@pytest.fixture
def streaming_films(settings):
    settings.WATCH_REGION = "US"
    checked = datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC)
    offers = {
        "Parasite": ["Netflix", "Max"],
        "Inception": ["Max"],
        "Up": ["Disney Plus"],
        "Room": [LONG_NAME],
    }
    for title, services in offers.items():
        Film.objects.filter(title=title).update(
            watch_providers={"region": "US", "flatrate": services},
            watch_providers_updated_at=checked,
        )


@pytest.mark.parametrize("size", ["1366", "phone"])
def test_streaming_on_several_services_from_the_form(owner_page, streaming_films, size):  # noqa: F811
    page = owner_page
    page.set_viewport_size(WIDE if size == "1366" else PHONE)
    page.goto("/films/")
    streaming = page.get_by_role("group", name="Streaming on")
    streaming.locator("summary").click()
    streaming.get_by_label("Max", exact=True).check()
    streaming.get_by_label("Disney Plus").check()
    assert streaming.locator("summary").inner_text() == "Disney Plus, Max"
    assert serious_violations(page) == []
    assert fits(page)
    screenshot(page, f"films-streaming-open-{size}", full_page=False)
    with page.expect_navigation(url=re.compile(r"streaming=Disney\+Plus&streaming=Max")):
        streaming.locator("summary").click()  # closing the list applies it
    assert page.locator(".result-count").inner_text() == "3 films"
    assert set(page.locator(".card-title").all_inner_texts()) == {"Parasite", "Inception", "Up"}
    assert page.locator(".card .checked").all_inner_texts() == ["Streaming checked 2 Nov 2026"] * 3
    assert page.get_by_role("group", name="Streaming on").locator("summary").inner_text() == (
        "Disney Plus, Max"
    )
    screenshot(page, f"films-streaming-{size}", full_page=False)
    page.get_by_role("link", name="Remove Streaming on: Disney Plus, Max").click()
    page.wait_for_url(lambda url: "/films/" in url and "streaming" not in url)
    assert page.locator(".result-count").inner_text() == f"{Film.objects.count()} films"


def test_the_streaming_list_works_from_the_keyboard(owner_page, streaming_films):  # noqa: F811
    page = owner_page
    page.set_viewport_size(PHONE)
    page.goto("/films/")
    summary = page.get_by_role("group", name="Streaming on").locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.value") == LONG_NAME
    page.keyboard.press("Space")
    assert fits(page)  # a long name wraps inside the list
    with page.expect_navigation(url=re.compile(r"streaming=Canal")):
        page.keyboard.press("Escape")  # closing the list applies it
    # The keyboard is back where it was; a name that holds a comma is one service.
    assert page.evaluate("() => document.activeElement.parentNode.parentNode.id") == ("f-streaming")
    assert page.locator(".card-title").all_inner_texts() == ["Room"]
    assert page.get_by_role("group", name="Streaming on").locator("summary").inner_text() == (
        LONG_NAME
    )
