"""The screening table's partial indexes still serve the queries that name a household, a risk rule
or a re-screened record (migration 0004 indexes them only where set, to spare the bulk inserts)."""

import pytest
from django.db import connection

from frontline.quarantine.models import Returnee

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN"),
]


def _plan(qs) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
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
