"""Serializer fields the films and books APIs share."""

import re
from operator import attrgetter

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

NO_SCORE = "no RT score"


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "example": "97%",
        "description": "A percentage, or 'no RT score'.",
    }
)
class PercentField(serializers.Field):
    """A percentage stored as a number and shown as the legacy API showed it: '97%', or
    'no RT score'. Accepts 97, '97', '97%', 'no RT score' and null."""

    default_error_messages = {"invalid": "Give a percentage from 0 to 100, like 97 or '97%'."}

    def get_attribute(self, instance):
        # The REST framework shows None as null without asking the field; the legacy API
        # said 'no RT score'.
        value = super().get_attribute(instance)
        return NO_SCORE if value is None else value

    def to_representation(self, value):
        return value if value == NO_SCORE else f"{value}%"

    def to_internal_value(self, data):
        if data is None or (
            isinstance(data, str) and data.strip().lower() in {"", NO_SCORE.lower()}
        ):
            return None
        match = re.fullmatch(r"\s*(\d{1,3})\s*%?\s*", str(data))
        if isinstance(data, bool) or not match or int(match[1]) > 100:
            self.fail("invalid")
        return int(match[1])

    def validate_empty_values(self, data):
        if data is None:
            return True, None
        return super().validate_empty_values(data)


@extend_schema_field({"type": "string", "enum": ["YES", "NO", "N/A"]})
class YesNoField(serializers.Field):
    """A yes/no/unknown stored as a nullable boolean and shown as the legacy API did:
    'YES', 'NO' or 'N/A'. Accepts those words, booleans and null."""

    default_error_messages = {"invalid": "Give YES, NO or N/A."}
    WORDS = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return "N/A" if value is None else value

    def to_representation(self, value):
        return {True: "YES", False: "NO"}.get(value, "N/A")

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        text = str(data).strip().lower()
        if text in {"n/a", "na", ""}:
            return None
        if text not in self.WORDS:
            self.fail("invalid")
        return self.WORDS[text]

    def validate_empty_values(self, data):
        if data is None:
            return True, None
        return super().validate_empty_values(data)


class FlatListSerializer(serializers.ListSerializer):
    """Lists of flat model serializers (no nested or related fields), several times faster.

    The REST framework resolves each field of each row through a chain of generic lookups;
    a catalog list is thousands of rows of plain columns. This reads each attribute
    directly and leaves the rest to each field: the output is the same as the child's.
    """

    def to_representation(self, data):
        readers = []
        for field in self.child._readable_fields:
            plain = type(field).get_attribute is serializers.Field.get_attribute
            getter = attrgetter(field.source) if plain and field.source != "*" else None
            readers.append((field.field_name, getter, field))
        rows = []
        for instance in data.all() if hasattr(data, "all") else data:
            row = {}
            for name, getter, field in readers:
                value = getter(instance) if getter else field.get_attribute(instance)
                row[name] = None if value is None else field.to_representation(value)
            rows.append(row)
        return rows
