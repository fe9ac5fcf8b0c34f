"""Trakt's export: the ZIP of JSON files Trakt's settings give (or the loose files of a tool
that saves the same answers of its API), or one of those files given alone. Each file is a
JSON list, in the shapes of Trakt's API ("sync"):

- `watched-shows.json`: a show watched: `plays`, `last_watched_at` (the latest play; its day,
  in UTC, is the date watched), `last_updated_at` (when the record last changed: it dates
  the record), `show` ({title, year, ids: {trakt, slug, tvdb, imdb, tmdb}}) and, in the API's
  shape, its `seasons` and episodes (not read: the catalog holds whole shows);
- `watched-movies.json`: the same of a film (`movie`);
- `ratings-shows.json`, `ratings-movies.json`: `rated_at` (dates the record; not a date
  watched), `rating` (1 to 10 points), `type` and the show or movie;
- `ratings-seasons.json`, `ratings-episodes.json`: a season's or an episode's rating, skipped
  by a rule (the catalog grades whole shows);
- the history (`watched-history-2.json`, `history-*.json`: one row per play, which the
  watched files sum up), the watchlist and lists, the collection and playback progress: none
  is read as a watch; their rows are counted under a rule. Other files (the profile, settings,
  comments, likes) hold no shows or films and are not read.

A long file may be split in numbered parts (`watched-history-1.json`, ...), and a ZIP may
hold its files in a folder: files are known by their own names. A show is one entry, its
watched and rated rows together, by its Trakt id (else its IMDb id, TMDB id, or title and
year); so is a film, which goes to the films catalog (found through the registry) if one is
installed. The ids are kept with the row, so the next import finds it again.

A file is read as a stream of JSON events (ijson), one element at a time, keeping of each
only the few values read here (see WANTED), so an element of a thousand episodes costs no
more than one of none; a file cut off or not JSON is refused with one sentence before
anything is written.
"""

import codecs
import datetime
import io
import re
from contextlib import closing
from pathlib import PurePosixPath

import ijson

from catalog_site.catalog import registry
from catalog_site.catalog.text import fold
from catalog_site.files.base import DAMAGED, Entry, FileProblem, Rejected, Skip, Skipped, shown
from catalog_site.files.grades import grade_for
from catalog_site.files.json_rows import CHUNK, DEPTH, HUGE_NUMBER
from catalog_site.files.services import ServiceFormat

from .models import Show

# The files read, by their own name ("-2": a later part of a long file); the first four mark
# a ZIP as Trakt's export.
READ = re.compile(r"(watched|ratings)-(shows|movies|seasons|episodes)(-\d+)?\.json")
MARKS = re.compile(r"(watched|ratings)-(shows|movies)(-\d+)?\.json")

HISTORY = "history: one row per play, summed up in watched-shows.json and watched-movies.json"
LISTED = "the watchlist and lists: shows and films listed, not watched"
COLLECTED = "collection: shows and films owned, not watched"
PLAYBACK = "playback progress: a play started, not a watch"
SEASONS = "ratings of seasons: the catalog grades whole shows"
EPISODES = "ratings of episodes: the catalog grades whole shows"
NO_FILMS = "films: no films catalog is installed to hold them"
# Files of a ZIP export skipped whole, by the start of their name.
SKIPPED_FILES = (
    ("watched-history", HISTORY),
    ("history", HISTORY),
    ("watched-playback", PLAYBACK),
    ("playback", PLAYBACK),
    ("lists", LISTED),
    ("watchlist", LISTED),
    ("collection", COLLECTED),
)
# An element of those files, given alone, by a key only its kind has.
OTHER_ROWS = (
    ("watched_at", HISTORY),
    ("listed_at", LISTED),
    ("collected_at", COLLECTED),
    ("last_collected_at", COLLECTED),
    ("paused_at", PLAYBACK),
)

KINDS = ("show", "movie", "season", "episode")
TOP = ("plays", "last_watched_at", "last_updated_at", "rated_at", "rating", "type")
# The values of an element that are read, by their path in it: nothing else is kept.
WANTED = {
    *TOP,
    *(key for key, _rule in OTHER_ROWS),
    *KINDS,
    *(f"{kind}.{name}" for kind in ("show", "movie") for name in ("title", "year")),
    *(f"{kind}.ids.{name}" for kind in ("show", "movie") for name in ("trakt", "imdb", "tmdb")),
}
STARTS = ("start_map", "start_array")
ENDS = ("end_map", "end_array")
BOM = codecs.BOM_UTF8
SPACE = b" \r\n\t"


