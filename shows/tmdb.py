"""TMDB's TV endpoints: find a show, then its poster, genres, first and last air year,
whether it is still made, seasons, episodes, IMDb id and where to watch it. The same client
as for films (key, rate, retries, answer cache), asked other paths."""

from django.utils import timezone

from catalog_site.providers.base import year_of
from catalog_site.providers.tmdb import TMDB, Candidate, poster, watch_providers

# TMDB's `status` of a show no longer made.
FINISHED = {"Ended", "Canceled", "Cancelled"}


class TMDBTV(TMDB):
    noun = "TV show"

    def search(self, title, year=None):
        """The shows TMDB finds for a title (and first air year), most relevant first."""
        answer = self.get(
            "/search/tv", query=title, first_air_date_year=year, include_adult="false"
        )
        return [
            Candidate(
                tmdb_id=result["id"],
                title=result.get("name") or result.get("original_name") or "",
                year=year_of(result.get("first_air_date")),
                overview=result.get("overview") or "",
                image_url=poster(result.get("poster_path")),
            )
            for result in (answer or {}).get("results", [])
            if isinstance(result, dict) and isinstance(result.get("id"), int)
        ]

    def details(self, tmdb_id):
        """The show's fields in the model's vocabulary, or None when TMDB has no show with
        that id."""
        answer = self.get(f"/tv/{int(tmdb_id)}", append_to_response="external_ids,watch/providers")
        if answer is None:
            return None
        genres = [genre["name"] for genre in answer.get("genres") or [] if genre.get("name")]
        ongoing = answer.get("in_production")
        if ongoing is None and answer.get("status"):
            ongoing = answer["status"] not in FINISHED
        start, end = year_of(answer.get("first_air_date")), year_of(answer.get("last_air_date"))
        return {
            "tmdb_id": answer["id"],
            "imdb_id": (answer.get("external_ids") or {}).get("imdb_id") or "",
            "start_year": start,
            # A show still made has no last year yet; TMDB's last air date is its latest
            # episode.
            "end_year": None if ongoing else end,
            "is_ongoing": ongoing if isinstance(ongoing, bool) else None,
            "seasons": answer.get("number_of_seasons") or None,
            "episodes": answer.get("number_of_episodes") or None,
            "genres": ", ".join(genres),
            "image_url": poster(answer.get("poster_path")),
            "watch_providers": watch_providers(answer.get("watch/providers")),
            "watch_providers_updated_at": timezone.now(),
        }
