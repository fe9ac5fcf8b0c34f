"""The options and output shared by sync_to_postgres, sync_from_postgres and import_legacy."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.utils import Error as DatabaseError

from catalog_site.management.output import Line, ReportCommand
from catalog_site.sync import runner
from catalog_site.sync.backup import default_backup_path
from catalog_site.sync.databases import DatabaseProblem, engine_label, location, redact
from catalog_site.sync.report import report_lines


def add_run_arguments(parser, *, prefer_help):
    """The options of every command that merges into a catalog: the syncs, import_legacy
    and import_file."""
    parser.add_argument(
        "--dry-run", action="store_true", help="Report what would change; write nothing."
    )
    parser.add_argument("--prefer-source", action="store_true", help=prefer_help)
    backup = parser.add_mutually_exclusive_group()
    backup.add_argument(
        "--backup",
        metavar="PATH",
        help="Where to save the target's old version of updated rows "
        "(default: a timestamped file in backups/).",
    )
    backup.add_argument("--no-backup", action="store_true", help="Save no backup.")
    parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
    parser.add_argument(
        "--noinput",
        "--no-input",
        action="store_false",
        dest="interactive",
        help="Do not ask for confirmation before writing.",
    )


class SyncCommand(ReportCommand, BaseCommand):
    """Subclasses say where the data comes from and goes to by default."""

    source_help = target_help = ""

    def default_source(self):
        raise NotImplementedError

    def default_target(self):
        raise NotImplementedError

    legacy = False

    @property
    def kind(self):
        """The run's kind as recorded: the command's name (sync_to_postgres, ...)."""
        return type(self).__module__.rsplit(".", 1)[-1]

    def add_arguments(self, parser):
        parser.add_argument("--source", help=self.source_help)
        parser.add_argument("--target", help=self.target_help)
        self.add_merge_arguments(parser)

    def add_merge_arguments(self, parser):
        parser.add_argument("--only", choices=sorted(runner.MODELS), help="Sync one catalog only.")
        add_run_arguments(
            parser,
            prefer_help="Let source rows win conflicts with newer target rows "
            "(nothing is deleted).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        self.verbosity = 0 if options["json"] else options["verbosity"]
        source = options["source"] or self.default_source()
        target = options["target"] or self.default_target()
        if not source:
            raise CommandError("No source database: give --source (a SQLite path or a URL).")
        if not target:
            raise CommandError("No target database: give --target or set DATABASE_URL.")
        models = runner.models_for(options["only"])
        backup = None
        if not options["no_backup"]:
            backup = options["backup"] or default_backup_path()
        legacy_models = models if self.legacy else None
        try:
            with runner.opened(source, target, legacy_models=legacy_models) as (
                source_config,
                target_config,
            ):
                self.say(
                    Line(
                        "heading",
                        f"From {engine_label(source_config)} {location(source_config)} "
                        f"to {engine_label(target_config)} {location(target_config)}",
                    )
                )
                if self.should_ask(options):
                    plan = runner.run(models, legacy=self.legacy, dry_run=True, kind=self.kind)
                    self.print_report(plan, options)
                    if not plan.changes:
                        return
                    if not self.confirm(f"Write these changes to {redact(target)}?"):
                        raise CommandError("Cancelled; nothing was written.")
                report = runner.run(
                    models,
                    legacy=self.legacy,
                    dry_run=options["dry_run"],
                    prefer_source=options["prefer_source"],
                    backup_path=backup,
                    progress=self.progress_bar(),
                    kind=self.kind,
                )
        except DatabaseProblem as problem:
            raise CommandError(str(problem)) from None
        except DatabaseError as error:
            reason = " ".join(str(error).split())
            raise CommandError(
                f"The sync failed and the target was left as it was: {reason}"
            ) from None
        self.print_report(report, options)
        self.say(Line("detail", f"Done in {time.monotonic() - started:.2f} s", 2))

    def should_ask(self, options):
        return (
            options["interactive"]
            and not (options["dry_run"] or options["json"])
            and sys.stdin.isatty()
        )

    def confirm(self, question):
        return input(f"{question} [y/N] ").strip().lower() in {"y", "yes"}

    def print_report(self, report, options):
        super().print_report(report, report_lines(report), options)
