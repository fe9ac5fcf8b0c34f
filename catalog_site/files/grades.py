"""Stars and points to the owner's grades.

Letterboxd rates 0.5 to 5 stars, Goodreads 1 to 5, IMDb 1 to 10 points. The default tables
put the top of each scale at A+ and go down about one grade step per half star (or point);
settings.IMPORT_GRADES replaces either table. A rating the table does not know is a row not
understood; no rating (blank, or Goodreads' 0) is no grade.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings

from catalog_site.catalog.grades import SCORES

STARS = {
    "5": "A+", "4.5": "A", "4": "A-", "3.5": "B+", "3": "B", "2.5": "B-",
    "2": "C+", "1.5": "C", "1": "C-", "0.5": "D",
}  # fmt: skip
POINTS = {
    "10": "A+", "9": "A", "8": "A-", "7": "B+", "6": "B", "5": "B-",
    "4": "C+", "3": "C", "2": "C-", "1": "D",
}  # fmt: skip


def table(scale):
    tables = {"stars": STARS, "points": POINTS, **getattr(settings, "IMPORT_GRADES", {})}
    return tables[scale]


def grade_for(value, scale):
    """The grade for a rating written in a file ("4.5", "4,5", "8"), "" for no rating."""
    value = value.strip().replace(",", ".")
    if value in {"", "0"}:
        return ""
    try:
        number = Decimal(value).normalize()
    except InvalidOperation:
        raise ValueError(f"rating {value!r} is not a number") from None
    grade = table(scale).get(f"{number:f}")
    if grade is None or grade not in SCORES:
        raise ValueError(f"rating {value} is not on the {scale} scale")
    return grade
