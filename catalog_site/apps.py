import logging
import os

from django.apps import AppConfig
from django.db import connections

from .sync.databases import describe_database

logger = logging.getLogger("catalog")


class CatalogSiteConfig(AppConfig):
    name = "catalog_site"
    verbose_name = "Catalog"

    def ready(self):
        # The autoreloader of runserver starts the same program a second time with
        # RUN_MAIN set; announcing the database once is enough.
        if os.environ.get("RUN_MAIN") != "true":
            logger.info(describe_database(connections["default"].settings_dict))
