"""Tidying a catalog's values: `Kindle` and `kindle`, `FICT` and `Fiction`, `Sci Fi` and
`Science Fiction` made one.

A catalog names the fields a person tidies (its admin's `tidy_fields`): plain fields, whose
whole value is one category (format, location, type, author), and token fields, whose value
is a comma-separated list (a film's genres), tidied token by token. `value_counts` lists the
distinct values with how many rows hold each, similar ones side by side; `planned_changes`
says which rows a change would touch and how; `apply` makes it as one recorded run (kind
"tidy_values"), so that `undo_run` undoes it and, every changed row having a new
updated_at, a sync carries it like any edit.
"""

import dataclasses
from collections import Counter

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Count, Q

from catalog_site.catalog.text import fold
from catalog_site.files.validation import field_problem
from catalog_site.history.context import acting
from catalog_site.history.models import Run

SEPARATOR = ","


@dataclasses.dataclass(frozen=True)
class TidyField:
    name: str
    tokens: bool = False  # a comma-separated list, tidied token by token


@dataclasses.dataclass
class Value:
    text: str
    count: int
    similar: bool = False  # another value folds to the same key ("Kindle", "kindle")


@dataclasses.dataclass
class PlannedChange:
    row: object
    old: str
    new: str


class TidyProblem(ValueError):
    """A change that cannot be made as asked; the message is meant for the owner."""


def tokens_of(text):
    return [token.strip() for token in (text or "").split(SEPARATOR) if token.strip()]


def similarity_key(text):
    """What two spellings of one category share: case, accents, spaces and punctuation
    aside ("Sci-Fi", "sci fi" and "SciFi" alike)."""
    return "".join(char for char in fold(text) if char.isalnum())


def value_counts(queryset, tidy_field):
    """[Value] of the field's distinct values (tokens), similar ones side by side, the most
    frequent first otherwise."""
    name = tidy_field.name
    if tidy_field.tokens:
        counts = Counter(
            token
            for text in queryset.exclude(**{name: ""}).values_list(name, flat=True)
            for token in dict.fromkeys(tokens_of(text))
        )
    else:
        counts = Counter(
            dict(
                queryset.exclude(**{name: ""})
                .values_list(name)
                .annotate(rows=Count("pk"))
                .values_list(name, "rows")
            )
        )
    keys = Counter(similarity_key(text) for text in counts)
    group_size = Counter()
    for text, count in counts.items():
        group_size[similarity_key(text)] += count
    ordered = sorted(
        counts.items(),
        key=lambda item: (-group_size[similarity_key(item[0])], similarity_key(item[0]),
                          -item[1], item[0]),
    )  # fmt: skip
    return [Value(text, count, similar=keys[similarity_key(text)] > 1) for text, count in ordered]


def changed_text(tidy_field, text, old_values, new_value):
    """The field's text once the old values are the new one (for tokens: each old token
    replaced, a token then repeated kept once, the order kept)."""
    if not tidy_field.tokens:
        return new_value if text in old_values else text
    tokens = [new_value if token in old_values else token for token in tokens_of(text)]
    return f"{SEPARATOR} ".join(dict.fromkeys(tokens))


def checked(model, tidy_field, old_values, new_value):
    """The change's values, stripped, or TidyProblem saying why it cannot be made."""
    old_values = {value for value in old_values if value}
    new_value = (new_value or "").strip()
    if not old_values:
        raise TidyProblem("Tick the values to change.")
    if not new_value:
        raise TidyProblem("Type the value they become.")
    if tidy_field.tokens and SEPARATOR in new_value:
        raise TidyProblem(f"One value, without a comma: the {tidy_field.name} are a list.")
    problem = field_problem(model._meta.get_field(tidy_field.name), new_value)
    if problem:
        raise TidyProblem(f"{new_value!r}: {problem}")
    if old_values == {new_value}:
        raise TidyProblem("The values are already that.")
    return old_values, new_value


def planned_changes(queryset, tidy_field, old_values, new_value):
    """[PlannedChange] of every row the change alters, in the catalog's order."""
    old_values, new_value = checked(queryset.model, tidy_field, old_values, new_value)
    name = tidy_field.name
    if tidy_field.tokens:
        may_hold = Q()
        for value in old_values:
            may_hold |= Q(**{f"{name}__icontains": value})
        candidates = queryset.filter(may_hold)
    else:
        candidates = queryset.filter(**{f"{name}__in": old_values})
    planned = []
    for row in candidates.order_by("pk"):
        old = getattr(row, name)
        new = changed_text(tidy_field, old, old_values, new_value)
        if new != old:
            planned.append(PlannedChange(row, old, new))
    return planned


def apply(queryset, tidy_field, old_values, new_value, *, actor, using=DEFAULT_DB_ALIAS):
    """Make the change as one run: (the Run, [PlannedChange] made). Each row is saved as an
    edit (its derived fields follow, its updated_at is new), in one transaction."""
    model = queryset.model
    queryset = queryset.using(using)
    with transaction.atomic(using=using):
        planned = planned_changes(queryset.select_for_update(), tidy_field, old_values, new_value)
        old_values, new_value = checked(model, tidy_field, old_values, new_value)
        description = (
            f"{model._meta.verbose_name_plural} {tidy_field.name}: "
            f"{', '.join(sorted(old_values))} -> {new_value}"
        )
        run = Run.begin(using, "tidy_values", description)
        with acting(actor, run=run.id, using=using):
            for change in planned:
                setattr(change.row, tidy_field.name, change.new)
                change.row.save(using=using)
        run.finish(using, {"rows": len(planned), "field": tidy_field.name, "to": new_value})
    return run, planned
