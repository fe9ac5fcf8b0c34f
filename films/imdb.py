"""IMDb's ratings export, ratings.csv (Const, Your Rating, Date Rated, Title, Original Title,
URL, Title Type, IMDb Rating, Runtime (mins), Year, Genres, Num Votes, Release Date,
Directors), 1 to 10 points. Movies only, unless asked for every title type; TV series and
mini-series go to the catalog that declares it takes them (see other_catalogs).

The date rated is when the rating was made, not when the film was seen: it dates the record
(updated_at) but is not a date seen.
"""

import re

from catalog_site.catalog import registry
from catalog_site.catalog.text import IMDB_ID, fold
from catalog_site.files.base import Entry, Skip
from catalog_site.files.dates import at_noon, parse_year
from catalog_site.files.grades import grade_for
from catalog_site.files.services import ServiceFormat

from .models import Film

HEADERS = [
    "Const", "Your Rating", "Date Rated", "Title", "Original Title", "URL", "Title Type",
    "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes", "Release Date", "Directors",
]  # fmt: skip

# IMDb's title types as its exports name them: the identifiers (tvMovie), the English names
# (and those of exports before 2017: Feature Film, Mini-Series), and the names of its other site
# languages (Italian, French, German, Spanish, Portuguese), compared folded to letters
# ("Série télévisée" -> "serietelevisee").
TITLE_TYPES = {
    "movie": ["movie", "film", "pelicula", "filme", "featurefilm", "documentary"],
    "tvMovie": ["tvmovie", "filmtv", "telefilm", "fernsehfilm", "peliculadetv", "filmeparatv",
                "filmedetv", "peliculaparatv"],
    "video": ["video", "videofilm"],
    "short": ["short", "shortfilm", "corto", "cortometraggio", "courtmetrage", "kurzfilm",
              "cortometraje", "curtametragem"],
    "tvSeries": ["tvseries", "serietv", "serietelevisee", "serietele", "fernsehserie",
                 "seriedetv", "serietelevisiva", "serie"],
    "tvMiniSeries": ["tvminiseries", "miniseries", "miniserietv", "miniserie", "minifernsehserie",
                     "miniseriedetv", "minisserie", "minisseriedetv"],
    "tvEpisode": ["tvepisode", "episodiotv", "episodetelevise", "episodetele", "folge",
                  "fernsehepisode", "episodiodetv", "episodio"],
    "tvSpecial": ["tvspecial", "specialetv", "specialtele", "specialtv", "fernsehspecial",
                  "especialdetv", "especialtv"],
    "tvShort": ["tvshort", "cortometraggiotv", "courtmetragetele", "fernsehkurzfilm",
                "cortometrajedetv", "curtametragemdetv"],
    "videoGame": ["videogame", "videogioco", "jeuvideo", "videospiel", "videojuego"],
    "musicVideo": ["musicvideo", "videomusicale", "clipvideo", "musikvideo", "videomusical",
                   "videoclipe"],
    "podcastSeries": ["podcastseries", "seriepodcast", "podcastserie", "seriedepodcast"],
    "podcastEpisode": ["podcastepisode", "episodiopodcast", "episodedepodcast", "podcastfolge",
                       "episodiodepodcast"],
}  # fmt: skip
KIND_OF = {name: kind for kind, names in TITLE_TYPES.items() for name in names}
FILMS = {"movie", "tvMovie", "video"}
SKIPPED = {
    "tvSeries": "TV series: not films",
    "tvMiniSeries": "TV mini-series: not films",
    "tvEpisode": "TV episodes: not films",
}


def other_catalogs():
    """{IMDb title kind: catalog} for the catalogs that take IMDb titles other than films, as
    each declares in its CatalogConfig: `imdb_title_types` (("tvSeries", ...)) and
    `imdb_values`, the dotted path of a function from a ratings.csv row to that catalog's
    own fields (the title, grade, IMDb id and genres are read here)."""
    return {
        kind: config
        for config in registry.catalogs()
        for kind in getattr(config, "imdb_title_types", ())
    }


def title_type(value):
    """The kind of an IMDb title type in any of its site languages, or None."""
    return KIND_OF.get(re.sub(r"[\W_]", "", fold(value)))


class Imdb(ServiceFormat):
    name = "imdb"
    label = "IMDb ratings (ratings.csv)"
    model = Film
    distinct_ids = ("imdb_id",)
    headers = {"Const", "Your Rating", "Date Rated", "Title", "Title Type"}
    columns = HEADERS
    # Exports before 2017 named two columns otherwise (and quoted every value).
    aliases = {"You rated": "Your Rating", "created": "Date Rated"}
    date_columns = ("Date Rated",)
    members = ("ratings.csv",)
    options = ("all_types",)

    def models(self):
        others = [config.model for config in other_catalogs().values()]
        return [Film, *dict.fromkeys(others)]

    def skipped_file(self, name, headers):
        """A watchlist or another list holds films to see, not films rated: by its name, or
        by the Position column of the lists IMDb exports since 2017 (the ratings export of
        before, which has a `position` of its own, is read)."""
        if "watchlist" in name.lower() or "Position" in headers:
            return "an IMDb watchlist or list: films listed, not films seen"
        return None

    def entry(self, raw, line, table, options):
        kind = title_type(raw["Title Type"])
        if kind is None:
            raise ValueError(f"title type {raw['Title Type']!r} is not one IMDb uses")
        other = other_catalogs().get(kind)
        if kind not in FILMS and other is None and not options.get("all_types"):
            raise Skip(
                SKIPPED.get(kind, f"{kind}: not a feature film (import_file --all-types takes it)")
            )
        const = raw["Const"]
        if not IMDB_ID.fullmatch(const):
            raise ValueError(f"Const {const!r} is not an IMDb id")
        title = raw["Title"]
        if not title:
            raise ValueError("no title")
        values = {
            "title": title,
            "grade": grade_for(raw["Your Rating"], "points"),
            "imdb_id": const,
            "genres": raw.get("Genres", ""),
        }
        if other is not None:
            model = other.model
            values.update(other.declared("imdb_values")(raw))
        else:
            model = Film
            runtime = raw.get("Runtime (mins)", "")
            if runtime and not runtime.isdigit():
                raise ValueError(f"runtime {runtime!r} is not a number of minutes")
            values["release_year"] = parse_year(raw.get("Year", ""))
            values["length_minutes"] = int(runtime) if runtime and int(runtime) else None
        return Entry(
            model=model,
            key=const,
            values=values,
            line=line,
            raw=raw,
            when=at_noon(table.date(raw["Date Rated"])),
            ids={"imdb_id": const},
            # IMDb's site in another language titles a film in it ("Il padrino"): the
            # catalog may have it by its original title.
            other_titles=[original] if (original := raw.get("Original Title", "")) else [],
        )
