from django.core.management.base import CommandError

from catalog_site.catalog import registry
from catalog_site.management.options import add_json_argument, add_only_argument, duration
from catalog_site.management.output import ReportCommand
from catalog_site.management.reports import enrich_lines
from catalog_site.providers.enrich import UnknownField, enrich, fields_of


class Command(ReportCommand):
    help = (
        "Fill in the catalogs from TMDB, OMDb, Google Books and Open Library: the blanks, "
        "or with --overwrite the fields named. Interrupted, it can be run again: answers "
        "already received are not asked for twice."
    )

    def add_arguments(self, parser):
        every = {name for model in registry.models() for name in fields_of(model)}
        names = ", ".join(sorted(every))
        add_only_argument(parser)
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
        add_json_argument(parser)

    def run(self, **options):
        try:
            older_than = duration(options["older_than"])
        except ValueError:
            raise CommandError(
                f"--older-than takes 30d, 12h or 90m, not {options['older_than']!r}."
            ) from None
        models = registry.models_named(options["only"])
        if options["refresh_providers"]:
            models = [model for model in models if has_field(model, "watch_providers")]
        fields = [name.strip() for name in (options["fields"] or "").split(",") if name.strip()]
        try:
            return enrich(
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

    def lines(self, result):
        return enrich_lines(result)


def has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())
