"""The site's settings with the plays catalog installed."""

from catalog_site.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "catalog_site.tests.plays"]  # noqa: F405
