"""ISBNs as people type them ('0-316-76948-7', '978 0316769488', '="0316769487"'), checked
by their check digit before any provider is asked."""

import re


class InvalidISBN(ValueError):
    """Not an ISBN-10 or ISBN-13; the message is meant for the owner."""


def normalise_isbn(text):
    """The ISBN's digits (and a final X), checked; raises InvalidISBN."""
    digits = re.sub(r"[^0-9Xx]", "", text or "").upper()
    if len(digits) == 10 and re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        if total % 11 == 0:
            return digits
    elif len(digits) == 13 and digits.isdigit():
        total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(digits))
        if total % 10 == 0:
            return digits
    raise InvalidISBN(f"{text!r} is not a valid ISBN (its check digit does not match).")


def isbn13(isbn):
    """The ISBN-13 of a checked ISBN-10 or ISBN-13."""
    if len(isbn) == 13:
        return isbn
    core = f"978{isbn[:9]}"
    check = (10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(core)) % 10) % 10
    return f"{core}{check}"
