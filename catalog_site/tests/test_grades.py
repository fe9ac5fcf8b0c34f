import pytest

from catalog_site.catalog.grades import BANDS, SCORES, Grade, nearest_grade, score_for
from catalog_site.files.grades import grade_for


def test_eighteen_grades_score_from_twenty_down_to_three():
    assert len(Grade) == 18
    assert score_for("A+") == 20
    assert score_for("A") == 18
    assert score_for("B+/A-") == 15
    assert score_for("C+/B-") == 9
    assert score_for("D") == 3
    assert sorted(SCORES.values()) == list(range(3, 21))


def test_no_grade_has_no_score():
    assert score_for("") is None
    assert score_for(None) is None
    assert score_for("E") is None


def test_grades_are_labelled_as_the_owner_writes_them():
    assert Grade.choices[:3] == [("A+", "A+"), ("A/A+", "A/A+"), ("A", "A")]


@pytest.mark.parametrize(
    ("score", "grade"),
    [(20, "A+"), (17.6, "A"), (17.4, "A-/A"), (16.4, "A-"), (3, "D"), (1.2, "D"), (None, None)],
)
def test_nearest_grade_of_an_average_score(score, grade):
    assert nearest_grade(score) == grade


def test_bands_hold_every_grade_once():
    assert sorted(sum(BANDS.values(), [])) == sorted(g.value for g in Grade)
    assert BANDS["A"] == ["A+", "A/A+", "A", "A-/A", "A-"]


# Ratings in files (catalog_site/files/grades.py): StoryGraph's quarter stars


@pytest.mark.parametrize(
    ("rating", "grade"),
    [
        ("5", "A+"), ("4.75", "A/A+"), ("4.5", "A"), ("4.25", "A-/A"), ("4", "A-"),
        ("3.75", "B+/A-"), ("3.5", "B+"), ("3.25", "B/B+"), ("3", "B"), ("2.75", "B-/B"),
        ("2.5", "B-"), ("2.25", "C+/B-"), ("2", "C+"), ("1.75", "C/C+"), ("1.5", "C"),
        ("1.25", "C-"), ("1", "C-"), ("0.75", "D+"), ("0.5", "D"), ("0.25", "D"),
    ],
)  # fmt: skip
def test_a_quarter_star_falls_between_the_grades_of_its_half_stars(rating, grade):
    assert grade_for(rating, "quarter-stars") == grade


@pytest.mark.parametrize(("rating", "grade"), [("4.0", "A-"), ("3.0", "B"), ("5.0", "A+"),
                                               ("3,75", "B+/A-"), (" 4.50 ", "A")])  # fmt: skip
def test_a_rating_written_with_decimals_is_the_same_rating(rating, grade):
    assert grade_for(rating, "quarter-stars") == grade


def test_no_rating_or_zero_is_no_grade():
    assert grade_for("", "quarter-stars") == ""
    assert grade_for("0", "quarter-stars") == ""
    assert grade_for("0.0", "stars") == ""


@pytest.mark.parametrize("rating", ["4.1", "5.25", "-1", "4.125"])
def test_a_rating_off_the_quarter_star_scale_is_not_understood(rating):
    with pytest.raises(ValueError, match="not on the quarter-stars scale"):
        grade_for(rating, "quarter-stars")


def test_half_stars_are_not_quarter_stars():
    with pytest.raises(ValueError, match="not on the stars scale"):
        grade_for("3.75", "stars")


def test_quarter_stars_follow_a_replaced_stars_table(settings):
    settings.IMPORT_GRADES = {"stars": {"5": "A", "4.5": "A-", "4": "B+", "3.5": "B"}}
    assert grade_for("5", "quarter-stars") == "A"
    assert grade_for("4.75", "quarter-stars") == "A-/A"
    assert grade_for("3.75", "quarter-stars") == "B/B+"
    with pytest.raises(ValueError, match="not on the quarter-stars scale"):
        grade_for("3.25", "quarter-stars")  # 3 is not on the replaced table


def test_the_quarter_star_table_can_be_replaced_itself(settings):
    settings.IMPORT_GRADES = {"quarter-stars": {"5": "A+", "4.75": "A+"}}
    assert grade_for("4.75", "quarter-stars") == "A+"
    with pytest.raises(ValueError, match="not on the quarter-stars scale"):
        grade_for("4.5", "quarter-stars")