class Nested:
    """A JSON object or list where the row has one: as a row not understood writes it."""

    def __init__(self, is_map):
        self.is_map = is_map

    def __str__(self):
        return "{…}" if self.is_map else "[…]"

    __repr__ = __str__


def is_object(value):
    return isinstance(value, Nested) and value.is_map


def file_name(path):
    """A file's own name in an export, as Trakt writes it: `watched-shows.json`; backup
    tools that save the same answers write `watched_shows.json`."""
    return PurePosixPath(path).name.lower().replace("_", "-")


def films_model():
    """The films catalog's model, or None when none is installed."""
    try:
        return registry.catalog("films").model
    except LookupError:
        return None


def path_of(stack, key):
    """The path in its element ("show.ids.trakt") of the value about to be read, or None
    for one inside a list or deeper than any value read. `stack` is (is_map, key) of each
    container open: the document's list, the element, then the element's own."""
    if len(stack) < 2 or len(stack) > 4 or not stack[-1][0]:
        return None
    keys = [name for _is_map, name in stack[2:]]
    if None in keys:
        return None
    return ".".join([*keys, key])


def looks_like_trakt(start):
    """Whether the start of a JSON document is a list whose first element has a `show` or
    `movie` object with its `ids`: the shape of every file of Trakt's export."""
    if HUGE_NUMBER.search(start):
        return False  # not for ijson to read (see json_rows)
    stack, key = [], None
    try:
        for event, value in ijson.basic_parse(io.BytesIO(start)):
            if event == "map_key":
                key = value
                continue
            if event in ENDS:
                stack.pop()
                if len(stack) < 2:
                    return False  # the first element ended without one
                continue
            if len(stack) == 0 and event != "start_array":
                return False
            if len(stack) == 1 and event != "start_map":
                return False
            if event in STARTS:
                path = path_of(stack, key)
                if event == "start_map" and path in ("show.ids", "movie.ids"):
                    return True
                if len(stack) >= DEPTH:
                    return False
                stack.append((event == "start_map", key if stack and stack[-1][0] else None))
    except (ijson.JSONError, ValueError):  # the end of `start`, or not JSON
        return False
    return False


def place(opened, name):
    """A file as a message names it: "watched-shows.json in trakt.zip"."""
    return f"{name} in {opened.name}" if opened.is_zip else name


def first_line(message):
    """The first line of an error of the JSON parser (which may give it as bytes)."""
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return next(iter(str(message).strip().splitlines()), "")


def too_deep(opened, name):
    return FileProblem(f"{place(opened, name)} nests its JSON too deeply to be Trakt's export.")


