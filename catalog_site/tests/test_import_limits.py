"""An import reads within its limits (files/base.Limits, settings IMPORT_MAX_*): a ZIP that
expands past IMPORT_MAX_BYTES, a line of megabytes, a row of thousands of fields, a file of
more rows than allowed, a JSON document of a million `{}` are each refused with one sentence
after reading no more than the limit, in bounded memory (measured with tracemalloc); a
catalog export within them is imported in memory that does not grow with what its rows hold.
"""

import csv
import html
import io
import json
import tracemalloc
import uuid
import zipfile

import pytest
from django.test import Client

from catalog_site.files.base import FileProblem, Limits
from catalog_site.files.catalog import csv_columns
from catalog_site.files.runner import import_file
from catalog_site.sync.base import MergeOptions
from films.models import Film

from .test_import_file import DIARY, LETTERBOXD, to_csv

MB = 2**20


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request, make_catalog):
    return make_catalog(request.param)


def refused(path, target="default", **options):
    """The sentence the import refuses the file with, and the peak of memory it took."""
    tracemalloc.start()
    try:
        import_file(path, target, merge=MergeOptions(dry_run=True), **options)
    except FileProblem as problem:
        return str(problem), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    pytest.fail(f"{path.name} was imported")


def zipped(path, members):
    """A ZIP at `path` of {name: bytes, or a function writing the member to a stream}."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            if callable(content):
                with archive.open(name, "w", force_zip64=True) as member:
                    content(member)
            else:
                archive.writestr(name, content)
    return path


def test_a_zip_that_expands_to_a_gigabyte_is_refused_before_it_is_read(tmp_path):
    row = b'2020-01-05,"The Godfather",1972,https://boxd.in/a1,5,,,2020-01-04\r\n'
    block = row * (MB // len(row))

    def gigabyte(member):
        member.write(to_csv(LETTERBOXD, []).encode())
        for _ in range(1024):
            member.write(block)

    path = zipped(tmp_path / "letterboxd.zip", {"diary.csv": gigabyte})
    assert path.stat().st_size < 5 * MB
    message, peak = refused(path)
    assert message == (
        "letterboxd.zip expands to 1024 MB; an import reads at most 50 MB (IMPORT_MAX_BYTES)."
    )
    assert peak < 4 * MB


def test_what_a_zip_expands_to_counts_all_its_members(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 64 * 1024
    half = to_csv(LETTERBOXD, DIARY * 150).encode()
    assert 32 * 1024 < len(half) < 64 * 1024
    path = zipped(tmp_path / "letterboxd.zip", {"diary.csv": half, "ratings.csv": half})
    message, _peak = refused(path)
    assert message == (
        "letterboxd.zip expands to 89 KB; an import reads at most 64 KB (IMPORT_MAX_BYTES)."
    )


def long_line(member, size=40 * MB):
    member.write(b"Date,Name,Year,Letterboxd URI,Rating\r\n")
    chunk = b"a," * (MB // 2)
    for _ in range(size // len(chunk)):
        member.write(chunk)


@pytest.mark.parametrize("inside_a_zip", [True, False])
def test_a_line_of_forty_megabytes_stops_at_the_line_limit(tmp_path, inside_a_zip):
    if inside_a_zip:
        path = zipped(tmp_path / "letterboxd.zip", {"diary.csv": long_line})
        name = "diary.csv"
    else:
        path = tmp_path / "diary.csv"
        with open(path, "wb") as out:
            long_line(out)
        name = "diary.csv"
    message, peak = refused(path)
    assert message == (
        f"{name}, line 2: longer than 1,048,576 characters, the most a line may be "
        "(IMPORT_MAX_LINE_LENGTH); is it a CSV export?"
    )
    assert peak < 16 * MB  # the line's first megabyte (as text), not its forty


def test_a_row_of_too_many_fields_is_refused(tmp_path):
    path = tmp_path / "diary.csv"
    path.write_text(to_csv(LETTERBOXD, DIARY[:1]) + ",".join(["x"] * 5000) + "\r\n")
    message, _peak = refused(path)
    assert message == (
        "diary.csv, line 3: 5,000 fields, more than the 200 a row may have "
        "(IMPORT_MAX_FIELDS); is it a CSV export?"
    )


def test_a_header_of_too_many_fields_is_refused(tmp_path, settings):
    settings.IMPORT_MAX_FIELDS = 20
    path = tmp_path / "diary.csv"
    path.write_text(",".join([*LETTERBOXD, *(f"extra {i}" for i in range(20))]) + "\r\n")
    message, _peak = refused(path, format_name="letterboxd")
    assert message.startswith("diary.csv, line 1: 28 fields, more than the 20 a row may have")


@pytest.mark.django_db
def test_the_rows_of_all_tables_count_together(tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 10
    six = to_csv(LETTERBOXD, (DIARY * 2)[:6]).encode()
    path = zipped(tmp_path / "letterboxd.zip", {"diary.csv": six, "reviews.csv": six})
    message, _peak = refused(path)
    assert message == (
        "letterboxd.zip holds more than 10 rows, the most an import reads "
        "(IMPORT_MAX_ROWS); split it, or raise the setting."
    )
    alone = zipped(tmp_path / "diary.zip", {"diary.csv": six})
    result = import_file(alone, "default", merge=MergeOptions(dry_run=True))
    assert result.file["rows"] == 6


def test_a_zip_of_too_many_files_is_refused_before_its_directory_is_read(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(10_001):
            archive.writestr(f"f{number}", b"")
    message, peak = refused(path)
    assert message == "many.zip holds 10,001 files; an export holds fewer than 10,000."
    assert peak < 1 * MB


def test_a_json_of_a_million_empty_objects_stops_at_the_row_limit(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_bytes(b'{"format": "catalog", "films": [' + b"{}," * 999_999 + b"{}]}")
    message, peak = refused(path)
    assert message == (
        "catalog.json holds more than 100,000 rows, the most an import reads "
        "(IMPORT_MAX_ROWS); split it, or raise the setting."
    )
    assert peak < 8 * MB


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'[{"model": "films.film", "fields": {}}, 5]', "x.json is not a catalog backup (item 2)."),
        (b'[{"model": "films.film"}]', "x.json is not a catalog backup (item 1)."),
        (b'{"format": "catalog", "films": {}}', '"films" in x.json is not a list of rows.'),
        (b'{"format": "catalog", "films": [{}, "x"]}', '"films" in x.json is not a list of rows.'),
        (b'{"format": "catalog", "films": [{"a": [' + b"1," * 100_000 + b"1]}]}",
         "x.json: a row holds more than 100,000 keys and values."),
        (b'{"format": "catalog", "films": [{"release_year": ' + b"9" * 66_000 + b"}]}",
         "x.json holds a number too long to be a catalog's value."),
        (b'{"format": "catalog", "films": [{"release_year": -1e1000000}]}',
         "x.json holds a number too long to be a catalog's value."),
        (b'{"format": "other", "films": []}', "x.json is not a catalog export."),
        (b'{"format": "catalog", "films": [{}', "x.json is not JSON"),
    ],
)  # fmt: skip
def test_a_json_document_not_of_rows_is_refused_with_a_sentence(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    assert refused(path)[0].startswith(message)


@pytest.mark.django_db
def test_long_digits_in_a_text_are_not_a_number(tmp_path):
    path = tmp_path / "x.json"
    row = {"uuid": str(uuid.UUID(int=7)), "title": "1" * 200, "updated_at": "2024-01-01T00:00:00Z"}
    path.write_text(json.dumps({"format": "catalog", "films": [row]}))
    result = import_file(path, "default")
    assert result.file["outcomes"]["added"] == 1
    assert Film.objects.get().title == "1" * 200


def catalog_csv(path, count, padding):
    columns = csv_columns(["films"])
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for i in range(count):
            row = dict.fromkeys(columns, "")
            row.update(
                catalog="films",
                uuid=str(uuid.UUID(int=i + 1)),
                created_at="2024-01-01T00:00:00Z",
                updated_at="2024-01-01T00:00:00Z",
                title=f"Film {i}",
                watch_providers=json.dumps({"US": {"flatrate": [{"provider_name": padding}]}}),
            )
            writer.writerow([row[column] for column in columns])
    return path


def imported_peak(catalog, path):
    tracemalloc.start()
    try:
        # Batches of 200: both files fill the merge's read-ahead (two batches ahead) alike.
        result = import_file(path, catalog.alias, merge=MergeOptions(batch=200))
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_catalog_export_is_imported_a_batch_at_a_time(catalog, tmp_path):
    """Rows of 5 KB each (where to watch): a file of 6,000 (30 MB) takes no more memory to
    import than one of 2,000 (10 MB), but for what the merge keeps of each row (its uuid
    and outcome, some hundreds of bytes), because the rows are read from the file a batch
    at a time, never all held."""
    small = catalog_csv(tmp_path / "small.csv", 2000, "n" * 5000)
    large = catalog_csv(tmp_path / "large.csv", 6000, "n" * 5000)
    assert large.stat().st_size > 28 * MB
    result, small_peak = imported_peak(catalog, small)
    assert result.file["outcomes"]["added"] == 2000
    catalog.objects(Film).all().delete()
    result, large_peak = imported_peak(catalog, large)
    assert result.file["outcomes"]["added"] == 6000
    assert catalog.objects(Film).count() == 6000
    print(f"peak: {small_peak / MB:.1f} MB for 2,000 rows, {large_peak / MB:.1f} MB for 6,000")
    assert large_peak - small_peak < 4000 * 2048  # not the 20 MB more the file holds


def test_the_limits_come_from_the_settings(settings):
    settings.IMPORT_MAX_ROWS = 500
    settings.IMPORT_ADMIN_MAX_ROWS = 100
    assert Limits.from_settings().rows == 500
    preview = Limits.from_settings(preview=True)
    assert (preview.rows, preview.rows_setting) == (100, "IMPORT_ADMIN_MAX_ROWS")
    assert "manage.py import_file x.csv" in str(preview.too_many_rows("x.csv"))
    settings.IMPORT_ADMIN_MAX_ROWS = 1000
    assert Limits.from_settings(preview=True).rows_setting == "IMPORT_MAX_ROWS"


def test_a_file_too_big_to_preview_is_sent_to_import_file(film_editor, settings):
    editor = Client()
    editor.force_login(film_editor)
    settings.IMPORT_ADMIN_MAX_ROWS = 5
    upload = io.BytesIO(to_csv(LETTERBOXD, DIARY * 2).encode())
    upload.name = "diary.csv"
    page = editor.post("/films/admin/films/film/import/", {"file": upload})
    assert page.status_code == 200
    assert (
        "diary.csv holds more than 5 rows, more than a page can preview "
        "(IMPORT_ADMIN_MAX_ROWS); import it with manage.py import_file diary.csv."
    ) in html.unescape(page.content.decode())
    assert "token" not in page.context
    assert not Film.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"x" * 130_000 + b",y\r\n1,2\r\n", "(its columns: " + "x" * 39 + "…, y)"),
        (b"\x00" * 10_000, "(its columns: " + "?" * 39 + "…)"),
        (b"a\x00b,c\r\n1,2\r\n", "is not a CSV, JSON or ZIP file"),
    ],
)
def test_a_refusal_quotes_the_file_briefly_and_plainly(tmp_path, content, expected):
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    message, _peak = refused(path)
    assert expected in message
    assert len(message) < 600
    assert "\x00" not in message
