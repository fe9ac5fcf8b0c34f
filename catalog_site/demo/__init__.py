"""Demo films and books for a new local site, loaded so that a second load adds nothing."""

import json
import secrets
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from books.models import Book
from films.models import Film

DEMO_DIR = Path(__file__).resolve().parent
DEMO_NAMESPACE = uuid.UUID("6f1c0a52-3b8e-4f0e-9a51-2a7d3c1f9e44")


def demo_uuid(model, *parts):
    """A uuid fixed by the demo row's content, so a reload recognises rows already there."""
    key = ":".join([model._meta.label_lower, *(str(part) for part in parts)])
    return uuid.uuid5(DEMO_NAMESPACE, key)


def _load(model, filename, key_fields):
    rows = json.loads((DEMO_DIR / filename).read_text(encoding="utf-8"))
    wanted = {demo_uuid(model, *(row[f] for f in key_fields)): row for row in rows}
    present = set(model.objects.filter(uuid__in=wanted).values_list("uuid", flat=True))
    new = []
    for row_uuid, row in wanted.items():
        if row_uuid in present:
            continue
        entry = model(uuid=row_uuid, **row)
        entry.derive()
        new.append(entry)
    model.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def load_demo_data():
    """Insert the demo rows that are missing; return (films added, books added)."""
    films = _load(Film, "films.json", ["title", "release_year"])
    books = _load(Book, "books.json", ["title", "author"])
    return films, books


def create_local_admin(username="admin"):
    """Create a superuser with a random password when the site has no user at all.

    Returns the password (to be shown once) or None when users already exist.
    """
    User = get_user_model()
    if User.objects.exists():
        return None
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(username=username, email="", password=password)
    return password
