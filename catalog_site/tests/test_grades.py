from catalog_site.grades import SCORES, Grade, score_for


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
