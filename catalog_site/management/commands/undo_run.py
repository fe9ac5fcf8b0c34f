import json
import uuid

from django.core.management.base import BaseCommand, CommandError

from catalog_site.history.versions import UnknownRun, undo_run


class Command(BaseCommand):
    help = (
        "Undo one sync, import or enrich run: rows it changed go back to their version before "
        "it, rows it added are removed; a row changed since is left alone and listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("run", help="The run's id, as its report printed it.")
        parser.add_argument("--dry-run", action="store_true", help="Report; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, **options):
        try:
            run_id = uuid.UUID(options["run"])
        except ValueError:
            raise CommandError(f"{options['run']!r} is not a run id.") from None
        try:
            report = undo_run(run_id, dry_run=options["dry_run"])
        except UnknownRun as problem:
            raise CommandError(str(problem)) from None
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
            return
        if report.dry_run:
            self.stdout.write(self.style.NOTICE("Dry run: nothing was written."))
        self.stdout.write(
            self.style.SUCCESS(
                f"Undo of {report.kind} {report.run}: {len(report.restored)} rows put back, "
                f"{len(report.removed)} removed, {len(report.conflicts)} left as they are."
            )
        )
        for conflict in report.conflicts:
            self.stdout.write(self.style.WARNING(f"  {conflict['title']!r}: {conflict['reason']}"))
        if report.undo_run:
            self.stdout.write(f"Run {report.undo_run}")
