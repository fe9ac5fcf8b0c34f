from catalog_site.sync.legacy import LegacyTable, RowReader

COLUMNS = {"id", "name", "theatre", "grade", "score", "date_seen", "a_grade_rank", "updated_at"}


def play_fields(row, notes):
    read = RowReader(row, notes)
    return {**read.shared_fields(TABLE, 300, "grade"), "theatre": read.text("theatre", 200)}


TABLE = LegacyTable("plays", COLUMNS, play_fields, "name", "date_seen")
