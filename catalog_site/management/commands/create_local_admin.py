from django.core.management.base import BaseCommand

from catalog_site.demo import create_local_admin


class Command(BaseCommand):
    help = (
        "Create a superuser with a random password, shown once, if the site has no user yet. "
        "The password is printed at every verbosity: it is what the command makes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, verbosity, **options):
        password = create_local_admin(username)
        if password is None:
            if verbosity >= 1:
                self.stdout.write("Users already exist; no account created.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"Created superuser '{username}' with password: {password}")
        )
        if verbosity >= 1:
            self.stdout.write(
                "This password is shown only once. Change it at /admin/password_change/."
            )
