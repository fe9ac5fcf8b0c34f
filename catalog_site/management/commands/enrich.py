import re
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from catalog_site.management.output import ReportCommand
from catalog_site.providers.enrich import FIELDS, UnknownField, enrich, report_lines
from catalog_site.sync.runner import models_for


def duration(text):
    """'30d', '12h' or '90m' as a timedelta."""
    match = re.fullmatch(r"(\d+)([dhm])", text.strip())
    if not match:
        raise ValueError(text)
    unit = {"d": "days", "h": "hours", "m": "minutes"}[match[2]]
    return timedelta(**{unit: int(match[1])})


class Command(ReportCommand, BaseCommand):
    help = (
        "Fill in films and books from TMDB, OMDb, Google Books and Open Library: the blanks, "
        "or with --overwrite the fields named. Interrupted, it can be run again: answers "
        "already received are not asked for twice."
    )

    def add_arguments(self, parser):
        names = ", ".join(sorted({name for fields in FIELDS.values() for name in fields}))
        parser.add_argument("--only", choices=["films", "books"], help="One catalog only.")
        parser.add_argument(
            "--fields", help=f"Comma-separated fields to fill (default: all): {names}."
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace the values of --fields even where something is already written.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report; write nothing.")
        parser.add_argument("--limit", type=int, help="Look up at most N rows per catalog.")
        parser.add_argument(
            "--refresh-providers",
            action="store_true",
            help="Renew where to watch for films checked longer ago than --older-than.",
        )
        parser.add_argument(
            "--older-than", default="30d", help="With --refresh-providers: 30d, 12h, ..."
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, **options):
        self.verbosity = 0 if options["json"] else options["verbosity"]
        try:
            older_than = duration(options["older_than"])
        except ValueError:
            raise CommandError(
                f"--older-than takes 30d, 12h or 90m, not {options['older_than']!r}."
            ) from None
        models = models_for(options["only"])
        if options["refresh_providers"]:
            models = [model for model in models if model._meta.model_name == "film"]
        fields = [name.strip() for name in (options["fields"] or "").split(",") if name.strip()]
        try:
            report = enrich(
                models,
                fields=fields,
                overwrite=options["overwrite"],
                dry_run=options["dry_run"],
                limit=options["limit"],
                refresh_older_than=older_than if options["refresh_providers"] else None,
                progress=self.progress_bar(),
            )
        except UnknownField as error:
            raise CommandError(str(error)) from None
        self.print_report(report, report_lines(report), options)
