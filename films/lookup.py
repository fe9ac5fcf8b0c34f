"""Looking a film up as the old site did: TMDB for the poster, genres, runtime, release year,
IMDb id and where to watch it; then OMDb, by that IMDb id, for the Rotten Tomatoes score."""

from catalog_site.providers.base import ProviderError
from catalog_site.providers.lookup import Lookup, same_title
from catalog_site.providers.omdb import OMDb, QuotaReached
from catalog_site.providers.tmdb import TMDB

MAX_CANDIDATES = 10


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
            add_rotten_tomatoes(omdb, imdb_id, lookup)
    return lookup


def choice_of(candidate):
    """The query parameters that choose a search result on the look-up page."""
    return {"tmdb_id": candidate.tmdb_id}


def find_on_tmdb(tmdb, film, tmdb_id, lookup):
    """The TMDB id to fetch; None when there is none, with the reason or the candidates
    added to `lookup`."""
    if tmdb_id:
        return int(tmdb_id)
    if not tmdb.enabled:
        lookup.problems.append(tmdb.off_message())
        return None
    results = tmdb.search(film.display_title, film.release_year)
    plausible = [
        result
        for result in results
        if same_title(result.title, film.display_title)
        and (film.release_year is None or result.year == film.release_year)
    ]
    if len(plausible) == 1:
        return plausible[0].tmdb_id
    lookup.candidates = (plausible or results)[:MAX_CANDIDATES]
    if not results:
        year = f" ({film.release_year})" if film.release_year else ""
        lookup.problems.append(f"TMDB found no film called {film.display_title!r}{year}.")
    return None


def add_rotten_tomatoes(omdb, imdb_id, lookup):
    if not omdb.enabled:
        lookup.problems.append(omdb.off_message())
        return
    try:
        score = omdb.rotten_tomatoes(imdb_id)
    except QuotaReached as error:
        lookup.quota_reached = True
        lookup.problems.append(str(error))
        return
    except ProviderError as error:
        lookup.problems.append(str(error))
        return
    if score is None:
        lookup.problems.append(f"OMDb has no Rotten Tomatoes score for {imdb_id}.")
    else:
        lookup.values["rotten_tomatoes"] = score
