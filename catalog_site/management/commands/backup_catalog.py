import datetime
import itertools
import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from books.models import Book
from films.models import Film


class ExactEncoder(DjangoJSONEncoder):
    """As Django's, but times keep their microseconds: Django's JSON cuts them to
    milliseconds, and a restored updated_at must be the same instant for the merge."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


def default_path():
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"catalog-{stamp}.json"


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
        path = Path(output) if output else default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = itertools.chain(
            Film.objects.order_by("pk").iterator(), Book.objects.order_by("pk").iterator()
        )
        with open(path, "x", encoding="utf-8") as out:
            # Django's fixture format, written a row at a time.
            out.write("[")
            for number, row in enumerate(serializers.serialize("python", rows)):
                out.write(",\n" if number else "\n")
                out.write(json.dumps(row, cls=ExactEncoder, ensure_ascii=False, sort_keys=True))
            out.write("\n]\n")
        if verbosity:
            films, books = Film.objects.count(), Book.objects.count()
            self.stdout.write(
                self.style.SUCCESS(f"{films} films and {books} books saved to {path}")
            )
