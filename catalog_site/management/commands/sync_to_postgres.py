from django.conf import settings

from catalog_site.management.sync_command import SyncCommand
from catalog_site.sync import runner


class Command(SyncCommand):
    help = (
        "Merge the local SQLite catalog into PostgreSQL: insert what is new, update what "
        "changed, keep newer production rows, delete nothing."
    )
    source_help = "A SQLite path or database URL (default: the local SQLite file)."
    target_help = "A database URL (default: DATABASE_URL)."

    def default_source(self):
        return runner.default_sqlite()

    def default_target(self):
        return settings.DATABASE_URL
