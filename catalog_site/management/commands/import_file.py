import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.utils import Error as DatabaseError

from catalog_site.files.base import FileProblem
from catalog_site.files.runner import (
    FORMAT_NAMES,
    default_rejected_path,
    import_file,
    opened_target,
)
from catalog_site.management.output import Line, ReportCommand
from catalog_site.management.sync_command import add_run_arguments
from catalog_site.sync import runner
from catalog_site.sync.backup import default_backup_path
from catalog_site.sync.databases import DatabaseProblem
from catalog_site.sync.report import report_lines


class Command(ReportCommand, BaseCommand):
    help = (
        "Import a Letterboxd, Goodreads or IMDb export, or the catalog's own (export_catalog), "
        "into the catalog: rows already there "
        "are matched and updated, never duplicated; nothing is deleted; importing the same "
        "file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The export: a ZIP or a CSV file.")
        parser.add_argument(
            "--format", choices=FORMAT_NAMES, help="The file's format (default: recognised)."
        )
        parser.add_argument(
            "--shelf", default="read", help="Goodreads: the exclusive shelf to import (read)."
        )
        parser.add_argument(
            "--all-types", action="store_true", help="IMDb: every title type, not only movies."
        )
        parser.add_argument(
            "--target", help="A SQLite path or database URL (default: the site's own database)."
        )
        add_run_arguments(
            parser,
            prefer_help="Let the file win over rows edited in the catalog since "
            "(nothing is deleted).",
        )
        parser.add_argument(
            "--not-imported",
            metavar="PATH",
            help="Where to write the rows not understood (default: a file in backups/).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        self.verbosity = 0 if options["json"] else options["verbosity"]
        target = options["target"] or settings.DATABASE_URL or runner.default_sqlite()
        backup = None if options["no_backup"] else options["backup"] or default_backup_path()
        rejected = options["not_imported"] or default_rejected_path(options["path"])
        try:
            with opened_target(target):
                report, _ = import_file(
                    options["path"],
                    format_name=options["format"],
                    options={"shelf": options["shelf"], "all_types": options["all_types"]},
                    dry_run=options["dry_run"],
                    prefer_source=options["prefer_source"],
                    backup_path=backup,
                    rejected_path=None if options["dry_run"] else rejected,
                    progress=self.progress_bar(),
                )
        except (FileProblem, DatabaseProblem) as problem:
            raise CommandError(str(problem)) from None
        except DatabaseError as error:
            reason = " ".join(str(error).split())
            raise CommandError(
                f"The import failed and the catalog was left as it was: {reason}"
            ) from None
        self.print_report(report, report_lines(report), options)
        self.say(Line("detail", f"Done in {time.monotonic() - started:.2f} s", 2))
