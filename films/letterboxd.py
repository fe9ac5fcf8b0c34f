"""Letterboxd's export: the ZIP, or one of its CSVs given alone.

What the export's tables say, and what each is taken for:
- `watched.csv` (Date, Name, Year, Letterboxd URI): every film the owner marked watched. Its
  URI is the film's own; its Date is when the film was logged, which dates the record but is
  not a date seen.
- `ratings.csv` (+ Rating): the film's URI again, and the owner's rating.
- `diary.csv` (+ Rating, Rewatch, Tags, Watched Date): one row per viewing; Watched Date is
  the date seen. Its URI names the diary entry, not the film.
- `reviews.csv` (+ Review): a diary entry with a review; its URI names the review.
- `watchlist.csv`, `likes/films.csv` and `lists/*.csv` are films to watch, liked or listed, and
  `deleted/` and `orphaned/` hold diary entries deleted on Letterboxd or of films it no longer
  has: none of them is a watch, so their rows are skipped and counted. Members are chosen by
  their path in the export, not their file name.

A film is its own URI where the export gives one (so two films of one name and year stay
two), else its name and year; a diary or review row takes the URI of the film of its name and
year from the same export. The rows of one film (rewatches, its rows in each table) are one
entry whose dates are every Watched Date.
"""

from catalog_site.catalog.text import fold
from catalog_site.files.base import Entry, Rejected
from catalog_site.files.dates import at_noon, parse_year
from catalog_site.files.grades import grade_for
from catalog_site.files.services import ServiceFormat

from .models import Film

# diary.csv's columns; watched.csv has the first four, ratings.csv the first five.
HEADERS = ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"]
REVIEWS = [*HEADERS[:6], "Review", *HEADERS[6:]]
# Tables whose URI is the film's own.
FILM_TABLES = ("watched.csv", "ratings.csv")
SKIPPED = {
    "watchlist.csv": "watchlist.csv: films to watch, not watched",
    "likes/films.csv": "likes/films.csv: liked films; a like is not a watch",
    "films.csv": "films.csv (Letterboxd's likes): a like is not a watch",
    "deleted/diary.csv": "deleted/: diary entries and reviews deleted on Letterboxd",
    "deleted/reviews.csv": "deleted/: diary entries and reviews deleted on Letterboxd",
    "orphaned/diary.csv": "orphaned/: entries of films Letterboxd no longer has",
    "orphaned/reviews.csv": "orphaned/: entries of films Letterboxd no longer has",
}
LISTS = "lists/: a list of films is not a record of watching them"


def name_key(title, year):
    return f"{fold(title)}|{year or ''}"


class Letterboxd(ServiceFormat):
    name = "letterboxd"
    label = "Letterboxd export (the ZIP or one of its CSVs)"
    model = Film
    distinct_ids = ("letterboxd_uri",)
    headers = {"Date", "Name", "Year", "Letterboxd URI"}
    columns = REVIEWS
    date_columns = ("Date", "Watched Date")
    # The films' own URIs first, then the viewings that refer to them by name and year.
    members = ("watched.csv", "ratings.csv", "diary.csv", "reviews.csv")

    def skipped_file(self, name, headers):
        return SKIPPED.get(name.lower())

    def skipped_member(self, path):
        """Films not watched (see SKIPPED and LISTS); comments, likes of reviews and lists,
        and the profile hold no films, and are not read."""
        if path.startswith(("lists/", "deleted/lists/")):
            return LISTS
        return SKIPPED.get(path)

    def rows_of(self, table):
        """A list's CSV begins with the list itself (its name, date, description), then its
        films under a `Position` header: only those count."""
        if not table.headers or not table.headers[0].lower().startswith("letterboxd list"):
            return table.rows
        films, started = 0, False
        for row in table:
            values = list(row.raw.values()) if isinstance(row, Rejected) else list(row[1].values())
            if started:
                films += 1
            started = started or (values[:1] == ["Position"])
        return films

    def entry(self, raw, line, table, options):
        title = raw["Name"]
        if not title:
            raise ValueError("no film name")
        year = parse_year(raw["Year"])
        logged = table.date(raw["Date"])
        kind = table.name.rsplit("/", 1)[-1].lower()
        values = {"title": title, "release_year": year}
        ids, dates = {}, set()
        uri = raw["Letterboxd URI"]
        key = name_key(title, year)
        if kind in FILM_TABLES:
            if uri:
                values["letterboxd_uri"] = ids["letterboxd_uri"] = uri
                key = f"uri:{uri}"
        else:  # a viewing: diary.csv, reviews.csv, or a diary re-saved under another name
            watched = table.date(raw.get("Watched Date", ""))
            dates = {watched} if watched else set()
        if "Rating" in raw:
            values["grade"] = grade_for(raw["Rating"], "stars")
        return Entry(
            model=Film,
            key=key,
            values=values,
            line=line,
            raw=raw,
            dates=dates,
            when=at_noon(logged),
            ids=ids,
        )

    def resolved(self, entries):
        """A viewing (or a film without its URI) takes the URI of the one film of its name
        and year in the export; where two films share them, the row cannot say which."""
        uris = {}
        for entry in entries:
            if isinstance(entry, Entry) and entry.key.startswith("uri:"):
                key = name_key(entry.raw["Name"], parse_year(entry.raw["Year"]))
                uris.setdefault(key, set()).add(entry.key)
        for entry in entries:
            if not isinstance(entry, Entry) or entry.key.startswith("uri:"):
                yield entry
                continue
            found = sorted(uris.get(entry.key, ()))
            if len(found) > 1:
                films = " and ".join(uri.removeprefix("uri:") for uri in found)
                yield Rejected(
                    entry.line,
                    entry.raw,
                    f"two films of this name and year are in the export ({films}); "
                    "the row cannot say which of them it is",
                    entry.table,
                )
                continue
            if found:
                entry.key = found[0]
            yield entry
