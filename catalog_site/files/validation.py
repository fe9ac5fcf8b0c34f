"""A row's values checked as the admin's form checks them, before an import writes them: a
file must not store what a person could not type in (a `javascript:` address, grade `Z`, a
year 99999, a title of 5,000 characters or none), nor what PostgreSQL refuses on the write
after the preview said it would be added (a NUL character), losing the whole file.
"""

import json
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models

URL_SCHEMES = {"http", "https"}


def field_problem(field, value):
    """Why the catalog cannot hold `value` in `field`, or None."""
    if value in ("", None):
        return None if field.blank else "is required"
    text = json.dumps(value) if isinstance(field, models.JSONField) else value
    if isinstance(text, str) and ("\x00" in text or "\\u0000" in text):
        return "holds a NUL character"
    if field.choices and value not in {choice for choice, _label in field.flatchoices}:
        return f"{value!r} is not one of its choices"
    try:
        field.run_validators(value)
    except ValidationError as error:
        return error.messages[0]
    if isinstance(field, models.URLField) and urlsplit(value).scheme.lower() not in URL_SCHEMES:
        return f"{value!r} is not an http or https address"
    return None
