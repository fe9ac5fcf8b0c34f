"""The catalog grouped for charts: count and average score per label.

The API's `/analytics/<kind>`, the Flask-era `/api/analytics/...` routes and the public stats
pages read the same groupings, so a chart and the JSON behind it always agree.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

from django.db.models import Count, Sum


class Grouping(NamedTuple):
    """One analytics view: the columns read (field names or transforms such as `date__year`),
    the labels of one combination of their values (none leaves its rows out), the order of
    the result rows, and how many to keep."""

    columns: tuple
    labels: Callable
    order: Callable | None = None
    limit: int | None = None


def by_count(row):
    """Most frequent first; ties alphabetically."""
    return (-row["count"], str(row["label"]))


def or_unknown(labels, unknown="unknown"):
    """`labels`, with rows that have none counted under `unknown`: the charts show them,
    the Flask-era routes leave them out."""
    return lambda values: labels(values) or [unknown]


def grouped(groups, label_of, *, key=None):
    """[{label, count, average_score}] from (values, count, scored, score total) groups.

    A group's values may give several labels (a film's genres), or none.
    """
    counts = defaultdict(int)
    scored = defaultdict(int)
    totals = defaultdict(int)
    for values, count, with_score, total in groups:
        for label in label_of(values):
            counts[label] += count
            scored[label] += with_score
            totals[label] += total or 0
    result = [
        {
            "label": label,
            "count": counts[label],
            "average_score": round(totals[label] / scored[label], 2) if scored[label] else None,
        }
        for label in counts
    ]
    return sorted(result, key=key or (lambda row: str(row["label"])))


def analyse(queryset, groupings):
    """{name: rows} for each of `groupings`.

    The database groups by the raw values of each grouping's columns, which both engines do
    alike, and sums the scores (integers, so the averages are exact); Python then labels the
    few distinct values. Labelling in SQL would differ between the engines (integer division,
    text functions, NULL order), and grouping in Python would read every row: at 100,000
    films this reads a few thousand groups instead.
    """
    queryset = queryset.order_by()
    result = {}
    for name, grouping in groupings.items():
        columns = list(grouping.columns)
        groups = queryset.values_list(*columns).annotate(
            _count=Count("pk"), _scored=Count("score"), _total=Sum("score")
        )
        width = len(columns)
        rows = ((row[:width], *row[width:]) for row in groups)
        result[name] = grouped(rows, grouping.labels, key=grouping.order)[: grouping.limit]
    return result
