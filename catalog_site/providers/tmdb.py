"""The Movie Database (TMDB API v3): find a film, then its poster, genres, runtime, release
year, IMDb id and where to watch it.

Auth is a v3 key (TMDB_API_KEY, sent as `api_key`) or a v4 read token (TMDB_READ_TOKEN, sent
as a Bearer header). TMDB allows about 40 requests a second per client.
"""

from typing import NamedTuple

from django.conf import settings
from django.utils import timezone

from .base import Provider, year_of
from .lookup import same_title

POSTER_URL = "https://image.tmdb.org/t/p/w500{path}"
MAX_CANDIDATES = 10
WATCH_KINDS = ("flatrate", "rent", "buy")


class Candidate(NamedTuple):
    """One search result, enough for a person to tell it from the others."""

    tmdb_id: int
    title: str
    year: int | None
    overview: str
    image_url: str


def poster(path):
    return POSTER_URL.format(path=path) if path else ""


class TMDB(Provider):
    name = "TMDB"
    url_setting = "TMDB_API_URL"
    key_settings = ("TMDB_API_KEY", "TMDB_READ_TOKEN")
    requests_per_second = 40.0
    noun = "film"  # what its search finds, as a look-up's messages name it

    def auth(self):
        if settings.TMDB_API_KEY:
            return {"api_key": settings.TMDB_API_KEY}, {}
        return {}, {"Authorization": f"Bearer {settings.TMDB_READ_TOKEN}"}

    def search(self, title, year=None):
        """The films TMDB finds for a title (and year), most relevant first."""
        answer = self.get("/search/movie", query=title, year=year, include_adult="false")
        return [
            Candidate(
                tmdb_id=result["id"],
                title=result.get("title") or result.get("original_title") or "",
                year=year_of(result.get("release_date")),
                overview=result.get("overview") or "",
                image_url=poster(result.get("poster_path")),
            )
            for result in (answer or {}).get("results", [])
        ]

    def find(self, title, year, lookup):
        """The TMDB id of the one search result for `title` with that title (and `year`);
        None when there is none or several, with the reason or the candidates to choose
        from added to `lookup` (a providers.lookup.Lookup)."""
        if not self.enabled:
            lookup.problems.append(self.off_message())
            return None
        results = self.search(title, year)
        plausible = [
            result
            for result in results
            if same_title(result.title, title) and (year is None or result.year == year)
        ]
        if len(plausible) == 1:
            return plausible[0].tmdb_id
        lookup.candidates = (plausible or results)[:MAX_CANDIDATES]
        if not results:
            shown = f" ({year})" if year else ""
            lookup.problems.append(f"TMDB found no {self.noun} called {title!r}{shown}.")
        return None

    def details(self, tmdb_id):
        """The film's fields in the models' vocabulary (plus `imdb_id`, for OMDb), or None
        when TMDB has no film with that id."""
        answer = self.get(
            f"/movie/{int(tmdb_id)}", append_to_response="external_ids,watch/providers"
        )
        if answer is None:
            return None
        imdb_id = answer.get("imdb_id") or (answer.get("external_ids") or {}).get("imdb_id")
        genres = [genre["name"] for genre in answer.get("genres") or [] if genre.get("name")]
        return {
            "tmdb_id": answer["id"],
            "imdb_id": imdb_id or "",
            "release_year": year_of(answer.get("release_date")),
            "length_minutes": answer.get("runtime") or None,
            "genres": ", ".join(genres),
            "image_url": poster(answer.get("poster_path")),
            "watch_providers": watch_providers(answer.get("watch/providers")),
            "watch_providers_updated_at": timezone.now(),
        }


def watch_providers(answer, region=None):
    """Where to watch, in one country: {"region", "link", "flatrate": [names], "rent",
    "buy"}; None when TMDB lists nothing there."""
    region = region or settings.WATCH_REGION
    offer = ((answer or {}).get("results") or {}).get(region)
    if not offer:
        return None
    services = {
        kind: [item["provider_name"] for item in offer.get(kind) or [] if item.get("provider_name")]
        for kind in WATCH_KINDS
    }
    return {"region": region, "link": offer.get("link") or "", **services}
