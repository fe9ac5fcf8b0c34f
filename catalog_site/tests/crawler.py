"""A crawler for the test client: follows the links and GET forms of each page as a browser
resolves them (`href` against the page's address, or its `<base>`), breadth first, within a
bound, and says which it reached with an error.

Pages that differ only by ids or query values are one kind of page (`shape`): a few of each
kind are visited, and a few of each path, so a changelist's hundred filter links cost a few
requests, not a hundred.
"""

import dataclasses
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

ORIGIN = "http://testserver"
REDIRECTS = (301, 302, 303, 307, 308)
# Not pages: collected static files (not collected in tests) and the browser-only API docs.
SKIPPED = re.compile(r"^/static/")


@dataclasses.dataclass
class Form:
    action: str
    method: str
    fields: list  # (name, value) as a browser submits it untouched


class Page(HTMLParser):
    """The links and forms of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.base = None
        self.links = []
        self.forms = []
        self.form = None
        self.select = None  # (name, [values], selected value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "base" and attrs.get("href") and self.base is None:
            self.base = attrs["href"]
        elif tag in ("a", "area") and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        elif tag == "form":
            self.form = Form(attrs.get("action") or "", (attrs.get("method") or "get").lower(), [])
            self.forms.append(self.form)
        elif self.form is not None and tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.form.fields.append((attrs["name"], attrs.get("value") or ""))
        elif self.form is not None and tag == "select" and attrs.get("name"):
            self.select = [attrs["name"], [], None]
        elif self.select is not None and tag == "option":
            value = attrs.get("value", "")
            self.select[1].append(value)
            if "selected" in attrs and self.select[2] is None:
                self.select[2] = value
        elif self.form is not None and tag == "textarea" and attrs.get("name"):
            self.form.fields.append((attrs["name"], ""))

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            name, values, selected = self.select
            if selected is None and values:
                selected = values[0]
            if selected is not None and self.form is not None:
                self.form.fields.append((name, selected))
            self.select = None
        elif tag == "form":
            self.form = None


def shape(url):
    """A kind of page: its path with ids as `N`, and the names of its query parameters."""
    parts = urlsplit(url)
    path = re.sub(r"/(\d+|[0-9a-f-]{36})(?=/|$)", "/N", parts.path)
    names = tuple(sorted({name for name, _value in parse_qsl(parts.query, True)}))
    return path, names


@dataclasses.dataclass
class Visit:
    url: str
    status: int
    source: str | None  # the page that linked to it (None: a start)


def same_origin(url):
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc == "testserver"


def targets(page_url, body):
    """The absolute addresses a browser would open from this page: every link, and every GET
    form submitted as it stands."""
    page = Page()
    page.feed(body)
    base = urljoin(page_url, page.base) if page.base else page_url
    found = [urljoin(base, href.strip()) for href in page.links]
    for form in page.forms:
        if form.method != "get":
            continue
        action = urljoin(base, form.action) if form.action else page_url
        parts = urlsplit(action)
        found.append(urlunsplit((*parts[:3], urlencode(form.fields), "")))
    return [url.split("#", 1)[0] for url in found]


def crawl(client, starts, *, limit=400, per_shape=3, per_path=8):
    """Visit from `starts` (paths) breadth first; the Visits made, at most `limit`: at most
    `per_shape` of a kind of page, and `per_path` of one path (ids as `N`) whatever its
    query (a changelist's filters combine without end)."""
    queue = deque((urljoin(ORIGIN, start), None) for start in starts)
    seen, shapes, paths, visits = set(), Counter(), Counter(), []
    while queue and len(visits) < limit:
        url, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        path = urlunsplit(("", "", parts.path, parts.query, ""))
        response = client.get(path)
        visits.append(Visit(path, response.status_code, source))
        if response.status_code in REDIRECTS:
            queue.appendleft((urljoin(url, response["Location"]), path))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for found in targets(url, body.decode("utf-8", "replace")):
            if not same_origin(found) or found in seen:
                continue
            if SKIPPED.match(urlsplit(found).path):
                continue
            kind = shape(found)
            if shapes[kind] >= per_shape or paths[kind[0]] >= per_path:
                continue
            shapes[kind] += 1
            paths[kind[0]] += 1
            queue.append((found, path))
    return visits


def broken(visits):
    """The visits a person would see fail: any 5xx, and a 404 reached from one of our links."""
    return [
        visit
        for visit in visits
        if visit.status >= 500 or (visit.status == 404 and visit.source is not None)
    ]
