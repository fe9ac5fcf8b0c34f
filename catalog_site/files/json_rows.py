"""A catalog export or a Django fixture, read as a stream of JSON events (ijson) rather than
loaded whole: one pass checks its shape and counts its rows, then each catalog's rows are
read again, one at a time, as the merge asks for them.

No pass holds more than one row, and the check stops at the first level nested too deep,
row too big or row past Limits.rows, so a document of a million `{}` or of one deep list
costs what the limits allow, not what it holds.
"""

import codecs
import re
from collections import Counter

import ijson

from catalog_site.catalog import registry

from .base import FileProblem

# How deep a catalog export nests (document, list, row, then a JSON field's own levels), and
# how many values one row may hold, those of its JSON fields (where to watch) included.
DEPTH = 16
ROW_VALUES = 100_000
# A number of more than 40 characters, or with an exponent of 4 digits or more, where a value
# begins: no catalog holds one, and ijson's C parser crashes the process on one of some tens
# of thousands of digits (and Python takes seconds to make an int of 1e1000000). The file is
# scanned for them, a chunk at a time, before it is parsed.
HUGE_NUMBER = re.compile(rb"[:\[,]\s*-?\d(?:[\d.]{40,}|[\d.]*[eE][+-]?\d{4,})")
CHUNK = 2**20
STARTS = ("start_map", "start_array")
ENDS = ("end_map", "end_array")


class JsonRows:
    """The rows of a catalog export ({"format": "catalog", "films": [...], ...}) or of a
    fixture ([{"model": "films.film", "fields": {...}}, ...]): `counts` {model: rows}, and
    `rows(model)` to read one catalog's (position, fields) from the file again."""

    def __init__(self, opened):
        self.opened = opened
        self.name = opened.name
        self.labels = {model._meta.label_lower: model for model in registry.models()}
        self.by_name = {config.catalog_name: config.model for config in registry.catalogs()}
        self.fixture = opened.start.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"["
        if self.fixture:
            self.lists, self.items = set(), {"item": None}
        else:
            self.lists = set(self.by_name)
            self.items = {f"{name}.item": model for name, model in self.by_name.items()}
        self.counts = Counter()
        self.refuse_huge_numbers()
        self.check()

    def refuse_huge_numbers(self):
        with open(self.opened.path, "rb") as binary:
            tail = b""
            while chunk := binary.read(CHUNK):
                if HUGE_NUMBER.search(tail + chunk):
                    raise FileProblem(
                        f"{self.name} holds a number too long to be a catalog's value."
                    )
                tail = chunk[-64:]

    def stream(self, read):
        """What `read` (a function of the file's binary stream) yields, JSON errors said
        plainly and the file closed when the stream ends or is left."""
        binary = open(self.opened.path, "rb")  # noqa: SIM115  (closed below)
        try:
            if binary.read(3) != codecs.BOM_UTF8:
                binary.seek(0)
            yield from read(binary)
        except ijson.JSONError as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else "cut off"
            raise FileProblem(f"{self.name} is not JSON ({reason}).") from None
        except ValueError as error:  # a number ijson cannot make, past the scan above
            raise FileProblem(f"{self.name} holds a value that cannot be read ({error}).") from None
        except UnicodeDecodeError as error:
            raise FileProblem(f"{self.name} is not JSON in UTF-8 ({error}).") from None
        finally:
            binary.close()

    def not_rows(self, prefix, position):
        if self.fixture:
            return FileProblem(f"{self.name} is not a catalog backup (item {position}).")
        return FileProblem(f'"{prefix.split(".")[0]}" in {self.name} is not a list of rows.')

    def events(self):
        """(prefix, event, value) as ijson.parse gives them, but from basic_parse: ijson
        builds each event's prefix itself, which for a deep document costs the square of its
        depth before a check could see the first event; here the depth is refused first."""
        path = []  # a map's current key, or "item" in a list
        for event, value in self.stream(ijson.basic_parse):
            if event in STARTS:
                if len(path) >= DEPTH:
                    raise FileProblem(f"{self.name} nests its JSON too deeply to be an export.")
                yield ".".join(path), event, value
                path.append(None if event == "start_map" else "item")
            elif event in ENDS:
                path.pop()
                yield ".".join(path), event, value
            elif event == "map_key":
                path[-1] = value
                yield ".".join(path[:-1]), event, value
            else:
                yield ".".join(path), event, value

    def check(self):
        depth = position = values = 0
        row = None  # {"model": ..., "fields": whether it has them} of the row being read
        format_name = None
        for prefix, event, value in self.events():
            if row is not None:
                values += 1
                if values > ROW_VALUES:
                    raise FileProblem(
                        f"{self.name}: a row holds more than {ROW_VALUES:,} keys and values."
                    )
            if event in STARTS:
                depth += 1
                if prefix in self.lists and event != "start_array":
                    raise self.not_rows(prefix, position + 1)
                if prefix in self.items and row is None:
                    position += 1
                    if event != "start_map":
                        raise self.not_rows(prefix, position)
                    row = {"model": self.items[prefix], "fields": not self.fixture}
                    values = 0
                elif row is not None and self.fixture and prefix == "item.fields":
                    if event != "start_map":
                        raise self.not_rows(prefix, position)
                    row["fields"] = True
            elif event in ENDS:
                if prefix in self.items and row is not None and depth == (2 if self.fixture else 3):
                    self.row_read(row, prefix, position)
                    row = None
                depth -= 1
            elif event != "map_key":  # a value that is not a list or a map
                if prefix in self.lists or prefix in self.items or prefix == "item.fields":
                    raise self.not_rows(prefix, position + (row is None))
                if row is not None and self.fixture and prefix == "item.model":
                    row["model"] = self.labels.get(value)
                elif depth == 1 and prefix == "format":
                    format_name = value
        if not self.fixture and format_name != "catalog":
            raise FileProblem(f"{self.name} is not a catalog export.")

    def row_read(self, row, prefix, position):
        if not row["fields"]:
            raise self.not_rows(prefix, position)
        if row["model"] is not None:  # a fixture's rows of other apps are left alone
            self.counts[row["model"]] += 1
            self.opened.rows.add(self.name)

    def rows(self, model):
        """(position, fields) of `model`'s rows, read from the file as they are asked for."""
        if self.fixture:
            label = model._meta.label_lower
            items = self.stream(lambda binary: ijson.items(binary, "item", use_float=True))
            for position, item in enumerate(items, start=1):
                if item.get("model") == label:
                    yield position, item["fields"]
            return
        prefix = next(prefix for prefix, each in self.items.items() if each is model)
        yield from enumerate(
            self.stream(lambda binary: ijson.items(binary, prefix, use_float=True)), start=1
        )
