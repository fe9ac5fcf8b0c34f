from django.core.management.base import BaseCommand

from catalog_site.demo import load_demo_data, remove_demo_data
from catalog_site.management.output import and_list


class Command(BaseCommand):
    help = (
        "Add a few dozen demo rows to each catalog; rows already loaded are left alone. With "
        "--remove, take away the demo rows that are still as loaded, keeping any edited since."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Remove the demo rows still as loaded; list the edited ones, which are kept.",
        )

    def handle(self, *args, verbosity, remove, **options):
        if remove:
            removed, kept = remove_demo_data()
            counts = and_list(
                f"{count} {model._meta.verbose_name_plural}" for model, count in removed.items()
            )
            if verbosity >= 1:
                self.stdout.write(self.style.SUCCESS(f"Demo data removed: {counts}."))
            for row in kept:
                self.stdout.write(
                    self.style.WARNING(f"Kept, edited since it was loaded: {row} (id {row.pk})")
                )
            return
        added = load_demo_data()
        if verbosity >= 1:
            counts = and_list(
                f"{count} {model._meta.verbose_name_plural}" for model, count in added.items()
            )
            self.stdout.write(self.style.SUCCESS(f"Demo data: {counts} added."))
