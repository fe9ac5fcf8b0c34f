"""The admin sites in a real browser, as the owner sees them: every kind of page of both
catalogs (login, index, changelist, change, add, import, history, restore, look-up, recently
deleted, tidy values) checked with axe-core (0 critical or serious violations) and saved as
screenshots at 1366x900 and 390x844, the changelists within the screen, and the public
pages checked by axe too.

axe-core is the npm package (`make axe`); it is added to each page by Playwright in a
browser context that lets it past the site's Content-Security-Policy (which the CSP test in
test_browser.py checks on its own).
"""

from pathlib import Path

import pytest
from django.conf import settings

from books.models import Book
from catalog_site.demo import load_demo_data
from catalog_site.history.context import acting
from catalog_site.history.models import Change
from films.models import Film

from .test_browser import PASSWORD, PHONE, browser, log_in, screenshot  # noqa: F401

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WIDE = {"width": 1366, "height": 900}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def owner_page(browser, live_server, django_user_model):  # noqa: F811
    if not AXE.exists():
        pytest.fail(f"No axe-core at {AXE}: run `make axe` (npm ci).")
    load_demo_data()
    django_user_model.objects.create_superuser("owner", password=PASSWORD)
    context = browser.new_context(base_url=live_server.url, viewport=WIDE, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def serious_violations(page):
    """axe-core's critical and serious violations on the page: [(rule, [targets])]."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:5])
        for violation in result["violations"]
        if violation["impact"] in ("critical", "serious")
    ]


def admin_pages():
    """Every kind of admin page of both catalogs, with a row edited and one deleted."""
    film, book = Film.objects.order_by("pk").first(), Book.objects.order_by("pk").first()
    with acting("admin:owner"):
        film.grade = "A"
        film.save()
        book.grade = "A"
        book.save()
        Film.objects.order_by("-pk").first().delete()
        Book.objects.order_by("-pk").first().delete()
    pages = {
        "films-index": "/films/admin/",
        "books-index": "/books/admin/",
        "admin-index": "/admin/",
    }
    for row, base in ((film, "/films/admin/films/film/"), (book, "/books/admin/books/book/")):
        name = type(row).__name__.lower()
        version = Change.objects.filter(row_uuid=row.uuid).order_by("id").first()
        pages.update(
            {
                f"{name}-changelist": base,
                f"{name}-change": f"{base}{row.pk}/change/",
                f"{name}-add": f"{base}add/",
                f"{name}-import": f"{base}import/",
                f"{name}-history": f"{base}{row.pk}/history/",
                f"{name}-restore": f"{base}restore/{version.pk}/",
                f"{name}-lookup": f"{base}{row.pk}/lookup/",
                f"{name}-deleted": f"{base}deleted/",
                f"{name}-tidy": f"{base}tidy/",
            }
        )
    return pages


def test_admin_pages_have_no_serious_accessibility_violations(owner_page):
    page = owner_page
    pages = admin_pages()
    found = {}
    for size, viewport in (("1366", WIDE), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.goto("/films/admin/login/")
        screenshot(page, f"admin-login-{size}", full_page=False)
        if violations := serious_violations(page):
            found[f"login at {size}"] = violations
    log_in(page, "/films/admin/", "owner")
    for name, path in pages.items():
        for size, viewport in (("1366", WIDE), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            assert page.goto(path).ok, path
            screenshot(page, f"admin-{name}-{size}", full_page=False)
            violations = serious_violations(page)
            if violations:
                found[f"{path} at {size}"] = violations
    assert not found, "\n".join(f"{path}: {v}" for path, v in found.items())


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/films/", "/films/?view=list", "/books/", "/films/stats/",
                                  "/books/stats/", "/", "/films/1/", "/films/?grade=Z",
                                  "/shows/stats/"])  # fmt: skip
def test_public_pages_have_no_serious_accessibility_violations(owner_page, path, scheme):
    """In the reader's light and dark scheme alike (prefers-color-scheme), colour contrast
    included; a page with a filter error shows its error box too."""
    if path == "/films/1/":
        path = f"/films/{Film.objects.order_by('pk').first().pk}/"
    owner_page.emulate_media(color_scheme=scheme)
    assert owner_page.goto(path).ok
    background = owner_page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == {"light": "rgb(250, 250, 248)", "dark": "rgb(21, 25, 29)"}[scheme]
    assert serious_violations(owner_page) == []
    screenshot(owner_page, f"public{path.replace('/', '-').replace('?', '-')}-{scheme}",
               full_page=False)  # fmt: skip


@pytest.mark.parametrize("path", ["/films/admin/films/film/", "/books/admin/books/book/"])
def test_changelists_fit_a_1366_screen(owner_page, path):
    page = owner_page
    log_in(page, "/films/admin/", "owner")
    page.goto(path)
    table, box, rows = page.evaluate(
        """() => {
            const table = document.querySelector('#result_list');
            const rows = [...table.querySelectorAll('tbody tr')];
            return [table.scrollWidth, table.closest('.results').clientWidth,
                    rows.map(row => row.getBoundingClientRect().height)];
        }"""
    )
    assert table <= box, f"the table is {table} px in a {box} px box"
    assert max(rows) < 60, "a row is taller than two lines of title"
    screenshot(page, f"admin{path.replace('/', '-').rstrip('-')}-fit", full_page=False)


@pytest.mark.parametrize(
    "path", ["/films/stats/", "/books/stats/", "/books/?view=list", "/films/?view=list", "/"]
)
def test_public_pages_fit_a_phone_and_their_chart_labels_read(owner_page, path):
    page = owner_page
    page.set_viewport_size(PHONE)
    page.goto(path)
    width, screen = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= screen, f"{path} is {width} px wide on a {screen} px phone"
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.chart svg')].map(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return parseFloat(getComputedStyle(svg.querySelector('text')).fontSize) * scale;
        })"""
    )
    assert all(size >= 11 for size in sizes), sizes
    screenshot(page, f"phone{path.replace('/', '-').replace('?', '_')}", full_page=False)
