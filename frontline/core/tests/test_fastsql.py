"""insert_objects writes what bulk_create would (on SQLite and PostgreSQL alike)."""

import datetime as dt
import uuid

import pytest
from django.db import IntegrityError, transaction

from frontline.audit.models import AuditEvent
from frontline.checkpoints.models import Checkpoint, Registration
from frontline.core import fastsql
from frontline.people.models import Person

pytestmark = pytest.mark.django_db


def test_pks_defaults_auto_now_and_json_round_trip():
    events = [AuditEvent(action="create", object_type="t.x", detail={"n": i, "名": "钟"}) for i in range(3)]
    fastsql.insert_objects(events)
    assert [e.pk for e in events] == sorted(e.pk for e in events) and None not in [e.pk for e in events]
    stored = {e.pk: e for e in AuditEvent.objects.all()}
    for e in events:
        row = stored[e.pk]
        assert row.detail == e.detail and row.count == 1 and row.at == e.at is not None
    assert not events[0]._state.adding


def test_many_rows_are_split_into_statements_within_the_parameter_limit(monkeypatch):
    monkeypatch.setattr(fastsql, "MAX_PARAMS", 40)  # Person has 14 columns: 2 rows a statement
    people = [Person(name=f"p{i}", division_code="360732", id_hash=f"h{i}") for i in range(7)]
    fastsql.insert_objects(people)
    assert Person.objects.filter(pk__in=[p.pk for p in people]).count() == 7
    assert {p.pk: p.id_hash for p in people} == dict(Person.objects.values_list("pk", "id_hash"))


def test_constraint_violation_propagates_and_writes_nothing():
    cp = Checkpoint.objects.create(
        name="卡点", kind="road", division_code="360732", active_from=dt.date(2020, 1, 1)
    )
    same = uuid.uuid4()

    def reg():
        return Registration(
            client_uuid=same,
            checkpoint=cp,
            plate="赣B12345",
            vehicle_type="car",
            direction="in",
            registered_at=dt.datetime(2020, 1, 28, 8, tzinfo=dt.UTC),
            division_code="360732",
        )

    fastsql.insert_objects([reg()])
    with pytest.raises(IntegrityError), transaction.atomic():
        fastsql.insert_objects([reg()])
    assert Registration.objects.get().registered_at == dt.datetime(2020, 1, 28, 8, tzinfo=dt.UTC)


def test_fetch_where_in_converts_like_the_orm():
    """Dates, datetimes, booleans, JSON and nulls come back as the ORM gives them."""
    events = [AuditEvent(action="create", object_type="t.x", detail={"k": [1, "二"]}, ip="10.0.0.1")]
    fastsql.insert_objects(events)
    (fast,) = fastsql.fetch_where_in(AuditEvent, "id", [events[0].pk])
    orm = AuditEvent.objects.get(pk=events[0].pk)
    for f in AuditEvent._meta.concrete_fields:
        assert getattr(fast, f.attname) == getattr(orm, f.attname), f.name
    p = Person(name="钟", division_code="360732", id_hash="hh", birth_date=dt.date(1990, 1, 2))
    fastsql.insert_objects([p])
    (got,) = fastsql.fetch_where_in(Person, "id_hash", ["hh", "missing"])
    assert (
        got.birth_date == dt.date(1990, 1, 2) and got.is_synthetic is False and got.created_at == p.created_at
    )
    assert not got._state.adding and fastsql.fetch_where_in(Person, "id_hash", []) == []
