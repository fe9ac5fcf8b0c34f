"""The catalog grouped for charts: count and average score per label.

The API's `/analytics/<kind>` and the public stats pages read the same groupings, so a chart
and the JSON behind it always agree.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple


class Grouping(NamedTuple):
    """One analytics view: the columns read, the labels of one row, the order, a limit."""

    columns: tuple
    labels: Callable
    order: Callable | None = None
    limit: int | None = None


def by_count(row):
    """Most frequent first; ties alphabetically."""
    return (-row["count"], str(row["label"]))


def grouped(rows, label_of, *, key=None):
    """[{label, count, average_score}] for (label source, score) rows, one pass in Python.

    Grouping here rather than in SQL keeps the answers identical on SQLite and PostgreSQL
    (integer division, text functions and NULL ordering differ between them).
    """
    counts = defaultdict(int)
    scores = defaultdict(list)
    for value, score in rows:
        for label in label_of(value):
            counts[label] += 1
            if score is not None:
                scores[label].append(score)
    result = [
        {
            "label": label,
            "count": counts[label],
            "average_score": round(sum(scores[label]) / len(scores[label]), 2)
            if scores[label]
            else None,
        }
        for label in counts
    ]
    return sorted(result, key=key or (lambda row: str(row["label"])))


def analyse(queryset, groupings):
    """{name: rows} for each of `groupings`, from one query over the columns they read."""
    columns = list(dict.fromkeys(column for g in groupings.values() for column in g.columns))
    rows = list(queryset.order_by().values_list(*columns, "score"))
    result = {}
    for name, grouping in groupings.items():
        positions = [columns.index(column) for column in grouping.columns]
        pairs = ((tuple(row[p] for p in positions), row[-1]) for row in rows)
        result[name] = grouped(pairs, grouping.labels, key=grouping.order)[: grouping.limit]
    return result
