"""What every provider client shares: HTTP, limits, retries, and errors meant for a person.

A provider is off while the setting holding its key is empty; asking it then raises
ProviderOff, whose message names the variable to set. Every other failure (a rejected key,
a time-out, a refused connection, a 5xx or 429 that outlasts the retries, an answer that is
not JSON or is too big) is a ProviderError with one clear sentence, so a caller can save
the row anyway and say what could not be fetched.
"""

import json
import threading
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode

import httpx
from django.conf import settings
from django.utils import timezone

from .models import ProviderAnswer

TIMEOUT = 5.0  # seconds, for connecting and for each read
MAX_BYTES = 2 * 1024 * 1024  # no provider answer we use comes near this
RETRIES = 3  # further attempts after a 429 or 5xx
BACKOFF = 0.5  # seconds before the first retry; doubled each time
MAX_WAIT = 30.0  # the longest Retry-After honoured; a longer one gives up at once
USER_AGENT = "catalog (a personal film and book catalog)"
# One thread at a time reads or writes the answer cache: the look-ups of a long run share
# it, and SQLite (a laptop's database) takes one writer at a time anyway.
CACHE_LOCK = threading.Lock()


class ProviderError(Exception):
    """A provider could not answer; the message is meant for the owner."""


class ProviderOff(ProviderError):
    """The provider's key is not set."""


class ProviderRejected(ProviderError):
    """The provider refused the key (401 or 403)."""


class ProviderUnavailable(ProviderError):
    """Time-out, refused connection, or a 429/5xx that outlasted the retries."""


class BadAnswer(ProviderError):
    """The provider answered something that is not the JSON it documents."""


class RateLimit:
    """At most `per_second` requests from this process, spaced evenly, across threads."""

    shared = {}  # provider name -> its one RateLimit in this process
    shared_lock = threading.Lock()

    @classmethod
    def of(cls, name, per_second):
        with cls.shared_lock:
            if name not in cls.shared:
                cls.shared[name] = cls(per_second)
            return cls.shared[name]

    def __init__(self, per_second):
        # 5% under the limit: requests leave evenly spaced but arrive with some jitter.
        self.interval = 1.05 / per_second
        self.lock = threading.Lock()
        self.next_slot = 0.0

    def wait(self):
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_slot)
            self.next_slot = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class Provider:
    """One outside service. Subclasses name it, its settings, its rate and its auth."""

    name = ""
    url_setting = ""  # the setting (and environment variable) holding the base URL
    key_settings = ()  # settings any one of which turns the provider on; () for none needed
    requests_per_second = 10.0

    def __init__(self, *, cache_age=None, transport=None):
        """`cache_age` (a timedelta): use an answer kept in the database if it is younger,
        and keep every new answer; None asks the provider every time."""
        self.base_url = getattr(settings, self.url_setting).rstrip("/")
        self.cache_age = cache_age
        self.rate_limit = RateLimit.of(self.name, self.requests_per_second)
        self.http = httpx.Client(
            timeout=TIMEOUT,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            limits=httpx.Limits(max_connections=8),
            transport=transport,
        )

    def close(self):
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @classmethod
    def configured(cls):
        """Whether the settings let the site ask this provider (its key is set)."""
        return not cls.key_settings or any(getattr(settings, name) for name in cls.key_settings)

    @property
    def enabled(self):
        return self.configured()

    @classmethod
    def off_message(cls):
        return f"{cls.name} is off: set {' or '.join(cls.key_settings)} to use it."

    def auth(self):
        """(query parameters, headers) that authenticate a request."""
        return {}, {}

    def get(self, path, **params):
        """The JSON answer to GET base_url + path, or None when the provider says 404."""
        if not self.enabled:
            raise ProviderOff(self.off_message())
        params = {key: value for key, value in params.items() if value not in (None, "")}
        if self.cache_age is None:
            return self.ask(path, params)
        key = f"{path}?{urlencode(sorted(params.items()))}"[:500]
        with CACHE_LOCK:
            cached = ProviderAnswer.objects.filter(
                provider=self.name, request=key, fetched_at__gte=timezone.now() - self.cache_age
            ).first()
        if cached is not None:
            return cached.answer
        answer = self.ask(path, params)
        with CACHE_LOCK:
            ProviderAnswer.objects.update_or_create(
                provider=self.name,
                request=key,
                defaults={"answer": answer, "fetched_at": timezone.now()},
            )
        return answer

    def ask(self, path, params):
        """The answer of the provider itself, with retries (see get)."""
        auth_params, auth_headers = self.auth()
        url = f"{self.base_url}{path}"
        for attempt in range(RETRIES + 1):
            self.rate_limit.wait()
            status, headers, body = self.fetch(url, {**params, **auth_params}, auth_headers)
            if status == 404:
                return None
            if status in (401, 403):
                raise self.refusal(body)
            if status == 429 or status >= 500:
                delay = retry_delay(headers.get("retry-after"), attempt)
                if attempt == RETRIES or delay is None:
                    raise ProviderUnavailable(
                        f"{self.name} is not answering ({status}); try again later."
                    )
                time.sleep(delay)
                continue
            if status >= 400:
                raise ProviderError(f"{self.name} refused the request ({status}).")
            return self.parse(body)
        raise AssertionError("unreachable")  # pragma: no cover

    def fetch(self, url, params, headers):
        """(status, headers, body) of one GET, reading at most MAX_BYTES."""
        try:
            with self.http.stream("GET", url, params=params, headers=headers) as response:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > MAX_BYTES:
                        raise BadAnswer(f"{self.name} answered with more than 2 MB; ignored.")
                return response.status_code, response.headers, bytes(body)
        except httpx.TimeoutException:
            raise ProviderUnavailable(
                f"{self.name} did not answer within {TIMEOUT:.0f} s."
            ) from None
        except httpx.TransportError as error:
            raise ProviderUnavailable(f"{self.name} cannot be reached ({error}).") from None

    def parse(self, body):
        try:
            return json.loads(body)
        except ValueError:
            raise BadAnswer(
                f"{self.name} answered with something that is not JSON (an error page?)."
            ) from None

    def refusal(self, body):
        """The error for a 401 or 403 answer with this body."""
        names = " or ".join(self.key_settings) or "its key"
        return ProviderRejected(f"{self.name} refused the key: check {names}.")


def retry_delay(retry_after, attempt):
    """Seconds to wait before retrying: the provider's Retry-After (seconds or an HTTP date)
    when it sends one, else exponential backoff. None when it asks for too long a wait."""
    if retry_after:
        try:
            delay = float(retry_after)
        except ValueError:
            try:
                when = parsedate_to_datetime(retry_after)
            except (TypeError, ValueError):
                when = None
            delay = max(0.0, when.timestamp() - time.time()) if when else BACKOFF
        return delay if delay <= MAX_WAIT else None
    return BACKOFF * 2**attempt


def year_of(date_text):
    """2019 from '2019-05-30', '2019-05' or '2019'; None from '' or anything else."""
    head = (date_text or "")[:4]
    return int(head) if head.isdigit() and len(head) == 4 else None
