from django.conf import settings

from catalog_site.management.sync_command import SyncCommand
from catalog_site.sync import runner


class Command(SyncCommand):
    help = (
        "Bring the Flask-era tables (`films`, `books`, `shows`) into the catalog: every value "
        "is kept, nothing in the target is deleted, and importing again changes only what "
        "changed."
    )
    legacy = True

    def add_arguments(self, parser):
        parser.add_argument(
            "source", help="The legacy SQLite file, or a URL of the database holding the tables."
        )
        parser.add_argument(
            "--target", help="A SQLite path or database URL (default: the site's own database)."
        )
        self.add_merge_arguments(parser)

    def default_source(self):
        return None

    def default_target(self):
        return settings.DATABASE_URL or runner.default_sqlite()
