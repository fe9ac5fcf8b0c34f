"""The engines' results as lines for a person: a merge's Report (the syncs and both
imports), what a legacy or file import read, and what enrich found.

The engines (sync/, files/, providers/) return result objects and never print; the commands
print these lines by verbosity (see output.py), or the result's `as_dict()` with --json.
"""

from catalog_site.files.tables import table_description, table_is_odd
from catalog_site.sync.report import OUTCOMES

from .output import Line, plural


def legacy_import_lines(result):
    """A LegacyImport: the merge, and what each legacy table held."""
    return report_lines(result.report, *(legacy_lines(notes) for notes in result.tables))


def file_import_lines(result):
    """A FileImport: the merge, and what the file held, row by row."""
    notes = result.file
    left_out = notes["outcomes"]["skipped"] + notes["outcomes"]["not_understood"]
    return report_lines(result.report, file_lines(notes), all_done=not left_out)


def report_lines(report, *findings, all_done=True):
    """A merge's Report as Lines for a person; `findings`, lines of what the import read
    (legacy_lines, file_lines), come after the counts. "Nothing to do" ends a report that
    changed nothing, unless rows were left out (`all_done` False)."""
    if report.dry_run:
        yield Line("notice", "Dry run: nothing was written.")
    for model in report.models:
        counts = ", ".join(f"{getattr(model, outcome)} {outcome}" for outcome in OUTCOMES)
        yield Line("count", f"{model.model}: {counts}")
        yield Line("detail", f"  {model.model} merged in {model.seconds:.2f} s", 2)
        if model.conflicts:
            yield Line(
                "conflict",
                f"  {plural(len(model.conflicts), 'conflict')}: rows changed on both sides "
                "(-v 2 lists them)",
                summary=True,
            )
        for conflict in model.conflicts:
            yield Line(
                "conflict", f"  conflict: {conflict['title']!r}: {conflict_text(conflict)}", 2
            )
        if model.duplicates:
            yield Line(
                "warning",
                f"  {plural(len(model.duplicates), 'possible duplicate')} of rows already "
                "in the target, not merged (-v 2 lists them)",
                summary=True,
            )
        for duplicate in model.duplicates:
            yield Line(
                "warning",
                f"  possible duplicate: {duplicate['description']} is also in the target "
                f"under another uuid ({', '.join(duplicate['other_uuids'])}); not merged",
                2,
            )
    for found in findings:
        yield from found
    if report.backup:
        yield Line("notice", f"Backup of the updated rows: {report.backup}")
    if report.run:
        yield Line("detail", f"Run {report.run}")
    if not report.changes and all_done:
        yield Line("success", "Nothing to do: the target is up to date.")


def conflict_text(conflict):
    """What a conflict kept (or replaced, as asked): a field of a row (a file's import), or a
    whole row (a sync)."""
    if "field" in conflict:
        preferred = conflict["reason"].endswith("source preferred")
        return (
            f"{conflict['reason']}: {'replaced' if preferred else 'kept'} "
            f"{conflict['catalog']!r}, the file says {conflict['file']!r}"
            + ("" if preferred else " (--prefer-source lets the file win)")
        )
    return (
        f"source {conflict['source_updated_at']}, target {conflict['target_updated_at']} "
        f"({conflict['reason']})"
    )


def file_lines(notes):
    """What a file import read: every row of the file counted under what became of it, how
    each table was read, the rules that skipped rows and the rows not understood."""
    outcomes = ", ".join(
        f"{count} {name.replace('_', ' ')}" for name, count in notes["outcomes"].items()
    )
    yield Line(
        "count",
        f"{notes['format']} file {notes['path']}: {plural(notes['rows'], 'row')}: {outcomes}",
    )
    for table in notes["tables"]:
        yield Line("detail", f"  {table_description(table)}", 1 if table_is_odd(table) else 2)
    for skipped in notes["skipped"]:
        if skipped["rows"]:
            yield Line("notice", f"  skipped {plural(skipped['rows'], 'row')}: {skipped['rule']}")
    problems = notes["not_understood"]
    if problems:
        yield Line(
            "warning",
            f"  {plural(len(problems), 'row')} not understood, not imported (-v 2 lists them)",
            summary=True,
        )
    for problem in problems:
        yield Line("warning", f"  {row_place(problem)}: {problem['reason']}", 2)
    kept_out = notes["values_not_kept"]
    if kept_out:
        yield Line(
            "warning",
            f"  {plural(len(kept_out), 'value')} the catalog cannot hold, left out of rows "
            "imported (-v 2 lists them)",
            summary=True,
        )
    for value in kept_out:
        yield Line("warning", f"  {row_place(value)}: {value['note']}", 2)
    if notes["not_understood_file"]:
        yield Line("notice", f"Rows not imported, with the reason: {notes['not_understood_file']}")


