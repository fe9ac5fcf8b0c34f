"""Flask-era tables as the old site had them (the columns sync/legacy.py reads), filled with
every messy format the owner's real data holds."""

FILMS_DDL = """
CREATE TABLE films (
    id {serial} PRIMARY KEY,
    order_number INTEGER,
    date_seen TEXT,
    title TEXT NOT NULL,
    letter_rating TEXT,
    score INTEGER,
    year_watched TEXT,
    location TEXT,
    format TEXT,
    release_year INTEGER,
    rotten_tomatoes TEXT,
    length_minutes INTEGER,
    rt_per_minute TEXT,
    genres TEXT,
    poster_url TEXT,
    rt_link TEXT,
    a_grade_rank INTEGER,
    {optional}
    created_at TIMESTAMP,
    updated_at TIMESTAMP
)
"""
FILM_OPTIONAL = """
    tmdb_id INTEGER,
    watch_providers TEXT,
    watch_providers_updated_at TIMESTAMP,
    oscar_wins INTEGER,
    oscar_nominations INTEGER,
    spreadsheet_row TEXT,
"""
BOOKS_DDL = """
CREATE TABLE books (
    id {serial} PRIMARY KEY,
    order_number INTEGER,
    date_read TEXT,
    year INTEGER,
    book_name TEXT NOT NULL,
    author TEXT,
    details_commentary TEXT,
    j_rayting TEXT,
    score INTEGER,
    type TEXT,
    pages INTEGER,
    form TEXT,
    notes_in_notion TEXT,
    notion_link TEXT,
    cover_url TEXT,
    google_books_id TEXT,
    isbn TEXT,
    average_rating REAL,
    ratings_count INTEGER,
    published_date TEXT,
    year_written INTEGER,
    description TEXT,
    a_grade_rank INTEGER,
    created_at TIMESTAMP,
    updated_at TIMESTAMP
)
"""

GRADES = [
    ("A+", 20), ("A/A+", 19), ("A", 18), ("A-/A", 17), ("A-", 16), ("B+/A-", 15),
    ("B+", 14), ("B/B+", 13), ("B", 12), ("B-/B", 11), ("B-", 10), ("C+/B-", 9),
    ("C+", 8), ("C/C+", 7), ("C", 6), ("C-", 5), ("D+", 4), ("D", 3),
]  # fmt: skip

# id, date_seen, title, letter_rating, score, year_watched, location, format, release_year,
# rotten_tomatoes, length_minutes, rt_per_minute, genres, poster_url, rt_link, a_grade_rank,
# created_at, updated_at
FILMS = [
    (1, "February 22, 2020", "Parasite", "A", 18, "2020", "San Fran", "Theatre", 2019, "99%",
     133, "74%", "Comedy, Thriller, Drama", "https://image.tmdb.org/t/p/w500/parasite.jpg",
     "https://www.rottentomatoes.com/m/parasite_2019", 3,
     "2025-11-20 00:24:26.008713", "2025-11-21 10:00:00.5"),
    (2, "2025-11-22", "Deer Hunter,The", "A", 18, "", "", "Netflix", 1978, "86%", 183, "47%",
     "Drama, War", "PLACEHOLDER", "http://www.rottentomatoes.com/m/deer_hunter", 1,
     "2025-11-20 00:24:26", None),
    (3, "1990s", "Avengers, The: Age of Ultron", "B-", 14, "Pre-2006", "ATWT", "On-Demand/PPV",
     2015, "no RT score", 141, "NA", "Action, Sci Fi", None, None, None,
     "2025-11-20 00:24:27", None),
    (4, "April-97", "Long  Bright  Film ", "C+", 8, "Pre-2006", "Portola Valley", "VHS", 19,
     "100%", 5, "#VALUE!", "Drama", "", "", None, "2025-11-20 00:24:28", None),
    (5, "December 30, 1899", "Cats", "D", 3, "2020", "", "Netlix", 2019, "0%", 110, "0%",
     "Comedy, Music", "https://image.tmdb.org/t/p/w500/cats.jpg", "", None,
     "2025-11-20 00:24:29", None),
    (6, None, "The Godfather", "A+", 20, "Pre-2006", None, "Disney +", 1972, "97%", 175, "55%",
     "Drama, Crime", "not a url", "https://www.rottentomatoes.com/m/godfather", None,
     None, None),
    (7, "", "Weird Grade", "B plus", 12, "2010", "", "DVD", 2010, "ninety", 95, "", "TV Movie",
     "", "", None, "2025-11-20 00:24:30", None),
]  # fmt: skip

