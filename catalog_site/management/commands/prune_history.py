from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from catalog_site.history.models import Change
from catalog_site.management.options import duration


def age(text):
    """ "365d", "52w", "48h" as a timedelta."""
    try:
        return duration(text)
    except ValueError:
        raise CommandError(
            f"--older-than {text!r}: give a number and d, w or h, like 365d."
        ) from None


class Command(BaseCommand):
    help = (
        "Delete recorded changes older than a given age; runs older than that can no longer "
        "be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", required=True, help="An age: 365d, 52w or 48h.")
        parser.add_argument("--dry-run", action="store_true", help="Count; delete nothing.")

    def handle(self, *args, older_than, dry_run, verbosity, **options):
        cutoff = timezone.now() - age(older_than)
        old = Change.objects.filter(changed_at__lt=cutoff)
        count = old.count() if dry_run else old.delete()[0]
        if verbosity:
            verb = "would be deleted" if dry_run else "deleted"
            self.stdout.write(
                self.style.SUCCESS(f"{count} changes before {cutoff:%Y-%m-%d %H:%M} {verb}.")
            )
