"""OMDb: the Rotten Tomatoes score of a film, and IMDb's rating of a film or series, found
by its IMDb id.

OMDb answers 200 even for failures, with `"Response": "False"` and an `Error`; a used-up
daily quota ("Request limit reached!") is told apart so a long run can stop asking.
"""

import re

from django.conf import settings

from catalog_site.catalog.text import IMDB_ID

from .base import BadAnswer, Provider, ProviderError


class QuotaReached(ProviderError):
    """OMDb's daily request limit is used up; ask again tomorrow."""


class OMDb(Provider):
    name = "OMDb"
    url_setting = "OMDB_API_URL"
    key_settings = ("OMDB_API_KEY",)
    # OMDb documents a daily quota (1,000 requests on a free key), no rate; stay polite.
    requests_per_second = 20.0

    def auth(self):
        return {"apikey": settings.OMDB_API_KEY}, {}

    def title(self, imdb_id):
        """OMDb's answer about the title with that IMDb id (a film or a series), or None when
        OMDb has no such title."""
        if not IMDB_ID.fullmatch(imdb_id or ""):
            raise ProviderError(f"{imdb_id!r} is not an IMDb id (tt followed by digits).")
        answer = self.get("/", i=imdb_id)
        if answer is None:
            return None
        if not isinstance(answer, dict):
            raise BadAnswer("OMDb answered with something other than a film.")
        if answer.get("Response") == "False":
            error = answer.get("Error") or ""
            if "limit" in error.lower():
                raise QuotaReached("OMDb's daily request limit is reached; try again tomorrow.")
            if "api key" in error.lower():
                raise self.refusal(b"")
            return None
        return answer

    def rotten_tomatoes(self, imdb_id):
        """The Tomatometer percentage (97 for "97%"), or None when OMDb has no such film or
        no Rotten Tomatoes score for it."""
        answer = self.title(imdb_id) or {}
        for rating in answer.get("Ratings") or []:
            if rating.get("Source") == "Rotten Tomatoes":
                match = re.fullmatch(r"\s*(\d{1,3})\s*%\s*", rating.get("Value") or "")
                if match and int(match[1]) <= 100:
                    return int(match[1])
        return None

    def imdb_rating(self, imdb_id):
        """IMDb's rating out of 10 (8.7 for "8.7"), or None when OMDb has no such title or
        no rating for it ("N/A")."""
        value = (self.title(imdb_id) or {}).get("imdbRating") or ""
        match = re.fullmatch(r"\s*(\d{1,2}(?:\.\d)?)\s*", str(value))
        return float(match[1]) if match and float(match[1]) <= 10 else None

    def refusal(self, body):
        # OMDb answers a used-up quota with 401 too.
        if b"limit" in body.lower():
            return QuotaReached("OMDb's daily request limit is reached; try again tomorrow.")
        return super().refusal(body)
