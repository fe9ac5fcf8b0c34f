"""What a look-up found for one film or book, and how it is written: blanks only.

A look-up asks the providers first and writes nothing; `fill` then writes what was found
in one transaction, and only into fields the owner left empty (or named in `overwrite`),
so a typed value is never replaced without being asked. Saving moves `updated_at`, so a
sync carries the new details to the other database.
"""

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction

from catalog_site.catalog.text import sort_title

from .base import ProviderError
from .omdb import QuotaReached


@dataclasses.dataclass
class Lookup:
    """The values found (in the models' vocabulary), the candidates to choose from when the
    search was ambiguous, and what went wrong, one sentence each."""

    values: dict = dataclasses.field(default_factory=dict)
    candidates: list = dataclasses.field(default_factory=list)
    problems: list = dataclasses.field(default_factory=list)
    quota_reached: bool = False  # OMDb's daily limit: a long run stops asking it

    @property
    def ambiguous(self):
        return bool(self.candidates) and not self.values


def same_title(found, typed):
    """Whether a provider's title is the one typed, ignoring case, accents and article."""
    return bool(typed) and sort_title(found) == sort_title(typed)


def add_from_omdb(omdb, lookup, field, ask, imdb_id, what):
    """Add OMDb's answer `ask(imdb_id)` (a method of omdb: rotten_tomatoes, imdb_rating) to
    the look-up as `field`. OMDb off, its quota used up (`quota_reached`, so a long run stops
    asking) or no answer (`what` it lacks, "IMDb rating") is a problem, never a failure."""
    if not omdb.enabled:
        lookup.problems.append(omdb.off_message())
        return
    try:
        value = ask(imdb_id)
    except QuotaReached as error:
        lookup.quota_reached = True
        lookup.problems.append(str(error))
        return
    except ProviderError as error:
        lookup.problems.append(str(error))
        return
    if value is None:
        lookup.problems.append(f"OMDb has no {what} for {imdb_id}.")
    else:
        lookup.values[field] = value


def is_blank(value):
    return value is None or value == "" or value == [] or value == {}


def changes(entry, values, overwrite=()):
    """{field: value} for the model fields of `values` that `entry` has empty (or that are
    named in `overwrite`) and that would change. A value the field's own validation refuses
    (a release year of 1820, an over-long text) is left out, as the admin form would."""
    fields = {field.name: field for field in entry._meta.concrete_fields if field.editable}
    found = {}
    for name, value in values.items():
        field = fields.get(name)
        if field is None or is_blank(value) or getattr(entry, name) == value:
            continue
        if not (is_blank(getattr(entry, name)) or name in overwrite):
            continue
        try:
            found[name] = field.clean(value, entry)
        except ValidationError:
            continue
    return found


def fill(entry, values, overwrite=()):
    """Write `changes(entry, values, overwrite)` to the entry in one transaction; return the
    names of the fields written."""
    found = changes(entry, values, overwrite)
    if found:
        for name, value in found.items():
            setattr(entry, name, value)
        with transaction.atomic(using=entry._state.db):
            entry.save()
    return sorted(found)
