import io

from django.core.management.base import BaseCommand, CommandError

from catalog_site.catalog import registry
from catalog_site.files.catalog import export
from catalog_site.management.options import add_only_argument
from catalog_site.sync.databases import DatabaseProblem, close_database, open_database

SOURCE = "export_source"


class Command(BaseCommand):
    help = (
        "Write the whole catalog (or one of its two parts) as CSV or JSON, in the format "
        "import_file reads back: uuids, times and every field a person can edit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        add_only_argument(parser, "One catalog only.")
        parser.add_argument("-o", "--output", metavar="PATH", help="A file (default: stdout).")
        parser.add_argument(
            "--source", help="A SQLite path or database URL (default: the site's own database)."
        )

    def handle(self, *args, **options):
        using = "default"
        if options["source"]:
            try:
                open_database(options["source"], SOURCE, read_only=True, role="source")
            except DatabaseProblem as problem:
                raise CommandError(str(problem)) from None
            using = SOURCE
        try:
            querysets = {
                model._meta.app_label: model.objects.using(using)
                for model in registry.models_named(options["only"])
            }
            if options["output"]:
                with open(options["output"], "w", encoding="utf-8", newline="") as file:
                    export(file, kind=options["format"], querysets=querysets)
            else:
                out = io.StringIO(newline="")
                export(out, kind=options["format"], querysets=querysets)
                self.stdout.write(out.getvalue(), ending="")
        finally:
            close_database(SOURCE)
