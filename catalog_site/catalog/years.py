"""A catalog's year in review: what the owner saw, read or watched in one year, in numbers
and names. The year pages and `/api/<catalog>/year/<year>` read the same Review, so the page
and its JSON always agree.

Which rows belong to a year is the catalogs' query vocabulary (CatalogQuerySet.of_year and
years()); what a catalog adds (its length field, its genres or types) it declares in a
YearReview.
"""

from typing import NamedTuple

from django.db.models import Count, F, Sum

from .analytics import Grouping, analyse
from .cache import per_revision
from .dates import Precision
from .grades import BANDS, SCORES, nearest_grade

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
NO_MONTH = "Month unknown"
UNGRADED = "Ungraded"
# The precisions of a date that names its month.
NAMES_A_MONTH = (Precision.DAY, Precision.MONTH)
# The A-grade list shows this many; the rest are a link to the list page away.
A_LIST_LIMIT = 100


class YearReview(NamedTuple):
    """What a catalog declares for its year in review: the field of its length and the
    unit it is counted in ("length_minutes", "minutes"), its own charts ({name: (title,
    Grouping)}: genres, types), and the list page's parameter that selects a year."""

    length: str
    length_unit: str
    charts: dict
    list_parameter: str


class Totals(NamedTuple):
    year: int
    count: int
    graded: int
    average_score: float | None

    @property
    def average_grade(self):
        return nearest_grade(self.average_score)

    def as_data(self):
        average = self.average_score
        return {
            **self._asdict(),
            "average_score": None if average is None else round(average, 2),
            "average_grade": self.average_grade,
        }


class Review(NamedTuple):
    """One year of a catalog: its totals and the year before's, the charts' rows, and the
    entries named (model instances)."""

    totals: Totals
    previous: Totals
    measured: int  # rows with a length
    total_length: int
    tables: dict  # {"month": rows, "grade": rows, and each of the catalog's charts}
    a_list: list
    a_count: int
    first: object
    last: object
    longest: object
    earlier: int | None  # the nearest years with rows, for the links between years
    later: int | None

    def as_data(self, serialize, spec):
        """The review as JSON data, the entries as `serialize(entry)` gives them."""

        def entry(row):
            return None if row is None else serialize(row)

        return {
            **self.totals.as_data(),
            "length": {
                "field": spec.length,
                "unit": spec.length_unit,
                "total": self.total_length,
                "known": self.measured,
            },
            "previous": self.previous.as_data(),
            "charts": self.tables,
            "a_list": [serialize(row) for row in self.a_list],
            "a_count": self.a_count,
            "first": entry(self.first),
            "last": entry(self.last),
            "longest": entry(self.longest),
            "earlier": self.earlier,
            "later": self.later,
        }


def years_of(model, revision=None):
    """{year: rows} of the catalog (model.objects.years()), cached until it changes."""
    return per_revision(model, "years", model.objects.years, revision=revision)


def month_labels(year):
    """The month of the year a row's date names, else NO_MONTH: a film whose year watched
    is 2024 may have no date, or one of another year."""

    def labels(values):
        date, precision = values
        if date and date.year == year and precision in NAMES_A_MONTH:
            return [MONTHS[date.month - 1]]
        return [NO_MONTH]

    return labels


def in_month_order(row):
    label = row["label"]
    return MONTHS.index(label) if label in MONTHS else len(MONTHS)


def in_grade_order(row):
    """Best grade first, as Grade lists them; ungraded rows last."""
    return -SCORES.get(row["label"], 0)


GRADE_GROUPING = Grouping(("grade",), lambda values: [values[0] or UNGRADED], in_grade_order)


def totals_of(queryset, year):
    values = queryset.order_by().aggregate(
        count=Count("*"), graded=Count("score"), total=Sum("score")
    )
    average = values["total"] / values["graded"] if values["graded"] else None
    return Totals(year, values["count"], values["graded"], average)


def review(model, year, spec, years=None):
    """The Review of `year`, or None when it has no rows. `years` ({year: rows}, as
    model.objects.years() gives them) saves that query when the caller has it."""
    rows = model.objects.of_year(year)
    groupings = {
        "month": Grouping(("date", "date_precision"), month_labels(year), in_month_order),
        "grade": GRADE_GROUPING,
        **{name: grouping for name, (_, grouping) in spec.charts.items()},
    }
    tables, summary = analyse(rows, groupings, totals=True)
    if not summary["count"]:
        return None
    totals = Totals(year, summary["count"], summary["graded"], summary["average_score"])
    for row in tables["grade"]:  # a grade's average is the grade itself
        row["average_score"] = None
    # As the lists' "rating" order: the best grade first, the owner's rank within a grade.
    a_list = rows.filter(grade__in=BANDS["A"]).order_by(
        "-score", F("a_grade_rank").asc(nulls_last=True), "sort_title", "id"
    )
    dated = rows.filter(date__year=year, date_precision__in=NAMES_A_MONTH)
    length = rows.aggregate(measured=Count(spec.length), total=Sum(spec.length))
    years = model.objects.years() if years is None else years
    return Review(
        totals=totals,
        previous=totals_of(model.objects.of_year(year - 1), year - 1),
        measured=length["measured"],
        total_length=length["total"] or 0,
        tables=tables,
        a_list=list(a_list[:A_LIST_LIMIT]),
        a_count=sum(row["count"] for row in tables["grade"] if row["label"] in BANDS["A"]),
        first=dated.order_by("date", "id").first(),
        last=dated.order_by("-date", "-id").first(),
        longest=rows.filter(**{f"{spec.length}__isnull": False})
        .order_by(f"-{spec.length}", "sort_title", "id")
        .first(),
        earlier=max((other for other in years if other < year), default=None),
        later=min((other for other in years if other > year), default=None),
    )
