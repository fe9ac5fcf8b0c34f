import logging
import os

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate

from .db.triggers import ensure_triggers
from .sync.databases import describe_database

logger = logging.getLogger("catalog")


def restore_triggers(sender, using, **kwargs):
    """After every migrate (and flush), put back any trigger a SQLite table copy dropped."""
    created = ensure_triggers(connections[using])
    if created:
        logger.info("Created the database triggers %s", ", ".join(created))


class CatalogSiteConfig(AppConfig):
    name = "catalog_site"
    verbose_name = "Catalog"

    def ready(self):
        post_migrate.connect(restore_triggers, sender=self)
        # The autoreloader of runserver starts the same program a second time with
        # RUN_MAIN set; announcing the database once is enough.
        if os.environ.get("RUN_MAIN") != "true":
            logger.info(describe_database(connections["default"].settings_dict))
