"""Who is changing the catalog: the actor and run that the history triggers record.

The triggers (db/history.py) read them from the database session: on PostgreSQL two custom
settings (`catalog.actor`, `catalog.run`), on SQLite two functions this process registers on
each of its connections. `acting()` sets both for the duration of a block; outside one, a
change is recorded with no actor (code or SQL outside a request or run).
"""

import contextlib
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

ACTOR = ContextVar("catalog_history_actor", default="")
RUN = ContextVar("catalog_history_run", default=None)


def _tell_postgresql(connection, actor, run):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('catalog.actor', %s, false), set_config('catalog.run', %s, false)",
            [actor, str(run) if run else ""],
        )


@contextlib.contextmanager
def acting(actor, *, run=None, using=DEFAULT_DB_ALIAS):
    """Record the changes made in this block as `actor` ("admin:alice", "api:bot",
    "sync_to_postgres"), and as part of `run` (a Run id) if given."""
    tokens = ACTOR.set(actor), RUN.set(run)
    connection = connections[using]
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        _tell_postgresql(connection, actor, run)
    try:
        yield
    finally:
        ACTOR.reset(tokens[0])
        RUN.reset(tokens[1])
        if postgresql:
            # Inside a transaction that is rolled back, the setting goes back by itself.
            with contextlib.suppress(DatabaseError):
                _tell_postgresql(connection, ACTOR.get(), RUN.get())


def register_sqlite_functions(connection):
    """The functions SQLite's history triggers call, on one new connection."""
    raw = connection.connection
    raw.create_function("catalog_actor", 0, lambda: ACTOR.get(), deterministic=False)
    raw.create_function(
        "catalog_run", 0, lambda: RUN.get().hex if RUN.get() else None, deterministic=False
    )
