"""Stars and points to the owner's grades.

Letterboxd rates 0.5 to 5 stars, Goodreads 1 to 5, IMDb 1 to 10 points, StoryGraph 0.25 to 5
in quarter stars. The default tables put the top of each scale at A+ and go down about one
grade step per half star (or point); a quarter star falls between the grades of the half stars
either side of it (see quarter_stars). settings.IMPORT_GRADES replaces any table ("stars",
"points", "quarter-stars"); the quarter-star scale follows a replaced "stars" table unless it
is replaced itself. A rating the table does not know is a row not understood; no rating
(blank, or 0) is no grade.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings

from catalog_site.catalog.grades import GRADE_OF_SCORE, SCORES

STARS = {
    "5": "A+", "4.5": "A", "4": "A-", "3.5": "B+", "3": "B", "2.5": "B-",
    "2": "C+", "1.5": "C", "1": "C-", "0.5": "D",
}  # fmt: skip
POINTS = {
    "10": "A+", "9": "A", "8": "A-", "7": "B+", "6": "B", "5": "B-",
    "4": "C+", "3": "C", "2": "C-", "1": "D",
}  # fmt: skip
QUARTER = Decimal("0.25")


def key(number):
    """A rating as the tables write it: 4.50 -> "4.5", 4.0 -> "4"."""
    return f"{number.normalize():f}"


def quarter_stars(stars):
    """The stars table with the quarters between its half stars: each quarter has the grade
    whose score is halfway between its neighbours', the lower one when halfway falls between
    two grades (4.75 -> A/A+, 1.25 -> C-), and 0.25 the grade of 0.5. A quarter beside a half
    star the table lacks is not on the scale."""
    table = dict(stars)
    for whole in range(5):
        for quarter in (QUARTER, 3 * QUARTER):
            value = whole + quarter
            above = SCORES.get(stars.get(key(value + QUARTER)))
            below = SCORES.get(stars.get(key(value - QUARTER))) if value > QUARTER else above
            if above is not None and below is not None:
                table[key(value)] = GRADE_OF_SCORE[(above + below) // 2]
    return table


def table(scale):
    tables = {"stars": STARS, "points": POINTS, **getattr(settings, "IMPORT_GRADES", {})}
    if scale == "quarter-stars" and scale not in tables:
        return quarter_stars(tables["stars"])
    return tables[scale]


def grade_for(value, scale):
    """The grade for a rating written in a file ("4.5", "4,5", "4.0", "3.75", "8"), "" for no
    rating."""
    value = value.strip().replace(",", ".")
    if value == "":
        return ""
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"rating {value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"rating {value!r} is not a number")
    if number == 0:
        return ""
    grade = table(scale).get(key(number))
    if grade is None or grade not in SCORES:
        raise ValueError(f"rating {value} is not on the {scale} scale")
    return grade
