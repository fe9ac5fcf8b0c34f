"""IMDb's ratings export, ratings.csv (Const, Your Rating, Date Rated, Title, Original Title,
URL, Title Type, IMDb Rating, Runtime (mins), Year, Genres, Num Votes, Release Date,
Directors), 1 to 10 points. Movies only, unless asked for every title type.

The date rated is when the rating was made, not when the film was seen: it dates the record
(updated_at) but is not a date seen.
"""

import re

from catalog_site.catalog.text import IMDB_ID
from catalog_site.files.base import Entry, at_noon, parse_date, parse_year
from catalog_site.files.grades import grade_for
from catalog_site.files.services import ServiceFormat

from .models import Film

HEADERS = [
    "Const", "Your Rating", "Date Rated", "Title", "Original Title", "URL", "Title Type",
    "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes", "Release Date", "Directors",
]  # fmt: skip
MOVIE_TYPES = {"movie", "tvmovie", "video"}


class Imdb(ServiceFormat):
    name = "imdb"
    model = Film
    headers = {"Const", "Your Rating", "Date Rated", "Title", "Title Type"}
    members = ("ratings.csv",)
    options = ("all_types",)

    def entry(self, raw, line, table, options):
        kind = re.sub(r"[^a-z]", "", raw["Title Type"].lower())
        if kind not in MOVIE_TYPES and not options.get("all_types"):
            return None
        const = raw["Const"].strip()
        if not IMDB_ID.fullmatch(const):
            raise ValueError(f"Const {const!r} is not an IMDb id")
        title = raw["Title"].strip()
        if not title:
            raise ValueError("no title")
        runtime = raw.get("Runtime (mins)", "").strip()
        if runtime and not runtime.isdigit():
            raise ValueError(f"runtime {runtime!r} is not a number of minutes")
        values = {
            "title": title,
            "release_year": parse_year(raw.get("Year", "")),
            "grade": grade_for(raw["Your Rating"], "points"),
            "imdb_id": const,
            "length_minutes": int(runtime) if runtime and int(runtime) else None,
            "genres": raw.get("Genres", "").strip(),
        }
        return Entry(
            model=Film,
            key=const,
            values=values,
            line=line,
            raw=raw,
            when=at_noon(parse_date(raw["Date Rated"])),
            ids={"imdb_id": const},
        )
