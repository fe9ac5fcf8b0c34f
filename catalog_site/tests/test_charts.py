from catalog_site.pages.charts import AVERAGE_MAX, COUNT_MAX, HEADER, ROW, bar_chart


def test_bars_scale_to_the_largest_count_and_the_grade_scale():
    chart = bar_chart(
        "genre",
        "By genre",
        [
            {"label": "Drama", "count": 10, "average_score": 20},
            {"label": "War", "count": 5, "average_score": 10},
            {"label": "Silent", "count": 1, "average_score": None},
        ],
    )
    drama, war, silent = chart.bars
    assert (drama.count_width, war.count_width) == (COUNT_MAX, COUNT_MAX / 2)
    assert (drama.average_width, war.average_width, silent.average_width) == (
        AVERAGE_MAX,
        AVERAGE_MAX / 2,
        0,
    )
    assert (drama.average_grade, war.average_grade, silent.average_grade) == ("A+", "B-", None)
    assert [bar.y for bar in chart.bars] == [HEADER, HEADER + ROW, HEADER + 2 * ROW]
    assert chart.height > silent.y + chart.bar_height


def test_long_labels_are_shortened_but_kept_whole_for_the_tooltip():
    name = "Gabriel García Márquez and Edith Grossman"
    chart = bar_chart("authors", "Top authors", [{"label": name, "count": 1, "average_score": 1}])
    (bar,) = chart.bars
    assert bar.label == name
    assert bar.short_label.endswith("…")
    assert len(bar.short_label) <= 22


def test_no_rows_is_an_empty_chart():
    chart = bar_chart("rt", "By RT", [])
    assert chart.bars == []
