"""How the catalog's long-running commands talk: report lines by verbosity, styled for what
they are, and a progress display on a terminal.

A report is a sequence of Lines. Django's -v decides which are shown: 0 only errors (which
are raised, not printed), 1 the counts and one summary line per kind of finding, 2 every row
behind them and the timings.
"""

import json
from typing import NamedTuple

# The style of each kind of line, from Django's palette; other kinds are plain.
STYLES = {
    "heading": "MIGRATE_HEADING",
    "notice": "NOTICE",
    "count": "SUCCESS",
    "success": "SUCCESS",
    "conflict": "WARNING",
    "warning": "WARNING",
}


class Line(NamedTuple):
    """One line of a report: its kind (a key of STYLES, or "detail"), its text, the least
    verbosity that shows it, and whether it only sums up lines that -v 2 shows instead."""

    kind: str
    text: str
    verbosity: int = 1
    summary: bool = False

    def shown_at(self, verbosity):
        return self.verbosity <= verbosity and not (self.summary and verbosity >= 2)


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


class ReportCommand:
    """A mixin for BaseCommand subclasses that print a report: set `self.verbosity` in
    handle() (0 with --json), then say() lines or print_report() a whole report."""

    verbosity = 1

    def print_report(self, report, lines, options):
        """The report as JSON with --json, else its `lines`."""
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
            return
        for line in lines:
            self.say(line)

    def say(self, line):
        """Write a Line if the verbosity asks for it, styled for what it is."""
        if line.shown_at(self.verbosity):
            style = getattr(self.style, STYLES.get(line.kind, ""), None)
            self.stdout.write(style(line.text) if style else line.text)

    def progress_bar(self):
        """A one-line progress display on stderr, when it is a terminal and -v is not 0."""
        if not self.stderr.isatty() or not self.verbosity:
            return None

        def show(label, done, total):
            percent = 100 * done // total if total else 100
            end = "\n" if done >= total else ""
            self.stderr.write(f"\r{label}: {done:,} / {total:,} ({percent}%)", ending=end)
            self.stderr.flush()

        return show
