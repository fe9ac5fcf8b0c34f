"""`field__in_array=[...]`: `IN (...)` that stays fast for thousands of values on PostgreSQL.

The merge looks rows up by a thousand uuids at a time. As `IN (%s, %s, ...)` every value is
a placeholder, and the statement is long and new each time, so it is parsed again and again.
On PostgreSQL the values go as one array parameter instead (`= ANY(%s)`); elsewhere this is
the ordinary `IN`.
"""

import re

from django.db import models
from django.db.models.lookups import In


def array_type(field, connection):
    """The PostgreSQL array type for a field's values, without a length: an explicit cast to
    varchar(300) would cut longer values silently, where assigning them to the column, or
    comparing them, does not."""
    return re.sub(r"\(.*\)", "", field.cast_db_type(connection)) + "[]"


class InArray(In):
    lookup_name = "in_array"

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(value, connection, prepared=True) for value in self.rhs]
        return f"{lhs} = ANY(%s::{array_type(field, connection)})", [*lhs_params, values]


models.UUIDField.register_lookup(InArray)
models.CharField.register_lookup(InArray)
