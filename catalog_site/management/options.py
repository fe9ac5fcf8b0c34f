"""Options that several commands take, parsed once."""

import datetime
import re

from catalog_site.catalog import registry

UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


def duration(text):
    """'2w', '30d', '12h' or '90m' as a timedelta; ValueError for anything else (the command
    says what it takes)."""
    match = re.fullmatch(r"(\d+)([wdhm])", text.strip())
    if not match:
        raise ValueError(text)
    return datetime.timedelta(**{UNITS[match[2]]: int(match[1])})


def add_only_argument(parser, help_text="One catalog only."):
    """--only <catalog>: one of the installed catalogs (films, books, ...)."""
    parser.add_argument("--only", choices=registry.names(), help=help_text)


def add_json_argument(parser):
    parser.add_argument("--json", action="store_true", help="Print the report as JSON.")


def add_run_arguments(parser, *, prefer_help, ask=True):
    """The options of every command that merges into a catalog: the syncs, import_legacy
    and import_file (`ask`: whether it asks before writing)."""
    parser.add_argument(
        "--dry-run", action="store_true", help="Report what would change; write nothing."
    )
    parser.add_argument("--prefer-source", action="store_true", help=prefer_help)
    backup = parser.add_mutually_exclusive_group()
    backup.add_argument(
        "--backup",
        metavar="PATH",
        help="Where to save the target's old version of updated rows "
        "(default: a timestamped file in backups/).",
    )
    backup.add_argument("--no-backup", action="store_true", help="Save no backup.")
    add_json_argument(parser)
    if ask:
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation before writing.",
        )
