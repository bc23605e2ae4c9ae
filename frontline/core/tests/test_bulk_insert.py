"""core.bulk_insert: raw multi-row INSERTs must store exactly what the ORM would, in any batch size."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from frontline.core import bulk_insert
from frontline.core.bulk_insert import insert_rows, select_in
from frontline.people.models import Person
from frontline.quarantine.models import Campaign, Returnee
from frontline.testing import YUANTANG

PERSON_FIELDS = ("name", "division_code", "id_hash", "gender", "birth_date", "address", "is_synthetic")


def _person(i):
    return (
        f"人{i}",
        YUANTANG,
        f"{i:064d}",
        "MF"[i % 2],
        dt.date(1990, 1, 1) + dt.timedelta(days=i),
        "",
        False,
    )


@pytest.mark.parametrize("batch", [1, 3, 1000])
def test_rows_come_back_in_order_whatever_the_batch(db, monkeypatch, batch):
    monkeypatch.setattr(bulk_insert, "MAX_ROWS_PER_STATEMENT", batch)
    rows = [_person(i) for i in range(7)]
    back = insert_rows(Person, PERSON_FIELDS, rows, returning=("id", "id_hash"))
    assert [h for _pk, h in back] == [r[2] for r in rows]
    stored = Person.objects.in_bulk([pk for pk, _h in back])
    for (pk, _h), row in zip(back, rows, strict=True):
        assert tuple(getattr(stored[pk], f) for f in PERSON_FIELDS) == row
        # Columns not named get the ORM's defaults: "" for text, now for auto_now(_add).
        assert stored[pk].id_number_enc == "" and stored[pk].created_at is not None


def test_a_returnee_row_reads_back_as_the_orm_would_have_saved_it(db):
    person = Person.objects.create(name="返乡人", division_code=YUANTANG)
    campaign = Campaign.objects.create(name="摸排", division_code="360732", starts_on=dt.date(2020, 1, 20))
    at = timezone.make_aware(dt.datetime(2020, 2, 19, 10, 30))
    values = {
        "campaign_id": campaign.pk,
        "person_id": person.pk,
        "id_hash": "a" * 64,
        "division_code": YUANTANG,
        "returned_from_code": "4201",
        "returned_from_text": "湖北武汉",
        "return_date": dt.date(2020, 1, 28),
        "travel_mode": "train",
        "travel_number": "G1234",
        "contact": "none",
        "symptoms": ["fever", "cough"],
        "temperature": Decimal("38.2"),
        "source": "big_data",
        "source_ref": "imports",
        "risk_class": "referral",
        "rescreen_reason": "",
        "screened_at": at,
    }
    orm = Returnee.objects.create(**values)
    values["id_hash"] = "b" * 64
    ((pk,),) = insert_rows(Returnee, tuple(values), [tuple(values.values())], returning=("id",))
    raw = Returnee.objects.get(pk=pk)
    skip = {"id", "id_hash"}
    assert {k: v for k, v in model_to_dict(raw).items() if k not in skip} == {
        k: v for k, v in model_to_dict(orm).items() if k not in skip
    }
    assert raw.screened_at == at and raw.temperature == Decimal("38.2") and raw.symptoms == ["fever", "cough"]


def test_the_database_constraints_still_judge(db):
    insert_rows(Person, PERSON_FIELDS, [_person(1)])
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Person, PERSON_FIELDS, [_person(2), _person(1)])
    assert Person.objects.count() == 1


def test_a_row_of_the_wrong_width_is_refused(db):
    with pytest.raises(ValueError, match="7 fields"):
        insert_rows(Person, PERSON_FIELDS, [_person(1)[:-1]])


def test_select_in_splits_long_lists(db, monkeypatch):
    insert_rows(Person, PERSON_FIELDS, [_person(i) for i in range(25)])
    monkeypatch.setattr(bulk_insert, "max_params", lambda conn=None: 14)  # 4 values a statement
    wanted = [f"{i:064d}" for i in range(0, 25, 2)]
    found = select_in(
        "SELECT id_hash FROM people_person WHERE name <> %s AND id_hash {in_values}", wanted, fixed=["x"]
    )
    assert sorted(h for (h,) in found) == wanted


def test_constants_are_stored_on_every_row_and_halves_can_run_apart(db):
    """Inserter: prepare() (no database) and execute() (the database) in two steps, with columns
    the same for every row given once."""
    when = timezone.make_aware(dt.datetime(2020, 2, 19, 8, 0))
    inserter = bulk_insert.Inserter(
        Person,
        ("name", "division_code", "id_hash"),
        returning=("id", "id_hash"),
        constants={"is_synthetic": True, "created_at": when, "birth_date": dt.date(1990, 5, 6)},
    )
    prepared = [inserter.prepare((f"人{i}", YUANTANG, f"{i:064d}")) for i in range(3)]
    back = inserter.execute(prepared)
    assert [h for _pk, h in back] == [f"{i:064d}" for i in range(3)]
    for p in Person.objects.filter(pk__in=[pk for pk, _h in back]):
        assert p.is_synthetic and p.created_at == when and p.birth_date == dt.date(1990, 5, 6)
    with pytest.raises(ValueError, match="3 fields"):
        inserter.prepare(("人", YUANTANG, "x" * 64, True))


def test_select_in_finds_each_value_once_even_when_asked_twice(db):
    insert_rows(Person, PERSON_FIELDS, [_person(i) for i in range(5)])
    wanted = [f"{i:064d}" for i in (1, 3, 1, 3, 4)]
    found = select_in("SELECT id_hash FROM people_person WHERE id_hash {in_values}", wanted)
    assert sorted(h for (h,) in found) == [f"{i:064d}" for i in (1, 3, 4)]


def test_select_in_probes_the_index_even_in_a_transaction_that_grew_the_table_unseen(db):
    # What an import's transaction looks like to the planner: thousands of rows written in it, no
    # statistics about them. Each wanted value must still be one probe of the id_hash index, not a
    # read of every row written so far (PostgreSQL chose a sequential scan for `= ANY(%s)` here).
    insert_rows(Person, PERSON_FIELDS, [_person(i) for i in range(20_000)])
    wanted = [f"{i:064d}" for i in range(0, 20_000, 20)]
    sql = "SELECT id_hash, id FROM people_person WHERE id_hash {in_values}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            probes, params = bulk_insert._pg_probes(sql, wanted, ())
            cursor.execute("EXPLAIN " + probes, params)
        else:
            cursor.execute(
                "EXPLAIN QUERY PLAN " + sql.format(in_values="IN (" + ", ".join(["%s"] * 100) + ")"),
                wanted[:100],
            )
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "Seq Scan" not in plan and "SCAN people_person" not in plan, plan
    assert "Index Scan" in plan or "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
    assert len(select_in(sql, wanted)) == len(wanted)