# id, order_number, date_read, year, book_name, author, details_commentary, j_rayting, score,
# type, pages, form, notes_in_notion, notion_link, cover_url, google_books_id, isbn,
# average_rating, ratings_count, published_date, year_written, description, a_grade_rank,
# created_at, updated_at
BOOKS = [
    (1, 12, "February 15, 1999", 1999, "Right Stuff, The", "Wolfe, Tom", "Test pilots.", "A",
     18, "NF/HIST", 436, "Book", "YES", "https://notion.so/right-stuff",
     "https://books.google.com/right-stuff.jpg", "gb1", "9780553381351", 4.2, 1000, "2001-09-04",
     1979, "The story of the Mercury Seven.", 1, "2025-11-20 00:24:26", "2025-11-22 08:00:00"),
    (2, 13, "May-99", 1999, "Innovator's Solution, The: Creating Growth",
     "Christensen, Clayton & Raynor, Michael", "", "B", 10, "NF/BUSIN", None, "kindle", "N/A",
     None, None, "gb2", "9781578518524", None, None, "2003", 2003, None, None,
     "2025-11-20 00:24:27", None),
    (3, None, "2011-06-01", 2011, "Long Bright  Future, A", "Laura Carstensen", None, "B-/B",
     11, "Non-fiction: Social", 368, "Kindle", "NA", "", "", "", "", None, None, "1999-01", None,
     "", None, "2025-11-20 00:24:28", None),
    (4, 14, "2019", 2019, "Right Stuff, The", "Wolfe, Tom", "Re-read.", "A-", 16, "FICT", 436,
     "Audible", "Yes", "", "", "gb1", "9780553381351", None, None, "", None, "", None,
     "2025-11-20 00:24:29", None),
    (5, 14, "sometime", None, "Why Nations Fail", "Acemoglu, Daron and Robinson, James A.",
     "", "Z", 5, "NON-FICT", 0, "Book", "maybe", "notion", "", "", "", 7.5, None, "", None, "",
     None, "2025-11-20 00:24:30", None),
]  # fmt: skip

FILM_COLUMNS = [
    "id", "date_seen", "title", "letter_rating", "score", "year_watched", "location", "format",
    "release_year", "rotten_tomatoes", "length_minutes", "rt_per_minute", "genres",
    "poster_url", "rt_link", "a_grade_rank", "created_at", "updated_at",
]  # fmt: skip
BOOK_COLUMNS = [
    "id", "order_number", "date_read", "year", "book_name", "author", "details_commentary",
    "j_rayting", "score", "type", "pages", "form", "notes_in_notion", "notion_link", "cover_url",
    "google_books_id", "isbn", "average_rating", "ratings_count", "published_date",
    "year_written", "description", "a_grade_rank", "created_at", "updated_at",
]  # fmt: skip


def create_legacy_tables(cursor, *, vendor, optional_columns=True):
    """Create `films` and `books` as the Flask-era site had them."""
    serial = "SERIAL" if vendor == "postgresql" else "INTEGER"
    optional = FILM_OPTIONAL if optional_columns else ""
    cursor.execute(FILMS_DDL.format(serial=serial, optional=optional))
    cursor.execute(BOOKS_DDL.format(serial=serial))


def insert(cursor, table, columns, rows, placeholder="%s"):
    marks = ", ".join([placeholder] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    for row in rows:
        cursor.execute(sql, row)
