"""WSGI entry point, used by gunicorn (see Procfile)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalog_site.settings")

application = get_wsgi_application()

from catalog_site.startup import warm_up  # noqa: E402  (needs the apps loaded above)

warm_up()
