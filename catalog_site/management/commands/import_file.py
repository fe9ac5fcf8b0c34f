from django.conf import settings

from catalog_site.files import formats
from catalog_site.files.runner import default_rejected_path, import_file
from catalog_site.management.options import add_run_arguments
from catalog_site.management.output import ReportCommand
from catalog_site.management.reports import file_import_lines
from catalog_site.sync import runner
from catalog_site.sync.backup import default_backup_path
from catalog_site.sync.base import MergeOptions


class Command(ReportCommand):
    help = (
        "Import a Letterboxd, IMDb, Trakt, Goodreads or StoryGraph export, or the catalog's own "
        "(export_catalog), into the catalog: rows already there "
        "are matched and updated, never duplicated; nothing is deleted; importing the same "
        "file again changes nothing."
    )
    failure = "The import failed and the catalog was left as it was"

    def add_arguments(self, parser):
        parser.add_argument("path", help="The export: a ZIP or a CSV file.")
        parser.add_argument(
            "--format", choices=formats.names(), help="The file's format (default: recognised)."
        )
        parser.add_argument(
            "--shelf",
            default="read",
            help="Goodreads: the exclusive shelf to import; StoryGraph: the read status (read).",
        )
        parser.add_argument(
            "--all-types",
            action="store_true",
            help="IMDb: every title type, not only movies and series.",
        )
        parser.add_argument(
            "--target", help="A SQLite path or database URL (default: the site's own database)."
        )
        add_run_arguments(
            parser,
            prefer_help="Let the file win over rows edited in the catalog since "
            "(nothing is deleted).",
            ask=False,
        )
        parser.add_argument(
            "--not-imported",
            metavar="PATH",
            help="Where to write the rows not understood (default: a file in backups/).",
        )

    def run(self, **options):
        target = options["target"] or settings.DATABASE_URL or runner.default_sqlite()
        backup = None if options["no_backup"] else options["backup"] or default_backup_path()
        rejected = options["not_imported"] or default_rejected_path(options["path"])
        with runner.opened_target(target) as databases:
            return import_file(
                options["path"],
                databases.target,
                format_name=options["format"],
                options={"shelf": options["shelf"], "all_types": options["all_types"]},
                rejected_path=None if options["dry_run"] else rejected,
                merge=MergeOptions(
                    dry_run=options["dry_run"],
                    prefer_source=options["prefer_source"],
                    backup_path=backup,
                    progress=self.progress_bar(),
                ),
            )

    def lines(self, result):
        return file_import_lines(result)
