"""Answers kept until the catalog changes.

Keys carry the table's revision (see models.Revision), which the database raises on every
write, whoever makes it; so a cached answer never outlives the data it was computed from.
Memory is per process (settings.CACHES), and old revisions simply age out.
"""

import hashlib

from django.core.cache import cache

from .models import Revision


def revision_key(model, revision, name):
    """The cache key of `name` (any text, such as a query string of any length) at a
    revision: a long name is hashed, as cache servers take keys of 250 bytes at most."""
    if len(name) > 100:
        name = hashlib.sha256(name.encode()).hexdigest()
    return f"catalog:{model._meta.db_table}:{revision}:{name}"


def per_revision(model, name, compute, *, keep=None, revision=None):
    """compute(), or its value from the cache while `model`'s table has not changed.

    `keep(value)` may refuse to cache a value (too big, say). `revision` saves the query
    when the caller has just read it. Without a revision row (a database migrated before the
    counter existed) nothing is cached.
    """
    if revision is None:
        revision = Revision.of(model)
    if revision is None:
        return compute()
    key = revision_key(model, revision, name)
    value = cache.get(key)
    if value is None:
        value = compute()
        if keep is None or keep(value):
            cache.set(key, value)
    return value
