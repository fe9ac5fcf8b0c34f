"""The catalog grouped for charts: count and average score per label.

The API's `/analytics/<kind>`, the Flask-era `/api/analytics/...` routes and the public stats
pages read the same groupings, so a chart and the JSON behind it always agree.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, F, Sum

from .text import genre_label


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


def decade(values):
    """The decade of a year column ("1990s"); none without a year."""
    return [f"{values[0] // 10 * 10}s"] if values[0] else []


def decade_or_before(oldest):
    """decade(), with every year before `oldest` in one group, "Pre-1950", as the Flask-era
    routes grouped them."""

    def labels(values):
        year = values[0]
        if not year:
            return []
        return [f"Pre-{oldest}"] if year < oldest else decade(values)

    return labels


def leading_pre(row):
    """ "Pre-1950" first, then the decades in order."""
    return (0, 0) if row["label"].startswith("Pre-") else (1, int(row["label"][:-1]))


def genres(values):
    """The genres of a genre_index column, by name ("Science Fiction")."""
    return [genre_label(key) for key in (values[0] or "").split("|") if key]


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


def group_counts(queryset, groupings):
    """{name: [(values, count, scored, score total)]} for each grouping, and under None the
    totals of the whole queryset as one such group.

    The database groups by the raw values of each grouping's columns, which both engines do
    alike, and sums the scores (integers, so averages are exact); Python then labels the few
    distinct values. Labelling in SQL would differ between the engines (integer division,
    text functions, NULL order), and grouping in Python would read every row.
    """
    queryset = queryset.order_by()
    if connections[queryset.db].vendor == "postgresql" and len(groupings) > 1:
        return grouping_sets(queryset, groupings)
    return separate_queries(queryset, groupings)


def separate_queries(queryset, groupings):
    """group_counts() with one GROUP BY query per grouping, and one for the totals."""
    counts = {None: [((), *queryset.aggregate(**aggregates()).values())]}
    for name, grouping in groupings.items():
        width = len(grouping.columns)
        rows = queryset.values_list(*grouping.columns).annotate(**aggregates())
        counts[name] = [(row[:width], *row[width:]) for row in rows]
    return counts


def aggregates():
    return {"_count": Count("*"), "_scored": Count("score"), "_total": Sum("score")}


def grouping_sets(queryset, groupings):
    """group_counts() in one scan of the table, with PostgreSQL's GROUPING SETS: at 100,000
    films the stats page's five groupings cost one pass instead of five. The groups are the
    same ones the other engines' path reads (a test compares them)."""
    columns = list(dict.fromkeys(column for g in groupings.values() for column in g.columns))
    alias = {column: f"c{position}" for position, column in enumerate(columns)}
    inner = queryset.values(**{alias[c]: F(c) for c in columns}, s=F("score"))
    try:
        inner_sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # a filter no row can meet (a score above any integer)
        return {None: [((), 0, 0, None)], **{name: [] for name in groupings}}
    names = ", ".join(alias.values())
    # Groupings over the same columns share one set (each set listed is counted).
    distinct = dict.fromkeys(g.columns for g in groupings.values())
    sets = ", ".join(f"({', '.join(alias[c] for c in columns_of)})" for columns_of in distinct)
    sql = (
        f"SELECT {names}, GROUPING({names}), COUNT(*), COUNT(s), SUM(s) "
        f"FROM ({inner_sql}) AS catalog GROUP BY GROUPING SETS ({sets}, ())"
    )
    # GROUPING() has a bit set, leftmost column first, for each column a set leaves out.
    every = (1 << len(columns)) - 1
    by_mask = {every: [None]}
    for name, grouping in groupings.items():
        used = sum(1 << (len(columns) - 1 - columns.index(c)) for c in grouping.columns)
        by_mask.setdefault(every & ~used, []).append(name)
    counts = {name: [] for name in [None, *groupings]}
    positions = {None: ()}
    for name, grouping in groupings.items():
        positions[name] = tuple(columns.index(column) for column in grouping.columns)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        for *values, mask, count, scored, total in cursor.fetchall():
            for name in by_mask[mask]:
                picked = tuple(values[position] for position in positions[name])
                counts[name].append((picked, count, scored, total))
    return counts


def analyse(queryset, groupings, *, totals=False):
    """{name: [{label, count, average_score}]} for each of `groupings`; with totals=True also
    (the same, {count, graded, average_score} of the whole queryset)."""
    counts = group_counts(queryset, groupings)
    tables = {
        name: grouped(counts[name], grouping.labels, key=grouping.order)[: grouping.limit]
        for name, grouping in groupings.items()
    }
    if not totals:
        return tables
    ((_, count, scored, total),) = counts[None]
    average = total / scored if scored else None
    return tables, {"count": count, "graded": scored, "average_score": average}