def whole(value):
    """A whole number as JSON writes it (2008, or "2008"); None for none; ValueError else."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{1,10}", value.strip()):
        return int(value)
    raise ValueError("not a whole number")


def moment(raw, name):
    """A time as Trakt writes it (2014-10-11T17:00:54.000Z), in UTC; None for none."""
    value = raw.get(name)
    if value in (None, ""):
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        found = datetime.datetime.fromisoformat(value.strip())
        if found.tzinfo is None:
            found = found.replace(tzinfo=datetime.UTC)
        return found.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        raise ValueError(
            f"{name} {shown(str(value))!r} is not a time as Trakt writes it "
            "(2014-10-11T17:00:54.000Z)"
        ) from None


class Trakt(ServiceFormat):
    """Trakt's files are JSON, not the CSV tables of ServiceFormat: this format reads them
    itself (`entries`) and keeps the rest, each row checked as the model's fields would."""

    name = "trakt"
    label = "Trakt export (the ZIP, or one of its JSON files)"
    model = Show
    reads_json = True  # tells its JSON from other JSON: asked before the catalog's own
    distinct_ids = ("imdb_id", "trakt_id")

    def models(self):
        return [model for model in (Show, films_model()) if model is not None]

    def recognises(self, opened):
        if opened.is_zip:
            return any(MARKS.fullmatch(file_name(path)) for path in opened.members)
        if opened.start.removeprefix(BOM).lstrip(SPACE)[:1] not in (b"[", b""):
            return False  # by its first bytes, before reading more of it
        with open(opened.path, "rb") as binary:
            start = binary.read(CHUNK).removeprefix(BOM).lstrip(SPACE)
        return start[:1] == b"[" and looks_like_trakt(start)

    def reader(self, opened, options, target):
        reader = super().reader(opened, options, target)
        for model in self.models():
            reader.entries.setdefault(model, [])  # each catalog, even when no row is read
        return reader

    def files(self, opened):
        """(name, open, rule) of each file to read: the file itself, or the files of a ZIP
        whose rows are read (`rule` None) or skipped whole under `rule`."""
        if not opened.is_zip:
            return [(opened.name, lambda: open(opened.path, "rb"), None)]
        found = []
        for path in sorted(opened.members):
            base = file_name(path)
            rule = next((rule for start, rule in SKIPPED_FILES if base.startswith(start)), None)
            if READ.fullmatch(base) or (rule and base.endswith(".json")):
                member = opened.members[path]
                found.append((path, lambda member=member: opened.archive.open(member), rule))
        if not any(rule is None for _path, _open, rule in found):
            raise FileProblem(
                f"{opened.name} holds none of watched-shows.json, watched-movies.json, "
                "ratings-shows.json and ratings-movies.json; is it another service's export?"
            )
        return found

    def entries(self, opened, options, tables):
        """Every element of every file read, as an Entry, a Rejected or a Skipped. (No CSV
        tables to describe: the report counts the file's rows by what became of each.)"""
        for name, open_binary, rule in self.files(opened):
            with closing(self.events(opened, name, open_binary)) as events:
                if rule:
                    yield Skipped(rule, self.count(events, opened, name))
                    continue
                yield from self.read(self.rows(events, opened, name), name, options)

    def read(self, rows, name, options):
        """The Entry, Rejected or Skipped of each element of the file `name`."""
        for line, raw in rows:
            if raw is None:
                yield Rejected(line, {}, "not an object, as Trakt writes each row", name)
                continue
            try:
                entry = self.entry(raw, line, name, options)
                self.check(entry)
                self.identify(entry)
            except Skip as skipped:
                yield Skipped(str(skipped))
                continue
            except ValueError as problem:
                yield Rejected(line, raw, str(problem), name)
                continue
            yield entry

    def events(self, opened, name, open_binary):
        """ijson's events of one file; what keeps it from being read said in one sentence."""
        where = place(opened, name)
        try:
            self.refuse_huge_numbers(open_binary, where)
            with open_binary() as binary:
                if binary.peek(3)[:3] == BOM:
                    binary.read(3)
                yield from ijson.basic_parse(binary)
        except ijson.JSONError as error:
            reason = first_line(error.args[0] if error.args else "") or "cut off"
            raise FileProblem(
                f"{where} is cut off or is not JSON ({reason}); export it from Trakt again."
            ) from None
        except DAMAGED as error:
            if opened.is_zip:
                raise opened.damaged(error) from None
            raise FileProblem(f"{where} cannot be read ({error}).") from None
        except ValueError as error:  # not UTF-8, or a number ijson cannot make
            raise FileProblem(f"{where} holds what is not JSON in UTF-8 ({error}).") from None

    def refuse_huge_numbers(self, open_binary, where):
        """A number of thousands of digits crashes ijson's C parser (see json_rows): the
        file is scanned for one, a chunk at a time, before it is parsed."""
        with open_binary() as binary:
            tail = b""
            while chunk := binary.read(CHUNK):
                if HUGE_NUMBER.search(tail + chunk):
                    raise FileProblem(f"{where} holds a number too long to be Trakt's.")
                tail = chunk[-64:]

    def rows(self, events, opened, name):
        """(position, raw) of each element of the file's list: raw holds the element's values
        that are read (WANTED), by their path, or is None for an element that is not an
        object. Each element is counted against the file's limit of rows."""
        stack, key = [], None  # (is_map, key in its parent) of each open container
        position, raw = 0, None
        for event, value in events:
            if event == "map_key":
                key = value
                continue
            if event in ENDS:
                stack.pop()
                if len(stack) == 1:
                    yield position, raw
                continue
            if not stack:
                if event != "start_array":
                    raise FileProblem(
                        f"{place(opened, name)} is not a list of shows or films, as Trakt's "
                        "files are."
                    )
            elif len(stack) == 1:
                position += 1
                opened.rows.add(name)
                raw = {} if event == "start_map" else None
                if event not in STARTS:
                    yield position, None
            elif raw is not None:
                path = path_of(stack, key)
                if path in WANTED:
                    raw[path] = Nested(event == "start_map") if event in STARTS else value
            if event in STARTS:
                if len(stack) >= DEPTH:
                    raise too_deep(opened, name)
                stack.append((event == "start_map", key if stack and stack[-1][0] else None))

    def count(self, events, opened, name):
        """How many elements a skipped file's list has (none, if it is not a list)."""
        depth = rows = 0
        for event, _value in events:
            if depth == 0 and event != "start_array":
                return 0
            if depth == 1 and event not in ENDS:
                rows += 1
                opened.rows.add(name)
            if event in STARTS:
                if depth >= DEPTH:
                    raise too_deep(opened, name)
                depth += 1
            elif event in ENDS:
                depth -= 1
        return rows

    def kind_of(self, raw):
        """The row's kind ("show" or "movie") and whether it is a rating; Skip for a row of
        another kind Trakt writes, ValueError for one it does not."""
        rated = "rating" in raw or "rated_at" in raw
        if not rated:
            for key, rule in OTHER_ROWS:
                if key in raw:
                    raise Skip(rule)
        kind = raw.get("type") if rated else None
        if kind in (None, ""):  # by the object it names: an episode's names its show too
            kinds = ("episode", "season", "movie", "show") if rated else ("movie", "show")
            kind = next((kind for kind in kinds if is_object(raw.get(kind))), None)
        if kind == "season":
            raise Skip(SEASONS)
        if kind == "episode":
            raise Skip(EPISODES)
        if kind not in ("show", "movie"):
            raise ValueError(f"type {shown(str(kind))!r} is not a show, movie, season or episode")
        if not is_object(raw.get(kind)):
            raise ValueError(f"no {kind}: the row names no {kind} object")
        if not rated and "plays" not in raw and "last_watched_at" not in raw:
            raise ValueError(f"the {kind} is neither watched (plays) nor rated (rating)")
        return kind, rated

    def entry(self, raw, line, table, options):
        """The Entry of one element; Skip(rule) to leave it out, ValueError if it is not
        understood. A value of the wrong kind (a year "2008a") is left out and noted."""
        kind, rated = self.kind_of(raw)
        model = Show if kind == "show" else films_model()
        if model is None:
            raise Skip(NO_FILMS)
        title = raw.get(f"{kind}.title")
        if isinstance(title, int | str) and not isinstance(title, bool):
            title = str(title).strip()
        if not title or not isinstance(title, str):
            raise ValueError(f"no {kind} title")
        values, notes = {"title": title}, []
        numbers = {
            "start_year" if kind == "show" else "release_year": f"{kind}.year",
            "tmdb_id": f"{kind}.ids.tmdb",
            "trakt_id": f"{kind}.ids.trakt",
        }
        for name, path in numbers.items():
            try:
                values[name] = whole(raw.get(path))
            except ValueError as problem:
                field = None if name == "trakt_id" else model._meta.get_field(name)
                label = field.verbose_name if field else "Trakt id"
                notes.append(f"{label} {shown(str(raw[path]))!r} not kept: {problem}")
        imdb = raw.get(f"{kind}.ids.imdb")
        if isinstance(imdb, str):
            values["imdb_id"] = imdb.strip()
        elif imdb is not None:
            notes.append(f"IMDb id {shown(str(imdb))!r} not kept: not text")
        # The row's identity in the file: the ids as Trakt gives them, checked or not.
        year = values.get("start_year", values.get("release_year"))
        key = next(
            (f"{kind}:{name}:{values[name]}" for name in ("trakt_id", "imdb_id", "tmdb_id")
             if values.get(name)),
            f"{kind}:title:{fold(title)}|{year or ''}",
        )  # fmt: skip
        if model is not Show:
            values.pop("trakt_id", None)  # films have no field for it
        watched = moment(raw, "last_watched_at")
        if rated:
            rating = raw.get("rating")
            values["grade"] = grade_for("" if rating is None else str(rating), "points")
            when = moment(raw, "rated_at")
        else:
            when = moment(raw, "last_updated_at") or watched
        return Entry(
            model=model,
            key=key,
            values=values,
            line=line,
            raw=raw,
            dates={watched.date()} if watched and not rated else set(),
            when=when,
            table=table,
            notes=notes,
        )

    def identify(self, entry):
        """The outside ids of a checked entry, to match the catalog by (a value the catalog
        could not hold is no longer among its values)."""
        names = ("imdb_id", "tmdb_id", "trakt_id")
        entry.ids = {
            name: entry.values[name] for name in names if entry.values.get(name) not in ("", None)
        }
