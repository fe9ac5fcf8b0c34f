"""WSGI entry point, used by gunicorn (see Procfile)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalog_site.settings")

django_application = get_wsgi_application()

from catalog_site.api.replay import ReplayingApplication  # noqa: E402  (needs the apps)
from catalog_site.startup import warm_up  # noqa: E402

# Cached API answers are replayed before Django handles the request (see api/replay.py).
application = ReplayingApplication(django_application)
warm_up()
