"""
Settings for the catalog site: one module, every deploy-time value from the environment.

Local use needs no variable at all apart from DEBUG=1: the database is then a SQLite
file beside manage.py. Production (DEBUG unset) refuses to start without SECRET_KEY, and
turns on the HTTPS protections that `manage.py check --deploy` asks for.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Read a yes/no variable; anything but a known word is a configuration error."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    """Read a whole number; anything else is a configuration error that names the variable."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_rate(name, default):
    """Read a rate limit such as "120/min" (count per second, minute, hour or day); empty
    means no limit. Checked here: a typo would otherwise fail every API request."""
    value = os.environ.get(name, default).strip()
    if not value:
        return None
    if not re.fullmatch(r"\d+/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(
            f"{name} must look like 120/min (per s, min, hour or day), not {value!r}."
        )
    return value


def env_list(name, default=""):
    """Read a comma-separated list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(50+ random characters) or set DEBUG=1 for local development."
        )
    # Local development only: a fixed, obviously unsafe key.
    SECRET_KEY = "django-insecure-local-development-key-not-for-production"
elif len(SECRET_KEY) < 50 and not DEBUG:
    raise ImproperlyConfigured(
        f"SECRET_KEY is {len(SECRET_KEY)} characters long; production needs 50 or more random "
        'characters (python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    # Before the admin, whose admin/base_site.html it replaces (links between the sites).
    "catalog_site",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "corsheaders",
    "axes",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "films",
    "books",
    "shows",
]

MIDDLEWARE = [
    "catalog_site.health.HealthCheckMiddleware",  # first: see health.py
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "catalog_site.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Below those that add headers to every answer, above the rest: see api/middleware.py.
    "catalog_site.api.middleware.CachedReadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "catalog_site.pages.throttling.PageThrottleMiddleware",  # after auth: staff are not counted
    "catalog_site.history.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, so that it sees the answer to a refused login and replaces it with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "catalog_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "catalog_site.pages.context.catalogs",
                "catalog_site.pages.context.site",
                "catalog_site.pages.context.admin_sites",
            ],
        },
    },
]

WSGI_APPLICATION = "catalog_site.wsgi.application"


# Database: DATABASE_URL (PostgreSQL in production) or a local SQLite file.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", "").strip() or BASE_DIR / "films.db")

if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("CONN_MAX_AGE", 600),
            conn_health_checks=True,
            ssl_require=env_bool("DATABASE_SSL_REQUIRE", False),
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Kept open between requests, as on PostgreSQL: a new SQLite connection reads the
            # schema again, which costs more than a cached API answer.
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 600),
            # Take the write lock at BEGIN so concurrent writers wait instead of failing.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Logins to every admin site: django-axes counts failures per address, and refuses logins
# from an address (even with the right password) for AXES_COOLOFF_TIME after the limit. Not
# per username: guesses at the owner's name from elsewhere would lock the owner out of every
# admin site, for as long as someone kept guessing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
# A refused attempt does not restart the lockout: it ends AXES_COOLOFF_TIME after the
# failure that reached the limit.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "catalog_site.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "catalog_site.logins.lockout_response"
# The address the site sees is that many places from the right of X-Forwarded-For (see
# catalog_site/clients.py); 1 behind Railway's proxy, 0 with nothing in front.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)

# Where a login ends when its `next` is missing or points off the site (Django's default,
# /accounts/profile/, is no page here).
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static files: whitenoise serves compressed files with hashed names in production.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The cache of API answers, charts and filter choices, each keyed by its table's revision (so
# a write anywhere makes new keys and old ones age out), and the rate counts of the API and
# the pages. REDIS_URL set: one Redis for every worker and every instance, so an answer is
# rendered once and a client counted once however many processes serve the site. Unset:
# each process keeps its own in memory, which needs no server.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    # A Redis that cannot be reached costs a request at most this long (catalog/shared_cache.py).
    REDIS_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    CACHES = {
        "default": {
            "BACKEND": "catalog_site.catalog.shared_cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 600,
            "KEY_PREFIX": "catalog",
            "OPTIONS": REDIS_OPTIONS,
        },
        "throttle": {
            "BACKEND": "catalog_site.catalog.shared_cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": None,  # each count expires with its window
            "KEY_PREFIX": "catalog-throttle",
            "OPTIONS": REDIS_OPTIONS,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        # Apart, so that a burst of new answers cannot push the counts out.
        "throttle": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "throttle",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }

# HTTPS: on by default in production, behind a proxy (Railway) that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Asking browsers to preload HSTS is a commitment for every subdomain, for months: only when
# the owner sets it. Without it, check --deploy's reminder (security.W021) is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every answer, the admin included: scripts, styles, fonts and
# connections from this site only, nothing inline (no <script> block, no onerror, no style
# attribute); posters and covers from any https host. The browsable API and the API docs,
# whose third-party pages carry inline styles, allow those and nothing more
# (api/renderers.py, api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "https:", "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The REST API (/api/): anyone reads; writing needs the model's permission, through a
# session (with CSRF) or a token ("Authorization: Token ...") for scripts.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous write is answered 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    # Anonymous clients, by address: 429 with Retry-After beyond API_THROTTLE_RATES.
    "DEFAULT_THROTTLE_CLASSES": [
        "catalog_site.api.throttling.BurstThrottle",
        "catalog_site.api.throttling.SustainedThrottle",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "catalog_site.api.pagination.OptionalLimitOffsetPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "catalog_site.api.errors.exception_handler",
    # `format` is a film's field (and filter), not a choice of renderer.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_PARSER_CLASSES": [
        "catalog_site.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "catalog_site.api.renderers.BrowsableAPIRenderer",
    ],
}
# Per client address; empty turns that limit off. Staff are counted only if asked.
API_THROTTLE_RATES = {
    "burst": env_rate("API_BURST_RATE", "120/min"),
    "sustained": env_rate("API_SUSTAINED_RATE", "5000/day"),
}
API_THROTTLE_STAFF = env_bool("API_THROTTLE_STAFF", False)
# The public pages' own limit per client address (pages/throttling.py); empty turns it off.
PAGES_THROTTLE_RATE = env_rate("PAGES_RATE", "120/min")
# The public site's name and description: in its feeds and in the cards of shared links
# (the old site's were "<owner's name> - Films & Books"). An empty description says what the
# catalogs hold ("Films, books and TV shows, with grades and notes.").
SITE_NAME = os.environ.get("SITE_NAME", "").strip() or "Catalog"
SITE_DESCRIPTION = os.environ.get("SITE_DESCRIPTION", "").strip()

SPECTACULAR_SETTINGS = {
    "TITLE": "catalog API",
    "DESCRIPTION": "Films watched, books read and TV shows watched.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"GradeEnum": "catalog_site.catalog.grades.Grade"},
}
# Origins (with scheme) whose pages may call the API from a browser, e.g. the public site.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")

# How much of a file an import reads before it stops with one sentence (files/base.Limits),
# so that no file, however made, costs more memory or time than these allow:
# - bytes: of the upload, and of what a ZIP expands to (its members' sizes together);
# - characters in a line, fields in a row, rows in a file (all its tables together);
# - rows the admin previews within a request: a bigger file is imported with
#   `manage.py import_file`, which is not bound by a web worker's time-out.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 50 * 2**20)
IMPORT_MAX_LINE_LENGTH = env_int("IMPORT_MAX_LINE_LENGTH", 2**20)
IMPORT_MAX_FIELDS = env_int("IMPORT_MAX_FIELDS", 200)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
IMPORT_ADMIN_MAX_ROWS = env_int("IMPORT_ADMIN_MAX_ROWS", 20_000)
# IMPORT_GRADES may replace the tables of catalog_site/files/grades.py,
# e.g. {"stars": {"5": "A+", "4.5": "A", ...}}.
# An upload past IMPORT_MAX_BYTES is dropped as it arrives, not stored whole (files/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "catalog_site.files.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
IMPORT_GRADES = {}

# How long a browser or CDN may reuse an anonymous API answer before asking again (it then
# revalidates by ETag: a 304 costs one small query). 0: always ask, never stale.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 0)
CORS_URLS_REGEX = r"^/api/.*$"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(message)s"}},
    "handlers": {
        # stderr, so that commands writing data to stdout (dumpdata, --json) stay clean.
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "loggers": {
        "catalog": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        # A 500, with its traceback: Django's own handlers log it only with DEBUG on.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# Metadata providers (catalog_site.providers). Each base URL can point at a local fake;
# a provider whose key is missing is off (Open Library needs none, Google Books works
# without one at a lower quota).
TMDB_API_URL = os.environ.get("TMDB_API_URL", "https://api.themoviedb.org/3")
TMDB_API_KEY = os.environ.get("TMDB_API_KEY", "").strip()
TMDB_READ_TOKEN = os.environ.get("TMDB_READ_TOKEN", "").strip()
OMDB_API_URL = os.environ.get("OMDB_API_URL", "https://www.omdbapi.com")
OMDB_API_KEY = os.environ.get("OMDB_API_KEY", "").strip()
GOOGLE_BOOKS_API_URL = os.environ.get("GOOGLE_BOOKS_API_URL", "https://www.googleapis.com/books/v1")
GOOGLE_BOOKS_API_KEY = os.environ.get("GOOGLE_BOOKS_API_KEY", "").strip()
OPEN_LIBRARY_URL = os.environ.get("OPEN_LIBRARY_URL", "https://openlibrary.org")
OPEN_LIBRARY_COVERS_URL = os.environ.get(
    "OPEN_LIBRARY_COVERS_URL", "https://covers.openlibrary.org"
)
# The country whose streaming services TMDB lists (ISO 3166-1, e.g. US, GB, DE).
WATCH_REGION = os.environ.get("WATCH_REGION", "US").strip().upper() or "US"
