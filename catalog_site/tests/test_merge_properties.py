"""The merge contract over random source and target states (hypothesis)."""

import datetime
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog_site.sync.base import Merge, MergeOptions
from catalog_site.sync.catalog import DatabaseReader
from films.models import Film

from .test_merge import T0

UUIDS = [uuid.UUID(int=number + 1) for number in range(8)]
side = st.fixed_dictionaries(
    {
        "title": st.sampled_from(["Up", "Roma", "Amélie", "Deer Hunter,The"]),
        "grade": st.sampled_from(["", "A+", "B", "C-"]),
        "hours": st.integers(min_value=0, max_value=3),
    }
)
states = st.dictionaries(
    st.sampled_from(UUIDS),
    st.tuples(st.none() | side, st.none() | side),
    max_size=len(UUIDS),
)


def fill(database, rows):
    database.objects(Film).all().delete()  # the test's own reset, not the merge
    films = []
    for row_uuid, fields in rows.items():
        hours = fields["hours"]
        film = Film(
            uuid=row_uuid,
            title=fields["title"],
            grade=fields["grade"],
            updated_at=T0 + datetime.timedelta(hours=hours),
        )
        film.derive()
        films.append(film)
    database.objects(Film).bulk_create(films)


def content(row):
    return (row["title"], row["grade"])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(state=states, prefer_source=st.booleans())
def test_merge_properties(make_catalog_pair, state, prefer_source):
    source, target = make_catalog_pair
    fill(source, {key: pair[0] for key, pair in state.items() if pair[0]})
    fill(target, {key: pair[1] for key, pair in state.items() if pair[1]})
    source_rows = source.by_uuid(Film)
    before = target.by_uuid(Film)

    options = MergeOptions(prefer_source=prefer_source)
    report = Merge(DatabaseReader(source.alias), target.alias, [Film], options).run()
    after = target.by_uuid(Film)

    # No target row disappears, and no target row changes its id.
    assert set(before) <= set(after)
    assert all(after[key]["id"] == before[key]["id"] for key in before)
    # Every source uuid is now in the target.
    assert set(source_rows) <= set(after)
    for key, row in source_rows.items():
        old = before.get(key)
        source_wins = old is not None and (row["updated_at"] > old["updated_at"] or prefer_source)
        if old is None or (content(old) != content(row) and source_wins):
            assert content(after[key]) == content(row)
            assert after[key]["updated_at"] == row["updated_at"]
        else:
            # Same content, or a target row as new as or newer than its source twin: untouched.
            assert after[key] == old
    # Target-only rows are untouched.
    for key in set(before) - set(source_rows):
        assert after[key] == before[key]
    films = report["films.film"]
    assert films.preserved == len(set(before) - set(source_rows))
    assert films.inserted == len(set(source_rows) - set(before))

    # A second run changes nothing.
    again = Merge(DatabaseReader(source.alias), target.alias, [Film], options).run()
    assert again.changes == 0
    assert target.by_uuid(Film) == after
