"""The owner's 18 grades, shared by films and books, and the score each one stands for."""

from django.db import models


class Grade(models.TextChoices):
    """Best first; each grade is its own label. The score is 20 for A+ down to 3 for D."""

    A_PLUS = "A+", "A+"
    A_A_PLUS = "A/A+", "A/A+"
    A = "A", "A"
    A_MINUS_A = "A-/A", "A-/A"
    A_MINUS = "A-", "A-"
    B_PLUS_A_MINUS = "B+/A-", "B+/A-"
    B_PLUS = "B+", "B+"
    B_B_PLUS = "B/B+", "B/B+"
    B = "B", "B"
    B_MINUS_B = "B-/B", "B-/B"
    B_MINUS = "B-", "B-"
    C_PLUS_B_MINUS = "C+/B-", "C+/B-"
    C_PLUS = "C+", "C+"
    C_C_PLUS = "C/C+", "C/C+"
    C = "C", "C"
    C_MINUS = "C-", "C-"
    D_PLUS = "D+", "D+"
    D = "D", "D"


SCORES = {grade.value: 20 - position for position, grade in enumerate(Grade)}


def score_for(grade):
    """The score of a grade, or None for no grade. The grade is what the owner meant."""
    return SCORES.get(grade) if grade else None


GRADE_OF_SCORE = {score: grade for grade, score in SCORES.items()}

# The grade filters of the public pages: a whole letter first, then each grade.
BANDS = {letter: [g.value for g in Grade if g.value.startswith(letter)] for letter in "ABCD"}


def nearest_grade(score):
    """The grade whose score is closest to an average score: 17.4 -> "A-/A"."""
    if score is None:
        return None
    return GRADE_OF_SCORE[min(max(round(score), min(GRADE_OF_SCORE)), max(GRADE_OF_SCORE))]
