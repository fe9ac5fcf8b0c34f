"""TV shows in a real browser (headless Chromium, as catalog_site/tests/test_browser.py):
reached from the home page by its links, filtered with the form, opened, added in the admin
by title and picked from TMDB's answers; every page checked with axe-core and saved as
screenshots at 1366x900 and on a phone."""

import re

import pytest

from catalog_site.history.context import acting
from catalog_site.history.models import Change
from catalog_site.tests.test_browser import PHONE, log_in, screenshot
from catalog_site.tests.test_browser_admin import WIDE, serious_violations
from shows.models import Show

pytestmark = pytest.mark.django_db(transaction=True)

THE_OFFICE = [
    {"id": 2316, "name": "The Office", "first_air_date": "2005-03-24",
     "overview": "The everyday lives of office employees in Scranton.", "poster_path": None},
    {"id": 2996, "name": "The Office", "first_air_date": "2001-07-09",
     "overview": "The day-to-day lives of workers at Wernham Hogg.", "poster_path": None},
]  # fmt: skip


def fits(page):
    return (
        page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]
    )


def test_from_the_home_page_to_a_show_by_links_and_the_form(owner_page):
    page = owner_page
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="TV shows").click()
    page.wait_for_url("**/shows/")
    assert page.locator(".result-count").inner_text() == "13 TV shows"
    screenshot(page, "shows-grid-1366", full_page=False)
    page.select_option("#f-genre", label="Comedy")
    page.wait_for_url(re.compile(r"genre=Comedy"))
    titles = page.locator(".card-title").all_inner_texts()
    assert set(titles) == {"The Office", "Fleabag", "Seinfeld", "The Bear", "Cheers"}
    page.locator(".card a", has_text="Seinfeld").click()
    page.wait_for_url(re.compile(r"/shows/\d+/$"))
    text = page.locator("main").inner_text()
    for expected in ("Seinfeld", "1989–1998", "9 seasons, 180 episodes", "8.9/10", "B+"):
        assert expected in text
    screenshot(page, "show-detail-1366")
    page.get_by_role("link", name="Comedy").click()
    page.wait_for_url(re.compile(r"/shows/\?genre=Comedy"))
    page.goto("/shows/stats/")
    for name in ("year-watched", "decade", "genre", "imdb"):
        assert page.locator(f"#chart-{name} svg rect.count").count() > 0, name
    screenshot(page, "show-stats-1366")


@pytest.mark.parametrize("size", ["1366", "phone"])
def test_the_show_pages_are_accessible_and_fit_the_screen(owner_page, size):
    page = owner_page
    page.set_viewport_size(WIDE if size == "1366" else PHONE)
    show = Show.objects.get(title="Severance")
    for path, name in [
        ("/", "home"), ("/shows/", "shows"), ("/shows/?view=list", "shows-list"),
        (f"/shows/{show.pk}/", "show-detail"), ("/shows/stats/", "show-stats"),
    ]:  # fmt: skip
        assert page.goto(path).ok, path
        assert serious_violations(page) == [], path
        assert fits(page), path
        screenshot(page, f"{name}-{size}", full_page=False)


def test_the_shows_admin_pages_are_accessible(owner_page):
    page = owner_page
    show = Show.objects.order_by("pk").first()
    with acting("admin:owner"):
        show.grade = "B"
        show.save()
        Show.objects.order_by("-pk").first().delete()
    version = Change.objects.filter(row_uuid=show.uuid).order_by("id").first()
    base = "/shows/admin/shows/show/"
    log_in(page, "/shows/admin/", "owner")
    for name, path in {
        "index": "/shows/admin/", "changelist": base, "change": f"{base}{show.pk}/change/",
        "add": f"{base}add/", "import": f"{base}import/", "history": f"{base}{show.pk}/history/",
        "restore": f"{base}restore/{version.pk}/", "deleted": f"{base}deleted/",
        "tidy": f"{base}tidy/", "lookup": f"{base}{show.pk}/lookup/",
    }.items():  # fmt: skip
        for size, viewport in (("1366", WIDE), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            assert page.goto(path).ok, path
            assert serious_violations(page) == [], (path, size)
            screenshot(page, f"admin-show-{name}-{size}", full_page=False)


def test_a_show_added_by_its_title_is_picked_and_filled_in(owner_page, fake_providers):
    page = owner_page
    fake_providers.expect_request("/3/search/tv").respond_with_json({"results": THE_OFFICE})
    fake_providers.expect_request("/3/tv/2996").respond_with_json(
        {"id": 2996, "name": "The Office", "first_air_date": "2001-07-09",
         "last_air_date": "2003-12-27", "in_production": False, "number_of_seasons": 2,
         "number_of_episodes": 14, "genres": [{"name": "Comedy"}],
         "external_ids": {"imdb_id": "tt0290978"},
         "watch/providers": {"results": {"US": {"flatrate": [{"provider_name": "Peacock"}]}}}}
    )  # fmt: skip
    fake_providers.expect_request("/omdb/").respond_with_json(
        {"imdbRating": "8.5", "imdbID": "tt0290978", "Type": "series", "Response": "True"}
    )
    log_in(page, "/shows/admin/", "owner")
    page.goto("/shows/admin/shows/show/add/")
    page.fill("#id_title", "Office, The")
    page.select_option("#id_grade", "A-")
    page.locator("input[name=_save]").first.click()
    page.wait_for_url(re.compile(r"/shows/admin/shows/show/\d+/lookup/$"))
    screenshot(page, "admin-pick-a-show")
    assert page.locator(".catalog-candidates li").count() == 2
    page.locator(".catalog-candidates li", has_text="2001").get_by_role("link").click()
    page.wait_for_url(re.compile(r"lookup/\?tmdb_id=2996$"))
    page.get_by_role("button", name="Fill in the ticked fields").click()
    page.wait_for_url(re.compile(r"/shows/admin/shows/show/\d+/change/$"))
    assert page.input_value("#id_start_year") == "2001"
    assert page.input_value("#id_episodes") == "14"
    assert page.input_value("#id_imdb_rating") == "8.5"
    show = Show.objects.get(tmdb_id=2996)
    page.goto(f"/shows/{show.pk}/")
    text = page.locator("main").inner_text()
    for expected in ("2001–2003", "2 seasons, 14 episodes", "Stream: Peacock", "8.5/10", "A-"):
        assert expected in text
    screenshot(page, "show-filled-in-1366")
