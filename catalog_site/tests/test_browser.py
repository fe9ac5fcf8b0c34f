"""The public pages and the admin in a real browser: headless Chromium driven by Playwright.

Chromium is Debian's package (`make browser` installs it); Playwright only drives it. Each
test saves screenshots under test-artifacts/screenshots/ (or $SCREENSHOT_DIR) for a person to
look at.
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from books.models import Book
from catalog_site.demo import load_demo_data
from catalog_site.pages.lists import PAGE_SIZE
from films.models import Film

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", settings.BASE_DIR / "test-artifacts" / "screenshots")
)
PASSWORD = "pw-for-tests-8c1d"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.django_db(transaction=True)

# The pages' Content-Security-Policy forbids eval, and Playwright evaluates a bare expression
# passed to wait_for_function with eval while it polls: the tests pass functions ("() => ...").


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run `make browser` (Debian package chromium).")
    # Playwright's sync API keeps an event loop in this thread; Django's guard against ORM
    # calls from async code would otherwise refuse the tests' own database setup.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as driver:
            chromium = driver.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-background-networking",
                    "--disable-component-update",
                ],
            )
            yield chromium
            chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name, *, full_page=True):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)


def cards(page):
    return page.locator(".results > li")


def test_browse_search_filter_sort_and_open_a_film(page):
    load_demo_data()
    page.goto("/films/")
    screenshot(page, "films-grid", full_page=False)
    assert page.locator(".result-count").inner_text() == "32 films"
    assert cards(page).count() == 32

    page.fill("#q", "godfather")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=godfather"))
    assert page.locator(".result-count").inner_text() == "1 film"
    assert cards(page).first.locator(".card-title").inner_text() == "The Godfather"
    # Empty fields stay out of the URL, so a shared link says only what was chosen.
    assert "grade=" not in page.url

    page.get_by_role("link", name="Clear all").click()
    page.select_option("#f-grade", label="Any A")  # applies at once
    page.wait_for_url(re.compile(r"grade=A%2B"))
    count = cards(page).count()
    assert 0 < count < 32
    assert page.locator(".result-count").inner_text() == f"{count} films"

    page.select_option("#f-ordering", label="Newest release")
    page.wait_for_url(re.compile(r"ordering=-release_year"))
    years = [int(text) for text in page.locator(".card .meta span:first-child").all_inner_texts()]
    assert years == sorted(years, reverse=True)
    assert re.search(r"grade=A%2B", page.url), "the grade filter is kept"
    screenshot(page, "films-filtered")

    # The state lives in the URL: opening it fresh shows the same page.
    shared = page.url
    first = cards(page).first.locator(".card-title").inner_text()
    page.goto(shared)
    assert cards(page).first.locator(".card-title").inner_text() == first

    cards(page).first.locator("a").click()
    page.wait_for_url(re.compile(r"/films/\d+/$"))
    assert page.locator("h1").inner_text().startswith(first)
    assert page.locator("dt", has_text="Rotten Tomatoes").count() == 1
    screenshot(page, "film-detail")


def test_filter_by_genre_decade_and_format_from_the_form(page):
    load_demo_data()
    page.goto("/films/")
    page.select_option("#f-genre", label="Science Fiction")
    page.wait_for_url(re.compile(r"genre=Science"))
    page.select_option("#f-decade", label="2010s")
    page.wait_for_url(re.compile(r"decade=2010"))
    titles = page.locator(".card-title").all_inner_texts()
    expected = Film.objects.filter(
        genre_index__contains="|science-fiction|", release_year__gte=2010, release_year__lt=2020
    )
    assert sorted(titles) == sorted(film.display_title for film in expected)
    page.get_by_role("link", name=re.compile("Remove Genre")).click()
    page.wait_for_url(lambda url: "genre=" not in url)
    assert "decade=2010" in page.url


def test_compact_list_view_and_show_more(page):
    Film.objects.bulk_create(
        Film(
            title=f"Film {n:03}",
            release_year=2000,
            **Film.derived_values(
                dict(title=f"Film {n:03}", release_year=2000, date_text="", grade="B", genres="")
            ),
        )
        for n in range(PAGE_SIZE + 12)
    )
    page.goto("/films/?ordering=title")
    assert cards(page).count() == PAGE_SIZE
    page.get_by_role("button", name="Show more").click()
    page.wait_for_function(
        f"() => document.querySelectorAll('.results > li').length === {PAGE_SIZE + 12}"
    )
    assert cards(page).last.locator(".card-title").inner_text() == f"Film {PAGE_SIZE + 11:03}"
    assert page.get_by_role("button", name="Show more").count() == 0

    page.get_by_role("link", name="List", exact=True).click()
    page.wait_for_url(re.compile(r"view=list"))
    assert page.locator("table.entries tbody tr").count() == PAGE_SIZE
    screenshot(page, "films-list-view", full_page=False)


def test_keyboard_reaches_a_film(page):
    load_demo_data()
    page.goto("/films/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    # Tab onwards until the first film card has focus, then open it.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.card')"):
            break
    title = page.evaluate("document.activeElement.querySelector('.card-title').innerText")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/films/\d+/$"))
    assert page.locator("h1").inner_text().startswith(title)


def test_a_poster_that_fails_to_load_shows_its_placeholder(page, live_server):
    film = Film.objects.create(
        title="Broken Poster", image_url=f"{live_server.url}/static/no-such-poster.jpg"
    )
    Film.objects.create(title="No Poster")
    page.goto(f"/films/{film.pk}/")
    placeholder = page.locator(".artwork .placeholder")
    placeholder.wait_for(state="visible")
    assert placeholder.inner_text() == "BP"
    assert page.locator(".artwork img").count() == 0
    page.goto("/films/")
    page.wait_for_function("() => document.querySelectorAll('.artwork img').length === 0")
    assert page.locator(".placeholder:visible").count() == 2


def test_phone_layout_fits_the_screen(browser, live_server):
    load_demo_data()
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    page = context.new_page()
    for path, name in [
        ("/", "home-phone"),
        ("/films/", "films-phone"),
        ("/films/stats/", "film-stats-phone"),
        (f"/books/{Book.objects.first().pk}/", "book-detail-phone"),
    ]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        screenshot(page, name, full_page=False)
    context.close()


def log_in(page, admin_path, username):
    page.goto(admin_path)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{admin_path}")


def test_a_film_added_in_the_admin_appears_on_the_public_pages(page, film_editor):
    log_in(page, "/films/admin/", film_editor.username)
    page.goto("/films/admin/films/film/add/")
    page.fill("#id_title", "Seventh Seal, The")
    page.fill("#id_release_year", "1957")
    page.fill("#id_length_minutes", "96")
    page.fill("#id_genres", "Drama, Fantasy")
    page.fill("#id_date_text", "March 3, 2021")
    page.fill("#id_format", "Criterion Channel")
    page.select_option("#id_grade", "A-")
    page.fill("#id_rotten_tomatoes", "93")
    screenshot(page, "admin-add-film")
    page.locator("input[name=_save]").first.click()
    page.wait_for_url("**/films/admin/films/film/")
    assert "was added successfully" in page.locator(".messagelist").inner_text()

    page.goto("/films/?q=seventh+seal")
    assert page.locator(".card-title").all_inner_texts() == ["The Seventh Seal"]
    page.locator(".card a").first.click()
    page.wait_for_url(re.compile(r"/films/\d+/$"))
    text = page.locator("main").inner_text()
    for expected in ("The Seventh Seal", "1957", "A-", "March 3, 2021", "1 h 36 min", "93%"):
        assert expected in text
    assert page.get_by_role("link", name="Edit in admin").count() == 1
    screenshot(page, "film-added-detail")


def test_browse_books_and_add_one_in_the_admin(page, book_editor):
    load_demo_data()
    page.goto("/books/")
    assert page.locator(".result-count").inner_text() == "24 books"
    screenshot(page, "books-grid", full_page=False)
    page.select_option("#f-form", label="Audible")
    page.wait_for_url(re.compile(r"form=Audible"))
    assert cards(page).count() == Book.objects.filter(format__iexact="audible").count()

    log_in(page, "/books/admin/", book_editor.username)
    page.goto("/books/admin/books/book/add/")
    page.fill("#id_title", "Remains of the Day, The")
    page.fill("#id_author", "Ishiguro, Kazuo")
    page.fill("#id_pages", "258")
    page.fill("#id_date_text", "2022-08-14")
    page.select_option("#id_grade", "A")
    page.fill("#id_notes", "Quiet and devastating.")
    page.locator("input[name=_save]").first.click()
    page.wait_for_url("**/books/admin/books/book/")

    page.goto("/books/?q=ishiguro")
    assert page.locator(".card-title").all_inner_texts() == ["The Remains of the Day"]
    assert "Kazuo Ishiguro" in page.locator(".card .meta").first.inner_text()
    page.locator(".card a").first.click()
    page.wait_for_url(re.compile(r"/books/\d+/$"))
    text = page.locator("main").inner_text()
    for expected in ("by Kazuo Ishiguro", "258", "2022-08-14", "Quiet and devastating."):
        assert expected in text
    screenshot(page, "book-detail")

    page.get_by_role("link", name="Kazuo Ishiguro").click()
    page.wait_for_url(re.compile(r"author=Kazuo"))
    assert page.locator(".card-title").all_inner_texts() == ["The Remains of the Day"]


@pytest.mark.parametrize(
    ("path", "charts"),
    [
        ("/films/stats/", ["year-watched", "decade", "rt", "genre"]),
        ("/books/stats/", ["year", "type", "form", "authors"]),
    ],
)
def test_stats_pages_draw_their_charts(page, path, charts):
    load_demo_data()
    page.goto(path)
    for name in charts:
        chart = page.locator(f"#chart-{name} svg")
        box = chart.bounding_box()
        assert box["width"] > 300, name
        assert box["height"] > 40, name
        bars = chart.locator("rect.count")
        assert bars.count() > 0, name
        widths = [bar.bounding_box()["width"] for bar in bars.all()]
        assert max(widths) > 100, name  # the largest group gets a long bar
    # The numbers are there as a table too, for screen readers and for copying.
    page.locator(f"#chart-{charts[0]} summary").click()
    assert page.locator(f"#chart-{charts[0]}-table tbody tr").count() > 0
    screenshot(page, path.strip("/").replace("/", "-"))


def test_a_film_added_by_its_title_alone_is_filled_in_from_the_providers(
    page, film_editor, fake_providers, provider_answer
):
    godfathers = provider_answer("tmdb_search_parasite.json")
    godfathers["results"] = [
        {"id": 238, "title": "The Godfather", "release_date": "1972-03-14",
         "overview": "The aging patriarch of an organized crime dynasty...",
         "poster_path": "/3bhkrj58Vtu7enYsRolD1fZdja1.jpg"},
        {"id": 1040, "title": "The Godfather", "release_date": "1991-01-01",
         "overview": "A documentary about the making of the film.", "poster_path": None},
    ]  # fmt: skip
    fake_providers.expect_request("/3/search/movie").respond_with_json(godfathers)
    fake_providers.expect_request("/3/movie/238").respond_with_json(
        provider_answer("tmdb_movie_238.json")
    )
    fake_providers.expect_request("/omdb/").respond_with_json(
        provider_answer("omdb_tt0068646.json")
    )
    log_in(page, "/films/admin/", film_editor.username)
    page.goto("/films/admin/films/film/add/")
    page.fill("#id_title", "The Godfather")
    page.locator("input[name=_save]").first.click()
    page.wait_for_url(re.compile(r"/films/admin/films/film/\d+/lookup/$"))
    screenshot(page, "admin-pick-a-film")
    assert page.locator(".catalog-candidates li").count() == 2
    page.locator(".catalog-candidates li", has_text="(1972)").get_by_role("link").click()
    page.wait_for_url(re.compile(r"lookup/\?tmdb_id=238$"))
    page.get_by_role("button", name="Fill in the ticked fields").click()
    page.wait_for_url(re.compile(r"/films/admin/films/film/\d+/change/$"))
    screenshot(page, "admin-film-filled-in")
    assert page.input_value("#id_genres") == "Drama, Crime"
    assert page.input_value("#id_length_minutes") == "175"
    assert page.input_value("#id_rotten_tomatoes") == "97"
    assert page.input_value("#id_image_url").endswith("/3bhkrj58Vtu7enYsRolD1fZdja1.jpg")

    film = Film.objects.get()
    page.goto(f"/films/{film.pk}/")
    screenshot(page, "film-where-to-watch")
    text = page.locator("main").inner_text()
    assert "Where to watch" in text
    assert "Stream: Paramount Plus" in text
    assert "1 h 55 min" not in text
    assert "2 h 55 min" in text


def test_restore_an_earlier_version_from_the_admin(page, film_editor):
    film = Film.objects.create(title="Heat", grade="B", location="Cinema")
    log_in(page, "/films/admin/", film_editor.username)
    page.goto(f"/films/admin/films/film/{film.pk}/change/")
    page.select_option("#id_grade", "D")
    page.fill("#id_location", "Plane")
    page.locator("input[name=_save]").first.click()
    page.wait_for_url("**/films/admin/films/film/")

    page.goto(f"/films/admin/films/film/{film.pk}/change/")
    page.get_by_role("link", name="History").click()
    rows = page.locator(".catalog-history tbody tr")
    assert rows.count() == 2
    assert "admin:film-editor" in rows.first.inner_text()
    assert "location: Cinema → Plane" in rows.first.inner_text()
    screenshot(page, "admin-history")
    rows.nth(1).get_by_role("link", name="Restore this version").click()
    assert "Plane" in page.locator(".catalog-restore table").inner_text()
    screenshot(page, "admin-restore-confirm")
    page.get_by_role("button", name="Yes, restore it").click()
    page.wait_for_url(f"**/films/admin/films/film/{film.pk}/change/")
    assert "Restored" in page.locator(".messagelist").inner_text()
    film.refresh_from_db()
    assert (film.grade, film.location) == ("B", "Cinema")


# Every request to another host (posters, covers) gets this 1x1 PNG: no test reaches out.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
WATCH_POLICY = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def test_no_page_breaks_the_content_security_policy(page, live_server, django_user_model):
    """Public pages, API docs, browsable API and both admins, under the site's policy: no
    violation and no console error anywhere, and each answer carries the header."""
    load_demo_data()
    django_user_model.objects.create_superuser("owner", password=PASSWORD)
    film, book = Film.objects.order_by("pk").first(), Book.objects.order_by("pk").first()
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"),
        lambda route: route.fulfill(status=200, content_type="image/png", body=PIXEL),
    )
    page.add_init_script(WATCH_POLICY)

    def visit(path, ready="main, #content"):
        response = page.goto(path)
        assert response.ok, path
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy, path
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0], path
        page.locator(ready).first.wait_for()
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        assert (violations, problems) == ([], []), path

    for path in [
        "/",
        "/films/",
        "/films/?view=list&ordering=title",
        f"/films/{film.pk}/",
        "/films/stats/",
        "/books/",
        "/books/?view=list",
        f"/books/{book.pk}/",
        "/books/stats/",
    ]:
        visit(path)
    visit("/api/docs/", ready=".swagger-ui .info")
    screenshot(page, "api-docs")
    visit("/api/films?limit=5", ready=".response-info")

    log_in(page, "/films/admin/", "owner")
    for path in [
        "/films/admin/",
        "/films/admin/films/film/",
        f"/films/admin/films/film/{film.pk}/change/",
        f"/films/admin/films/film/{film.pk}/history/",
        "/films/admin/films/film/add/",
        "/films/admin/films/film/import/",
        "/books/admin/books/book/",
        f"/books/admin/books/book/{book.pk}/change/",
        "/admin/auth/user/",
        "/admin/axes/accessattempt/",
    ]:
        visit(path)

    # The watch itself works: an inline handler slipped into a page is refused and reported.
    page.goto("/films/")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', "
        '\'<img src="/nothing.png" onerror="document.title=1">\')'
    )
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("window.__violations")[0].startswith("script-src")
    assert page.title() != "1"


WIDE = {"width": 1366, "height": 900}


def test_import_a_letterboxd_file_and_download_the_rows_not_imported(page, film_editor, tmp_path):
    """The real form: choose the file, preview, confirm, and follow the result page's link
    to the rows not imported; at a laptop's width and a phone's."""
    from .test_import_file import DIARY, LETTERBOXD, write_csv

    Film.objects.create(title="Godfather, The", release_year=1972, grade="")
    bad = ["2021-06-05", "Heat", "1995", "https://boxd.in/h1", "9", "", "", "2021-06-05"]
    diary = write_csv(tmp_path / "diary.csv", LETTERBOXD, [*DIARY, bad])
    page.add_init_script(WATCH_POLICY)  # the pages keep to the Content-Security-Policy
    page.set_viewport_size(WIDE)
    log_in(page, "/films/admin/", film_editor.username)
    page.goto("/films/admin/films/film/")
    page.get_by_role("link", name="Import a file").click()
    page.wait_for_url("**/films/admin/films/film/import/")
    page.set_input_files("#id_file", diary)
    screenshot(page, "admin-import-form")
    page.get_by_role("button", name="Preview").click()
    page.locator(".catalog-added").wait_for()
    text = page.locator("#content-main").inner_text()
    assert "5 rows in diary.csv: 2 added, 2 updated, 0 unchanged, 0 kept, 0 skipped, " \
        "1 not understood." in text  # fmt: skip
    assert "Crouching Tiger, Hidden Dragon (2000)" in page.locator(".catalog-added").inner_text()
    assert "grade: — → A" in page.locator(".catalog-updated").inner_text()
    assert "rating 9 is not on the stars scale" in text
    screenshot(page, "admin-import-preview")
    assert Film.objects.count() == 1

    page.get_by_role("button", name="Import").click()
    page.locator(".catalog-download").wait_for()
    assert "Imported diary.csv: 2 added, 1 updated" in page.locator(".messagelist").inner_text()
    screenshot(page, "admin-import-done")
    assert page.evaluate("window.__violations") == []
    with page.expect_download() as downloading:
        page.locator(".catalog-download").click()
    download = downloading.value
    assert download.suggested_filename.startswith("films-not-imported-")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines == [
        ",".join([*LETTERBOXD, "Table", "Line", "Not imported because"]),
        "2021-06-05,Heat,1995,https://boxd.in/h1,9,,,2021-06-05,diary.csv,6,"
        "rating 9 is not on the stars scale",
    ]
    assert Film.objects.count() == 3

    # On a phone: the same file again, letting the file win over an edit made here since;
    # nothing spills sideways.
    Film.objects.filter(release_year=1972).update(
        grade="B", updated_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    page.set_viewport_size(PHONE)
    page.goto("/films/admin/films/film/import/")
    page.set_input_files("#id_file", diary)
    page.check("#id_prefer_source")
    screenshot(page, "admin-import-form-phone", full_page=False)
    page.get_by_role("button", name="Preview").click()
    page.locator(".catalog-not-understood").wait_for()
    assert "your edit will be replaced" in page.locator(".catalog-updated").inner_text()
    assert "Godfather, The" in page.locator(".catalog-replaced").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "admin-import-preview-phone")
    assert page.evaluate("window.__violations") == []
    page.get_by_role("button", name="Import").click()
    page.locator(".catalog-download").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "admin-import-done-phone")
    assert Film.objects.get(release_year=1972).grade == "A"
