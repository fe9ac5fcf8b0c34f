import pytest

from catalog_site.catalog.grades import BANDS, SCORES, Grade, nearest_grade, score_for


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
