from django.conf import settings

from catalog_site.management.sync_command import SyncCommand
from catalog_site.sync import runner


class Command(SyncCommand):
    help = (
        "Merge the PostgreSQL catalog into the local SQLite file: insert what is new, update "
        "what changed, keep newer local rows, delete nothing."
    )
    source_help = "A database URL or SQLite path (default: DATABASE_URL)."
    target_help = "A SQLite path or database URL (default: the local SQLite file)."

    def default_source(self):
        return settings.DATABASE_URL

    def default_target(self):
        return runner.default_sqlite()
