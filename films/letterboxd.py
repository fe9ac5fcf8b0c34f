"""Letterboxd's export: the ZIP, or one of its diary.csv, watched.csv and ratings.csv
(Date, Name, Year, Letterboxd URI, Rating[, Rewatch, Tags, Watched Date]).

A film is its name and year: diary rows of one film (rewatches) and its rows in watched.csv
and ratings.csv are one entry, whose dates are every Watched Date. The Letterboxd URI of a
diary row names the diary entry, not the film; watched.csv's and ratings.csv's name the film,
and are kept (letterboxd_uri) so that the next import finds the film by it.
"""

from catalog_site.catalog.text import fold
from catalog_site.files.base import Entry, at_noon, parse_date, parse_year
from catalog_site.files.grades import grade_for
from catalog_site.files.services import ServiceFormat

from .models import Film

# diary.csv's columns; watched.csv has the first four, ratings.csv the first five.
HEADERS = ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"]


class Letterboxd(ServiceFormat):
    name = "letterboxd"
    model = Film
    headers = {"Date", "Name", "Year", "Letterboxd URI"}
    members = ("diary.csv", "watched.csv", "ratings.csv")

    def entry(self, raw, line, table, options):
        title = raw["Name"].strip()
        if not title:
            raise ValueError("no film name")
        year = parse_year(raw["Year"])
        logged = parse_date(raw["Date"])
        watched = parse_date(raw.get("Watched Date", "")) if table != "ratings.csv" else None
        watched = watched or (logged if table != "ratings.csv" else None)
        values = {"title": title, "release_year": year}
        ids = {}
        if table != "diary.csv":  # there the URI names the diary entry, not the film
            values["letterboxd_uri"] = ids["letterboxd_uri"] = raw["Letterboxd URI"].strip()
        if "Rating" in raw:
            values["grade"] = grade_for(raw["Rating"], "stars")
        return Entry(
            model=Film,
            key=f"{fold(title)}|{year or ''}",
            values=values,
            line=line,
            raw=raw,
            dates={watched} if watched else set(),
            when=at_noon(logged),
            ids=ids,
        )
