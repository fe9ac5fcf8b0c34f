"""How the catalog's long-running commands talk: the command base they share, report lines
by verbosity, styled for what they are, and a progress display on a terminal.

A report is a sequence of Lines. Django's -v decides which are shown: 0 only errors (which
are raised, not printed), 1 the counts and one summary line per kind of finding, 2 every row
behind them and the timings.
"""

import json
import time
from typing import NamedTuple

from django.core.management.base import BaseCommand, CommandError
from django.db.utils import Error as DatabaseError

from catalog_site.files.base import FileProblem
from catalog_site.sync.databases import DatabaseProblem

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


def and_list(items):
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 2 else items)


class ReportCommand(BaseCommand):
    """A command that runs an engine and prints its result: the sync, import and enrich
    commands. Subclasses implement `run(**options)`, returning the result (None when there
    is nothing to print), and `lines(result)`, its Lines (see reports.py).

    What they all do is here: --json (the result's as_dict(), and verbosity 0 for the rest),
    a problem with the input (DatabaseProblem, FileProblem) as a CommandError with its own
    sentence, any other database error as `failure` and the database's reason, and "Done
    in" at -v 2.
    """

    failure = "The run failed and the target was left as it was"
    verbosity = 1

    def handle(self, *args, **options):
        started = time.monotonic()
        self.verbosity = 0 if options.get("json") else options["verbosity"]
        try:
            result = self.run(**options)
        except (DatabaseProblem, FileProblem) as problem:
            raise CommandError(str(problem)) from None
        except DatabaseError as error:
            reason = " ".join(str(error).split())
            raise CommandError(f"{self.failure}: {reason}") from None
        if result is not None:
            self.print_report(result, options)
        self.say(Line("detail", f"Done in {time.monotonic() - started:.2f} s", 2))

    def run(self, **options):
        raise NotImplementedError

    def lines(self, result):
        raise NotImplementedError

    def print_report(self, result, options):
        """The result as JSON with --json, else its lines."""
        if options.get("json"):
            self.stdout.write(json.dumps(result.as_dict(), indent=2))
            return
        for line in self.lines(result):
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
