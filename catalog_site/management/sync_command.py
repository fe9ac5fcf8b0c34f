"""The command behind sync_to_postgres, sync_from_postgres and import_legacy."""

import dataclasses
import sys

from django.core.management.base import CommandError

from catalog_site.catalog import registry
from catalog_site.sync import runner
from catalog_site.sync.backup import default_backup_path
from catalog_site.sync.base import MergeOptions
from catalog_site.sync.databases import redact

from .options import add_only_argument, add_run_arguments
from .output import Line, ReportCommand
from .reports import legacy_import_lines, report_lines


class SyncCommand(ReportCommand):
    """Subclasses say where the data comes from and goes to by default."""

    source_help = target_help = ""
    failure = "The sync failed and the target was left as it was"
    legacy = False

    def default_source(self):
        raise NotImplementedError

    def default_target(self):
        raise NotImplementedError

    @property
    def kind(self):
        """The run's kind as recorded: the command's name (sync_to_postgres, ...)."""
        return type(self).__module__.rsplit(".", 1)[-1]

    def add_arguments(self, parser):
        parser.add_argument("--source", help=self.source_help)
        parser.add_argument("--target", help=self.target_help)
        self.add_merge_arguments(parser)

    def add_merge_arguments(self, parser):
        add_only_argument(parser, "Sync one catalog only.")
        add_run_arguments(
            parser,
            prefer_help="Let source rows win conflicts with newer target rows "
            "(nothing is deleted).",
        )

    def run(self, **options):
        source = options["source"] or self.default_source()
        target = options["target"] or self.default_target()
        if not source:
            raise CommandError("No source database: give --source (a SQLite path or a URL).")
        if not target:
            raise CommandError("No target database: give --target or set DATABASE_URL.")
        models = registry.models_named(options["only"])
        backup = None
        if not options["no_backup"]:
            backup = options["backup"] or default_backup_path()
        legacy_models = models if self.legacy else None
        with runner.opened(source, target, legacy_models=legacy_models) as databases:
            self.say(
                Line(
                    "heading",
                    f"From {databases.describe(databases.source)} "
                    f"to {databases.describe(databases.target)}",
                )
            )
            if self.should_ask(options):
                plan = self.merge(databases, models, MergeOptions(dry_run=True))
                self.print_report(plan, options)
                if not plan.changes:
                    return None
                if not self.confirm(f"Write these changes to {redact(target)}?"):
                    raise CommandError("Cancelled; nothing was written.")
            return self.merge(
                databases,
                models,
                MergeOptions(
                    dry_run=options["dry_run"],
                    prefer_source=options["prefer_source"],
                    backup_path=backup,
                    progress=self.progress_bar(),
                ),
            )

    def merge(self, databases, models, options):
        options = dataclasses.replace(options, run_kind=self.kind)
        if self.legacy:
            return databases.import_legacy(models, options)
        return databases.sync(models, options)

    def lines(self, result):
        return legacy_import_lines(result) if self.legacy else report_lines(result)

    def should_ask(self, options):
        return (
            options["interactive"]
            and not (options["dry_run"] or options["json"])
            and sys.stdin.isatty()
        )

    def confirm(self, question):
        return input(f"{question} [y/N] ").strip().lower() in {"y", "yes"}
