import logging
import os

from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

from .catalog import registry
from .db.history import sqlite_history_triggers
from .db.triggers import ensure_triggers
from .history.context import register_sqlite_functions
from .sync.databases import describe_database

logger = logging.getLogger("catalog")


def restore_triggers(sender, using, **kwargs):
    """After every migrate (and flush), put back any trigger a SQLite table copy dropped."""
    connection = connections[using]
    created = ensure_triggers(connection)
    if created:
        logger.info("Created the database triggers %s", ", ".join(created))
    if connection.vendor == "sqlite":
        sqlite_history_triggers(connection, registry.tables())


def prepare_sqlite(sender, connection, **kwargs):
    """On each new SQLite connection: what its history triggers call, and the triggers
    (TEMP ones live as long as the connection; see db/history.py)."""
    if connection.vendor != "sqlite":
        return
    register_sqlite_functions(connection)
    if "mode=ro" not in str(connection.settings_dict["NAME"]):
        sqlite_history_triggers(connection, registry.tables())


class CatalogSiteConfig(AppConfig):
    name = "catalog_site"
    verbose_name = "Catalog"

    def ready(self):
        from . import logins  # noqa: F401  (connects the log of refused logins)

        post_migrate.connect(restore_triggers, sender=self)
        connection_created.connect(prepare_sqlite)
        # The autoreloader of runserver starts the same program a second time with
        # RUN_MAIN set; announcing the database once is enough.
        if os.environ.get("RUN_MAIN") != "true":
            logger.info(describe_database(connections["default"].settings_dict))