def row_place(found):
    """ "diary.csv, line 4" """
    return f"{found['table']}, line {found['line']}" if found["table"] else f"line {found['line']}"


def legacy_lines(notes):
    """What the legacy import interpreted in one table (see legacy.LegacyNotes)."""
    table = notes["table"]
    if notes.get("absent"):
        yield Line("warning", f"legacy {table}: the source has no such table; nothing read")
        return
    yield Line("count", f"legacy {table}: {notes['rows']} rows read")
    if notes["unknown_columns"]:
        yield Line("warning", f"  ignored unknown columns: {', '.join(notes['unknown_columns'])}")
    if notes["missing_columns"]:
        yield Line("detail", f"  columns not in this table: {', '.join(notes['missing_columns'])}")
    for field, unreadable in notes["unreadable"].items():
        examples = ", ".join(
            f"{example['value']!r} (id {example['id']})" for example in unreadable["examples"]
        )
        yield Line(
            "warning",
            f"  {field}: {unreadable['count']} values not understood (see legacy_data), "
            f"e.g. {examples}",
        )
    stale = notes["stale_scores"]
    if stale:
        yield Line(
            "warning",
            f"  {plural(len(stale), 'stale score')}: the score now follows the grade "
            "(-v 2 lists them)",
            summary=True,
        )
    for row in stale:
        yield Line(
            "warning",
            f"  stale score: {row['title']!r} (id {row['id']}) graded {row['grade']} "
            f"had score {row['legacy_score']}; now {row['score']}",
            2,
        )
    pairs = notes["same_id_different_title"]
    if pairs:
        yield Line(
            "warning",
            f"  {plural(len(pairs), 'legacy id')} shared by rows with different titles, "
            "kept as separate rows (-v 2 lists them)",
            summary=True,
        )
    for pair in pairs:
        yield Line(
            "warning",
            f"  same legacy id {pair['legacy_id']}, different titles: {pair['title']!r} and "
            f"{pair['other_title']!r} (kept as two rows; check for a duplicate)",
            2,
        )


def enrich_lines(report):
    """An EnrichReport as Lines for a person."""
    if report.dry_run:
        yield Line("notice", "Dry run: nothing was written.")
    for model in report.models:
        yield Line(
            "count",
            f"{model.model}: {model.looked_up} looked up, {model.rows_filled} filled in, "
            f"{model.unchanged} unchanged, {len(model.no_match)} without a match, "
            f"{len(model.ambiguous)} ambiguous",
        )
        if model.filled:
            per_field = ", ".join(f"{name} {count}" for name, count in sorted(model.filled.items()))
            yield Line("detail", f"  filled: {per_field}")
        yield from row_lines(
            "warning",
            model.ambiguous,
            "with several matches: pick one in the admin with Refresh from provider",
            "several matches",
        )
        yield from row_lines("detail", model.no_match, "without a match", "no match")
        if model.problems:
            yield Line(
                "warning",
                f"  {plural(len(model.problems), 'thing')} could not be fetched (-v 2 lists them)",
                summary=True,
            )
        for problem in model.problems:
            yield Line("warning", f"  {problem}", 2)
    if report.omdb_quota_reached:
        yield Line(
            "warning",
            "OMDb's daily limit was reached: the rest were filled without Rotten Tomatoes "
            "scores. Run again tomorrow to add them.",
        )
    if report.run:
        yield Line("detail", f"Run {report.run}")


def row_lines(kind, rows, summary, label):
    """One line summing up `rows` at -v 1, one line per row at -v 2."""
    if rows:
        count = plural(len(rows), "row")
        yield Line(kind, f"  {count} {summary} (-v 2 lists them)", summary=True)
    for row in rows:
        yield Line(kind, f"  {label}: {row['entry']} (id {row['id']})", 2)


def undo_lines(report):
    """An UndoReport (history.versions) as Lines for a person."""
    if report.dry_run:
        yield Line("notice", "Dry run: nothing was written.")
    yield Line(
        "success",
        f"Undo of {report.kind} {report.run}: {len(report.restored)} rows put back, "
        f"{len(report.removed)} removed, {len(report.conflicts)} left as they are.",
    )
    for conflict in report.conflicts:
        yield Line("warning", f"  {conflict['title']!r}: {conflict['reason']}")
    if report.undo_run:
        yield Line("detail", f"Run {report.undo_run}")
