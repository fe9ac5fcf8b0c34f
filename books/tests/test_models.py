import datetime

import pytest
from django.core.exceptions import ValidationError

from books.models import Book

pytestmark = pytest.mark.django_db


def test_score_follows_the_grade_on_every_save():
    book = Book.objects.create(title="Moneyball", grade="A-")
    assert book.score == 16
    book.grade = "C+/B-"
    book.save()
    book.refresh_from_db()
    assert book.score == 9


def test_date_read_is_kept_as_written_and_read_for_sorting():
    book = Book.objects.create(title="Bonfire", date_text="May-99")
    book.refresh_from_db()
    assert book.date_text == "May-99"
    assert book.date == datetime.date(1999, 5, 1)
    assert book.date_precision == "month"


def test_author_and_title_display_forms():
    book = Book.objects.create(title="Right Stuff, The", author="Wolfe, Tom")
    assert book.display_title == "The Right Stuff"
    assert book.author_display == "Tom Wolfe"
    assert str(book) == "The Right Stuff by Tom Wolfe"


def test_search_text_finds_author_in_either_order():
    Book.objects.create(title="Right Stuff, The", author="Wolfe, Tom")
    for term in ["tom wolfe", "wolfe, tom", "the right stuff", "right stuff"]:
        assert Book.objects.filter(search_text__contains=term).count() == 1, term


def test_a_reread_is_a_second_row():
    Book.objects.create(title="Right Stuff, The", author="Wolfe, Tom", date_text="1999")
    Book.objects.create(title="Right Stuff, The", author="Wolfe, Tom", date_text="2019")
    assert Book.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("grade", "Z"),
        ("pages", 0),
        ("image_url", "not a url"),
        ("notion_link", "notion"),
        ("average_rating", 5.5),
        ("year", 1850),
    ],
)
def test_validation_rejects_implausible_values(field, value):
    book = Book(title="A title", **{field: value})
    with pytest.raises(ValidationError) as error:
        book.full_clean()
    assert field in error.value.message_dict


def test_a_possible_duplicate_has_the_title_and_author_in_any_spelling():
    there = Book.objects.create(title="Right Stuff, The", author="Wolfe, Tom", year=1999)
    Book.objects.create(title="Right Stuff, The", author="Someone Else")
    Book.objects.create(title="Bonfire of the Vanities, The", author="Wolfe, Tom")
    reread = Book(title="the  right stuff", author="Tom Wolfe", year=2019)
    assert list(Book.objects.possible_duplicates_of(reread)) == [there]
    assert not Book.objects.possible_duplicates_of(there).exists()  # not itself
    assert not Book.objects.possible_duplicates_of(Book(title="", author="Wolfe, Tom")).exists()


def test_the_duplicate_key_follows_every_save():
    book = Book.objects.create(title="Right Stuff, The", author="Wolfe, Tom")
    assert book.duplicate_key == "right stuff|tom wolfe"
    book.author = "Wolfe, Tom & Someone, Else"
    book.save()
    assert Book.objects.get(pk=book.pk).duplicate_key == "right stuff|tom wolfe & else someone"
