import itertools
import json
from pathlib import Path

from django.core import serializers
from django.core.management.base import BaseCommand

from catalog_site.catalog import registry
from catalog_site.management.output import and_list
from catalog_site.sync.backup import ExactJSONEncoder, stamped_path


class Command(BaseCommand):
    help = (
        "Write both catalogs, every column (uuids and times included), to one JSON file that "
        "`loaddata` or `import_file` restores."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", metavar="PATH", help="Default: backups/catalog-<time>.json"
        )

    def handle(self, *args, output, verbosity, **options):
        path = Path(output) if output else stamped_path("catalog")
        path.parent.mkdir(parents=True, exist_ok=True)
        models = registry.models()
        rows = itertools.chain(*(model.objects.order_by("pk").iterator() for model in models))
        with open(path, "x", encoding="utf-8") as out:
            # Django's fixture format, written a row at a time.
            out.write("[")
            for number, row in enumerate(serializers.serialize("python", rows)):
                out.write(",\n" if number else "\n")
                out.write(json.dumps(row, cls=ExactJSONEncoder, ensure_ascii=False, sort_keys=True))
            out.write("\n]\n")
        if verbosity:
            counts = and_list(
                f"{model.objects.count()} {model._meta.verbose_name_plural}" for model in models
            )
            self.stdout.write(self.style.SUCCESS(f"{counts} saved to {path}"))
