"""Looking a film up as the old site did: TMDB for the poster, genres, runtime, release year,
IMDb id and where to watch it; then OMDb, by that IMDb id, for the Rotten Tomatoes score."""

from catalog_site.providers.base import ProviderError
from catalog_site.providers.lookup import Lookup, add_from_omdb
from catalog_site.providers.omdb import OMDb
from catalog_site.providers.tmdb import TMDB


def look_up(film, *, tmdb_id=None, cache_age=None, ask_omdb=True):
    """What the providers know about `film`, found by `tmdb_id`, else the film's own TMDB id,
    else its title (and release year). Writes nothing but the providers' answer cache, when
    `cache_age` is given (see Provider). `ask_omdb=False` leaves OMDb out (its daily quota
    is used up)."""
    lookup = Lookup()
    with TMDB(cache_age=cache_age) as tmdb, OMDb(cache_age=cache_age) as omdb:
        try:
            found = find_on_tmdb(tmdb, film, tmdb_id or film.tmdb_id, lookup)
            if found is not None:
                details = tmdb.details(found)
                if details is None:
                    lookup.problems.append(f"TMDB has no film with the id {found}.")
                else:
                    lookup.values.update(details)
        except ProviderError as error:
            lookup.problems.append(str(error))
        imdb_id = lookup.values.get("imdb_id") or film.imdb_id
        if imdb_id and not lookup.ambiguous and ask_omdb:
            add_from_omdb(
                omdb, lookup, "rotten_tomatoes", omdb.rotten_tomatoes, imdb_id,
                "Rotten Tomatoes score",
            )  # fmt: skip
    return lookup


def choice_of(candidate):
    """The query parameters that choose a search result on the look-up page."""
    return {"tmdb_id": candidate.tmdb_id}


def find_on_tmdb(tmdb, film, tmdb_id, lookup):
    """The TMDB id to fetch: the one given, else the one search result of the film's title
    and year; None when there is none (the reason or the candidates added to `lookup`)."""
    if tmdb_id:
        return int(tmdb_id)
    return tmdb.find(film.display_title, film.release_year, lookup)
