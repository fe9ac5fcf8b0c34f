"""The floor of the API benchmark: a bare WSGI function that reads the same rows with the
database driver and answers json.dumps, with no framework at all; the most any Python server
can do on this machine. Served by gunicorn like the site.

    FLOOR_DATABASE=/path/films.db gunicorn floor_app:application   (or a postgres:// URL)
"""

import json
import os
from collections import Counter, defaultdict
from urllib.parse import parse_qs

DATABASE = os.environ["FLOOR_DATABASE"]
POSTGRES = DATABASE.startswith(("postgres://", "postgresql://"))
MARK = "%s" if POSTGRES else "?"
_connection = None


def rows(sql, params=()):
    global _connection
    if _connection is None:
        if POSTGRES:
            import psycopg

            _connection = psycopg.connect(DATABASE, autocommit=True)
        else:
            import sqlite3

            _connection = sqlite3.connect(DATABASE, check_same_thread=False)
    cursor = _connection.execute(sql.replace("?", MARK), params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def by_genre():
    counts, scores = Counter(), defaultdict(list)
    for row in rows("SELECT genres, score FROM films_film"):
        for genre in {g.strip() for g in (row["genres"] or "").split(",") if g.strip()}:
            counts[genre] += 1
            if row["score"] is not None:
                scores[genre].append(row["score"])
    return [
        {"genre": g, "count": n, "avg_score": round(sum(scores[g]) / len(scores[g]), 2)}
        for g, n in counts.most_common()
    ]


def answer(path, query):
    if path == "/api/films":
        search = query.get("search", [""])[0].lower()
        if search:
            return rows("SELECT * FROM films_film WHERE lower(title) LIKE ?", (f"%{search}%",))
        return rows("SELECT * FROM films_film")
    if path.startswith("/api/films/"):
        found = rows("SELECT * FROM films_film WHERE id = ?", (int(path.rsplit("/", 1)[1]),))
        return found[0] if found else None
    if path == "/api/analytics/by-genre":
        return by_genre()
    return None


def application(environ, start_response):
    data = answer(environ["PATH_INFO"], parse_qs(environ.get("QUERY_STRING", "")))
    if data is None:
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"error": "not found"}']
    body = json.dumps(data, default=str).encode()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
