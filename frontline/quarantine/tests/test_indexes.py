"""The screening table's partial indexes still serve the queries that name a household, a risk rule
or a re-screened record (migration 0004 indexes them only where set, to spare the bulk inserts)."""

import pytest
from django.db import connection

from frontline import testing
from frontline.quarantine.models import Returnee

pytestmark = pytest.mark.django_db


def _plan(qs) -> str:
    """The plan's text on either database. On PostgreSQL sequential scans are switched off for the
    question (an empty test table is cheapest to scan): the plan then shows whether an index can
    serve the query at all, which is what a partial index's condition decides."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return " ".join(str(row[0]) for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize(
    ("lookup", "index"),
    [
        ({"rescreen_of_id": 1}, "returnee_rescreen_of"),  # a record's re-screenings (its page)
        ({"household_id__in": [1, 2]}, "returnee_household"),  # SET_NULL when households go
        ({"risk_rule_id__in": [3]}, "returnee_risk_rule"),  # SET_NULL when a rule goes
    ],
)
def test_queries_naming_a_value_use_the_partial_index(lookup, index):
    assert index in _plan(Returnee.objects.filter(**lookup).values("id"))


@pytest.mark.parametrize(
    ("table", "column", "index"),
    [
        ("people_person", "id_hash", "person_id_hash_unique"),
        ("quarantine_returnee", "source_ref", "returnee_source_ref"),
    ],
)
def test_hash_and_reference_columns_have_one_index_and_no_like_twin(table, column, index):
    # Compared for equality only; a LIKE (varchar_pattern_ops) twin would be one more index for
    # every imported row to maintain on PostgreSQL (people 0003, quarantine 0005).
    on_column = {name: d for name, d in testing.index_definitions(table).items() if column in d}
    assert list(on_column) == [index], on_column


def test_the_lookups_use_those_indexes():
    from frontline.people.models import Person

    # Without the models' default ordering, which lets PostgreSQL pick an index for the sort instead.
    by_hash = _plan(Person.objects.filter(id_hash="0" * 64).order_by().values("id"))
    by_ref = _plan(Returnee.objects.filter(source_ref="checkpoints.registration:1").order_by().values("id"))
    if connection.vendor == "postgresql":
        assert "person_id_hash_unique" in by_hash and "returnee_source_ref" in by_ref, (by_hash, by_ref)
    else:  # SQLite names a table's own UNIQUE constraint's index sqlite_autoindex_…
        assert "INDEX sqlite_autoindex_people_person" in by_hash and "(id_hash=?)" in by_hash, by_hash
        assert "INDEX returnee_source_ref" in by_ref, by_ref
