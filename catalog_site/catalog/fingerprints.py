"""A row's content in 32 characters, so that two databases can tell whether they hold the
same version of a row without sending it.

Each catalog row stores the fingerprint of its content (CatalogEntry.fingerprint, set on
every save and by every merge). A sync then asks the target only which rows have another
fingerprint, and reads back whole just those: a sync that changed nothing moves almost
nothing, however many rows the catalogs hold.

The content is every column but the identity and the timestamps (the same columns the
merge compares), serialised canonically: dates in ISO form in UTC, JSON with sorted keys
(PostgreSQL's jsonb keeps its own order). Equal fingerprints mean equal content; an empty
one means "not known", and the row is compared column by column. The database clears the
fingerprint of a row whose content is changed without it (raw SQL, QuerySet.update(); see
catalog_site.db.triggers), so a stored fingerprint is never stale.
"""

import datetime
import decimal
import hashlib
import json
import uuid

# Columns that are not content: the local id differs between databases by design; uuid and
# created_at are fixed when the row is made; updated_at says when the content changed;
# legacy_data records what the Flask-era table of *this* database said.
NOT_CONTENT = frozenset({"id", "uuid", "created_at", "updated_at", "legacy_data", "fingerprint"})


def canonical(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"no canonical form for {type(value).__name__}")


def fingerprint(values, names):
    """The fingerprint of the content `values[name]` for `names`, in that order."""
    text = json.dumps(
        [values[name] for name in names],
        default=canonical,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def content_names(model):
    """The attnames of `model`'s content columns, in the model's order."""
    return [f.attname for f in model._meta.concrete_fields if f.attname not in NOT_CONTENT]
