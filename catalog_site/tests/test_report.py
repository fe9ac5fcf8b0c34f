"""The merge report as lines for a person: what each verbosity shows, and what each line is."""

from catalog_site.management.reports import legacy_import_lines, report_lines
from catalog_site.sync.legacy import LegacyImport
from catalog_site.sync.report import ModelReport, Report

CONFLICT = {
    "title": "Titanic",
    "uuid": "u1",
    "source_updated_at": "2024-01-01T11:00:00+00:00",
    "target_updated_at": "2024-01-01T12:00:00+00:00",
    "reason": "target is newer",
}
NOTES = {
    "table": "films",
    "rows": 3,
    "unknown_columns": ["rt_per_minute"],
    "missing_columns": ["tmdb_id"],
    "unreadable": {"date_seen": {"count": 1, "examples": [{"id": 5, "value": "Dec 30, 1899"}]}},
    "stale_scores": [
        {"id": 2, "title": "Cats", "grade": "D", "legacy_score": 9, "score": 3},
        {"id": 3, "title": "Up", "grade": "A", "legacy_score": 9, "score": 18},
    ],
    "same_id_different_title": [{"legacy_id": 7, "title": "Roma", "other_title": "Rome"}],
}


def shown(report, verbosity):
    lines = (
        legacy_import_lines(report) if isinstance(report, LegacyImport) else report_lines(report)
    )
    return [(line.kind, line.text) for line in lines if line.shown_at(verbosity)]


def test_verbosity_1_sums_up_and_verbosity_2_lists_every_row():
    films = ModelReport("films.film", inserted=1, kept=1, conflicts=[CONFLICT], seconds=0.25)
    report = LegacyImport(Report([films]), [NOTES])
    brief, full = shown(report, 1), shown(report, 2)
    assert ("conflict", "  1 conflict: rows changed on both sides (-v 2 lists them)") in brief
    assert (
        "warning",
        "  2 stale scores: the score now follows the grade (-v 2 lists them)",
    ) in brief
    assert not any(
        "Titanic" in text or "'Cats'" in text or "merged in" in text for _, text in brief
    )
    assert (
        "conflict",
        "  conflict: 'Titanic': source 2024-01-01T11:00:00+00:00, "
        "target 2024-01-01T12:00:00+00:00 (target is newer)",
    ) in full
    assert ("detail", "  films.film merged in 0.25 s") in full
    assert ("warning", "  stale score: 'Cats' (id 2) graded D had score 9; now 3") in full
    assert not any("(-v 2 lists them)" in text for _, text in full)
    # What is already a summary shows at 1 and 2 alike.
    for line in [
        ("count", "films.film: 1 inserted, 0 updated, 0 unchanged, 1 kept, 0 preserved"),
        ("count", "legacy films: 3 rows read"),
        ("warning", "  ignored unknown columns: rt_per_minute"),
        ("warning", "  date_seen: 1 values not understood (see legacy_data), "
                    "e.g. 'Dec 30, 1899' (id 5)"),
    ]:  # fmt: skip
        assert line in brief
        assert line in full
    assert shown(report, 0) == []


def test_a_report_without_changes_says_so():
    report = Report([ModelReport("books.book", unchanged=4)], dry_run=True)
    assert shown(report, 1) == [
        ("notice", "Dry run: nothing was written."),
        ("count", "books.book: 0 inserted, 0 updated, 4 unchanged, 0 kept, 0 preserved"),
        ("success", "Nothing to do: the target is up to date."),
    ]
