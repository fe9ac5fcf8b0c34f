"""The file formats import_file and the admin read, by name, as django.core.serializers
keeps its serializers: the catalog's own (CSV and JSON, for every catalog), then the formats
each catalog declares (CatalogConfig.file_formats: Letterboxd and IMDb for films, Goodreads
and StoryGraph for books). A new format is one class in the app it fills, and one line in its
AppConfig.
"""

import functools
import re

from django.utils.module_loading import import_string

from catalog_site.catalog import registry

from .base import FileProblem, shown
from .catalog import CatalogCsv, CatalogJson

BUILTIN_FORMATS = (CatalogCsv, CatalogJson)


@functools.cache
def formats():
    """{name: Format}: the catalogs' service formats, then the catalog's own."""
    found = [
        import_string(path)() for config in registry.catalogs() for path in config.file_formats
    ]
    every = [*found, *(builtin() for builtin in BUILTIN_FORMATS)]
    return {file_format.name: file_format for file_format in every}


def names():
    return list(formats())


def get(name):
    """The format of that name; FileProblem for one there is not."""
    try:
        return formats()[name]
    except KeyError:
        raise FileProblem(f"There is no format {name!r}: one of {', '.join(names())}.") from None


def for_model(model):
    """The formats whose files may hold `model`'s rows."""
    return [file_format for file_format in formats().values() if model in file_format.models()]


def recognise(opened):
    """The format of an opened file: first the services' formats of JSON files, which tell
    theirs from any other JSON by its shape (`reads_json`: Trakt's), then the catalog's own (a
    JSON file is recognised by its first byte, before anything reads it as CSV), then each
    service's by its headers (or, in a ZIP, the names of its CSVs)."""
    own = [get(CatalogJson.name), get(CatalogCsv.name)]
    services = [f for f in formats().values() if f not in own]
    shaped = [f for f in services if getattr(f, "reads_json", False)]
    for file_format in [*shaped, *own, *(f for f in services if f not in shaped)]:
        if file_format.recognises(opened):
            return file_format
    if looks_binary(opened):
        raise FileProblem(
            f"{opened.name} is not a CSV, JSON or ZIP file: it does not hold text. "
            "Import the file the service exported."
        )
    columns = shown(", ".join(shown(name) for name in opened.headers[:8]), 300) or "none"
    if not opened.is_zip and any(
        re.fullmatch(r"[\d./=\"-]+", name) for name in opened.headers if name
    ):
        raise FileProblem(
            f"{opened.name} has no header line: its first line is a row ({columns}), not the "
            "names of its columns. Import the file the service exported, as it is."
        )
    raise FileProblem(
        f"{opened.name} is not an export this importer knows "
        f"({'its files' if opened.is_zip else 'its columns'}: {columns}); "
        f"name its format (Format in the admin, --format in import_file): "
        f"one of {', '.join(names())}."
    )


def looks_binary(opened):
    """Whether a file that is not a ZIP holds something other than text (an image, a
    spreadsheet's own format): control characters in its first bytes, other than line
    ends and tabs, in any of the encodings tables.py reads."""
    if opened.is_zip:
        return False
    start = opened.start
    if start.startswith((b"\xff\xfe", b"\xfe\xff")) or not any(start[1::2]):
        return False  # UTF-16: every other byte is zero
    return any(byte < 32 and byte not in b"\t\r\n" for byte in start)
