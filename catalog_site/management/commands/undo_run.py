import uuid

from django.core.management.base import CommandError

from catalog_site.history.versions import AlreadyUndone, UnknownRun, undo_run
from catalog_site.management.options import add_json_argument
from catalog_site.management.output import ReportCommand
from catalog_site.management.reports import undo_lines


class Command(ReportCommand):
    help = (
        "Undo one sync, import or enrich run: rows it changed go back to their version before "
        "it, rows it added are removed; a row changed since is left alone and listed."
    )
    failure = "The undo failed and the catalog was left as it was"

    def add_arguments(self, parser):
        parser.add_argument("run", help="The run's id, as its report printed it.")
        parser.add_argument("--dry-run", action="store_true", help="Report; write nothing.")
        add_json_argument(parser)

    def run(self, **options):
        try:
            run_id = uuid.UUID(options["run"])
        except ValueError:
            raise CommandError(f"{options['run']!r} is not a run id.") from None
        try:
            return undo_run(run_id, dry_run=options["dry_run"])
        except (UnknownRun, AlreadyUndone) as problem:
            raise CommandError(str(problem)) from None

    def lines(self, result):
        return undo_lines(result)
