"""Generated films and books for the benchmarks: realistic field sizes, varied values."""

import datetime
import uuid

import harness  # noqa: F401  (sets Django up before the models are imported)

from books.models import Book
from films.models import Film

T0 = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
GRADES = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "D"]


# What films stream on, as a TMDB look-up stores it: a few services each.
SERVICES = [["Netflix"], ["Max", "Hulu"], ["Disney Plus"], [], ["Netflix", "Max"]]


def make_film(number):
    film = Film(
        uuid=uuid.uuid4(),
        title=f"Film number {number}, The",
        release_year=1950 + number % 75,
        length_minutes=80 + number % 100,
        genres="Drama, Crime" if number % 2 else "Comedy, Sci Fi",
        date_text=f"February {1 + number % 28}, {2000 + number % 25}",
        year_watched=str(2006 + number % 19),
        location="Portola Valley",
        format="Netflix" if number % 3 else "Theatre",
        grade=GRADES[number % len(GRADES)],
        rotten_tomatoes=number % 101,
        rt_link=f"https://www.rottentomatoes.com/m/film_{number}",
        image_url=f"https://image.tmdb.org/t/p/w500/{number}.jpg",
        watch_providers={"region": "US", "flatrate": SERVICES[number % len(SERVICES)]},
        updated_at=T0,
    )
    film.derive()
    return film


def make_book(number):
    book = Book(
        uuid=uuid.uuid4(),
        title=f"Book number {number}, A",
        author=f"Author{number % 500}, First",
        date_text=f"May-{number % 100:02d}",
        year=1999 + number % 26,
        grade=GRADES[number % len(GRADES)],
        type="NF/BIO" if number % 2 else "FICT",
        format="Kindle",
        pages=100 + number % 600,
        notes="Notes " * 20,
        image_url=f"https://books.google.com/{number}.jpg",
        updated_at=T0,
    )
    book.derive()
    return book
