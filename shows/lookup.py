"""Looking a show up as the old site did: TMDB's TV search and details for the poster,
genres, years, seasons, episodes, IMDb id and where to watch it; then OMDb, by that IMDb id,
for IMDb's rating."""

from catalog_site.providers.base import ProviderError
from catalog_site.providers.lookup import Lookup, same_title
from catalog_site.providers.omdb import OMDb, QuotaReached

from .tmdb import TMDBTV

MAX_CANDIDATES = 10


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
            add_imdb_rating(omdb, imdb_id, lookup)
    return lookup


def choice_of(candidate):
    """The query parameters that choose a search result on the look-up page."""
    return {"tmdb_id": candidate.tmdb_id}


def find_on_tmdb(tmdb, show, tmdb_id, lookup):
    """The TMDB id to fetch; None when there is none, with the reason or the candidates
    added to `lookup`."""
    if tmdb_id:
        return int(tmdb_id)
    if not tmdb.enabled:
        lookup.problems.append(tmdb.off_message())
        return None
    results = tmdb.search(show.display_title, show.start_year)
    plausible = [
        result
        for result in results
        if same_title(result.title, show.display_title)
        and (show.start_year is None or result.year == show.start_year)
    ]
    if len(plausible) == 1:
        return plausible[0].tmdb_id
    lookup.candidates = (plausible or results)[:MAX_CANDIDATES]
    if not results:
        year = f" ({show.start_year})" if show.start_year else ""
        lookup.problems.append(f"TMDB found no TV show called {show.display_title!r}{year}.")
    return None


def add_imdb_rating(omdb, imdb_id, lookup):
    if not omdb.enabled:
        lookup.problems.append(omdb.off_message())
        return
    try:
        rating = omdb.imdb_rating(imdb_id)
    except QuotaReached as error:
        lookup.quota_reached = True
        lookup.problems.append(str(error))
        return
    except ProviderError as error:
        lookup.problems.append(str(error))
        return
    if rating is None:
        lookup.problems.append(f"OMDb has no IMDb rating for {imdb_id}.")
    else:
        lookup.values["imdb_rating"] = rating
