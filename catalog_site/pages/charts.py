"""Horizontal bar charts as plain geometry, for a template to draw in SVG.

Each row of an analytics table becomes two bars side by side: how many entries, and their
average grade. Computing positions here keeps the template free of arithmetic and lets a test
check the drawing without a browser.
"""

from typing import NamedTuple

from catalog_site.catalog.grades import SCORES, nearest_grade

WIDTH = 640
LABEL_END = 164  # labels are right-aligned to this x
COUNT_X, COUNT_MAX = 172, 240  # count bars start here and are at most this long
AVERAGE_X, AVERAGE_MAX = 470, 120  # average-grade bars, on the grade scale
# A chart of counts alone (by grade) ends after its counts: drawn at the scale of the others
# (site.css gives it 380/640 of their width), it fits a phone without swiping.
COUNTS_WIDTH, COUNTS_MAX = 380, 170
HEADER = 26
ROW = 24
BAR = 16
LABEL_CHARS = 22
TOP_SCORE = max(SCORES.values())


class Bar(NamedTuple):
    label: str
    short_label: str
    count: int
    average_score: float | None
    average_grade: str | None
    y: int
    text_y: int
    count_width: float
    average_width: float

    @property
    def count_text_x(self):
        return COUNT_X + self.count_width + 4

    @property
    def average_text_x(self):
        return AVERAGE_X + self.average_width + 4


class Chart(NamedTuple):
    name: str
    title: str
    bars: list
    width: int
    height: int
    count_x: int
    average_x: int
    label_end: int
    bar_height: int = BAR

    @property
    def averaged(self):
        """Whether any bar has an average grade (a chart by grade has none)."""
        return any(bar.average_grade for bar in self.bars)


def shorten(label, limit=LABEL_CHARS):
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(name, title, rows):
    """A Chart of [{label, count, average_score}] rows, in the order given."""
    most = max((row["count"] for row in rows), default=0) or 1
    averaged = any(row["average_score"] is not None for row in rows)
    count_max = COUNT_MAX if averaged else COUNTS_MAX
    bars = []
    for position, row in enumerate(rows):
        y = HEADER + position * ROW
        average = row["average_score"]
        bars.append(
            Bar(
                label=str(row["label"]),
                short_label=shorten(row["label"]),
                count=row["count"],
                average_score=average,
                average_grade=nearest_grade(average),
                y=y,
                text_y=y + BAR - 3,
                count_width=round(row["count"] / most * count_max, 1),
                average_width=round((average or 0) / TOP_SCORE * AVERAGE_MAX, 1),
            )
        )
    return Chart(
        name=name,
        title=title,
        bars=bars,
        width=WIDTH if averaged else COUNTS_WIDTH,
        height=HEADER + len(rows) * ROW + 4,
        count_x=COUNT_X,
        average_x=AVERAGE_X,
        label_end=LABEL_END,
    )
