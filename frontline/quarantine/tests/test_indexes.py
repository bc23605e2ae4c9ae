"""The screening table's partial indexes still serve the queries that name a household, a risk rule
or a re-screened record (migration 0004 indexes them only where set, to spare the bulk inserts)."""

import pytest
from django.db import connection

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
