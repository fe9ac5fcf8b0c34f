"""A TV series or mini-series of IMDb's ratings export (films/imdb.py reads the file; a show's
row comes here for the fields only shows have)."""

import re

from catalog_site.files.dates import parse_year


def show_values(raw):
    """The Show fields of one ratings.csv row besides those every IMDb title has: the year
    it began (IMDb's Year of a series), and IMDb's rating."""
    rating = raw.get("IMDb Rating", "").strip().replace(",", ".")
    if rating and (not re.fullmatch(r"\d{1,2}(\.\d+)?", rating) or float(rating) > 10):
        raise ValueError(f"IMDb rating {raw['IMDb Rating']!r} is not a rating out of 10")
    return {
        "start_year": parse_year(raw.get("Year", "")),
        "imdb_rating": round(float(rating), 1) if rating else None,
    }
