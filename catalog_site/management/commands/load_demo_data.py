from django.core.management.base import BaseCommand

from catalog_site.demo import load_demo_data


class Command(BaseCommand):
    help = "Add a few dozen demo films and books. Rows already loaded are left alone."

    def handle(self, *args, verbosity, **options):
        films, books = load_demo_data()
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Demo data: {films} films and {books} books added.")
            )
