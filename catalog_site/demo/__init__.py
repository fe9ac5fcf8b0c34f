"""Demo rows for a new local site, loaded so that a second load adds nothing: each catalog's
own (CatalogConfig.demo_file, beside its modules, e.g. films/demo.json)."""

import json
import secrets
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction

from catalog_site.catalog import registry
from catalog_site.history.context import acting

DEMO_NAMESPACE = uuid.UUID("6f1c0a52-3b8e-4f0e-9a51-2a7d3c1f9e44")


def demo_uuid(model, *parts):
    """A uuid fixed by the demo row's content, so a reload recognises rows already there."""
    key = ":".join([model._meta.label_lower, *(str(part) for part in parts)])
    return uuid.uuid5(DEMO_NAMESPACE, key)


def demo_rows(config):
    """{uuid: row dict} of a catalog's demo file."""
    rows = json.loads(config.demo_path.read_text(encoding="utf-8"))
    return {demo_uuid(config.model, *(row[f] for f in config.demo_key)): row for row in rows}


def _load(config, using):
    model = config.model
    wanted = demo_rows(config)
    objects = model.objects.using(using)
    present = set(objects.filter(uuid__in=wanted).values_list("uuid", flat=True))
    new = []
    for row_uuid, row in wanted.items():
        if row_uuid in present:
            continue
        entry = model(uuid=row_uuid, **row)
        entry.derive()
        new.append(entry)
    objects.bulk_create(new)
    return len(new)


def load_demo_data(using="default"):
    """Insert the demo rows that are missing; return {model: rows added}. Their history
    names the demo loader, so that they are not taken for the owner's."""
    with transaction.atomic(using=using), acting("load_demo_data", using=using):
        return {config.model: _load(config, using) for config in registry.catalogs()}


def remove_demo_data(using="default"):
    """Delete the demo rows that are still as loaded; keep those edited since.

    For someone who tried the demo and now brings their own data. A demo row is recognised by
    its uuid and counts as untouched when every field a person can edit is as the demo file
    has it. Returns ({model: rows removed}, [rows kept because they were edited]).
    """
    removed, kept = {}, []
    with transaction.atomic(using=using):
        for config in registry.catalogs():
            model, wanted = config.model, demo_rows(config)
            untouched = []
            for row in model.objects.using(using).filter(uuid__in=wanted):
                loaded = model(uuid=row.uuid, **wanted[row.uuid])
                loaded.derive()
                fields = model.content_fields()
                if all(getattr(row, f.attname) == getattr(loaded, f.attname) for f in fields):
                    untouched.append(row.pk)
                else:
                    kept.append(row)
            model.objects.using(using).filter(pk__in=untouched).delete()
            removed[model] = len(untouched)
    return removed, kept


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
