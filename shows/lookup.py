"""Looking a show up as the old site did: TMDB's TV search and details for the poster,
genres, years, seasons, episodes, IMDb id and where to watch it; then OMDb, by that IMDb id,
for IMDb's rating."""

from catalog_site.providers.base import ProviderError
from catalog_site.providers.lookup import Lookup, add_from_omdb
from catalog_site.providers.omdb import OMDb

from .tmdb import TMDBTV


def look_up(show, *, tmdb_id=None, cache_age=None, ask_omdb=True):
    """What the providers know about `show`, found by `tmdb_id`, else the show's own TMDB id,
    else its title (and first year). Writes nothing but the providers' answer cache, when
    `cache_age` is given. `ask_omdb=False` leaves OMDb out (its daily quota is used up)."""
    lookup = Lookup()
    with TMDBTV(cache_age=cache_age) as tmdb, OMDb(cache_age=cache_age) as omdb:
        try:
            found = find_on_tmdb(tmdb, show, tmdb_id or show.tmdb_id, lookup)
            if found is not None:
                details = tmdb.details(found)
                if details is None:
                    lookup.problems.append(f"TMDB has no TV show with the id {found}.")
                else:
                    lookup.values.update(details)
        except ProviderError as error:
            lookup.problems.append(str(error))
        imdb_id = lookup.values.get("imdb_id") or show.imdb_id
        if imdb_id and not lookup.ambiguous and ask_omdb:
            add_from_omdb(omdb, lookup, "imdb_rating", omdb.imdb_rating, imdb_id, "IMDb rating")
    return lookup


def choice_of(candidate):
    """The query parameters that choose a search result on the look-up page."""
    return {"tmdb_id": candidate.tmdb_id}


def find_on_tmdb(tmdb, show, tmdb_id, lookup):
    """The TMDB id to fetch: the one given, else the one search result of the show's title
    and first year; None when there is none (the reason or the candidates added to
    `lookup`)."""
    if tmdb_id:
        return int(tmdb_id)
    return tmdb.find(show.display_title, show.start_year, lookup)
