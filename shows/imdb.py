"""A TV series or mini-series of IMDb's ratings export (films/imdb.py reads the file; a show's
row comes here for the fields only shows have)."""

from catalog_site.files.dates import parse_year


def show_values(raw):
    """The Show fields of one ratings.csv row besides those every IMDb title has: the year
    it began (IMDb's Year of a series), and IMDb's rating. A rating the catalog cannot hold
    (12.5, NaN) is left out by the import's check with a note; the row is kept."""
    written = raw.get("IMDb Rating", "").strip()
    rating = None
    if written:
        try:
            rating = round(float(written.replace(",", ".")), 1)
        except ValueError:
            raise ValueError(f"IMDb rating {written!r} is not a number") from None
    return {"start_year": parse_year(raw.get("Year", "")), "imdb_rating": rating}
