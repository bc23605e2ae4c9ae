"""people_bulk_upsert and its id-only variants: same people, same protection, few statements."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontline.people.models import Person
from frontline.people.protection import id_hash, phone_hash, reveal
from frontline.people.services import PersonRow, people_bulk_upsert, people_bulk_upsert_ids
from frontline.testing import TANGSHI, YUANTANG, valid_id, valid_mobile


def _rows(n, division=YUANTANG):
    return [
        PersonRow(name=f"人{i}", division_code=division, id_value=valid_id(), phone=valid_mobile())
        for i in range(n)
    ]


def test_new_people_are_protected_like_one_created_alone(db):
    row = _rows(1)[0]
    (pk,) = people_bulk_upsert_ids(rows=[row]).values()
    p = Person.objects.get(pk=pk)
    assert p.id_hash == id_hash(row.id_value) and reveal(p.id_number_enc) == row.id_value
    assert p.id_number_enc.startswith("v2.") and row.id_value not in p.id_number_enc
    assert p.id_masked == row.id_value[:3] + "*" * 11 + row.id_value[-4:]
    assert reveal(p.phone_enc) == row.phone and p.phone_hash == phone_hash(row.phone)
    assert p.phone_masked == row.phone[:3] + "****" + row.phone[-4:]
    assert p.created_at is not None and p.updated_at is not None


def test_known_people_are_found_and_corrected_only_when_asked(db):
    first = _rows(3)
    ids = people_bulk_upsert_ids(rows=first)
    changed = [
        PersonRow(name="改名", division_code=TANGSHI, id_value=r.id_value, phone=valid_mobile())
        for r in first
    ]
    assert people_bulk_upsert_ids(rows=changed, update_existing=False) == ids
    assert set(Person.objects.values_list("name", flat=True)) == {"人0", "人1", "人2"}
    assert people_bulk_upsert_ids(rows=changed) == ids and Person.objects.count() == 3
    for r in changed:
        p = Person.objects.get(id_hash=id_hash(r.id_value))
        assert p.name == "改名" and reveal(p.phone_enc) == r.phone and p.phone_hash == phone_hash(r.phone)
        assert p.division_code == YUANTANG  # where a person lives is not moved by a list


def test_rows_without_an_id_number_are_always_new_people(db):
    rows = [PersonRow(name="无证", division_code=YUANTANG, phone=valid_mobile()) for _ in range(2)]
    assert people_bulk_upsert_ids(rows=rows) == {}
    assert Person.objects.filter(name="无证", id_hash__isnull=True).count() == 2


def test_the_instance_variant_returns_saved_people(db):
    rows = _rows(4)
    found = people_bulk_upsert(rows=rows)
    assert {p.name for p in found.values()} == {r.name for r in rows}
    assert all(p.pk and not p._state.adding for p in found.values())


@pytest.mark.parametrize("update_existing", [True, False])
def test_statements_do_not_grow_with_the_rows(db, update_existing):
    def statements(n):
        rows = _rows(n)
        people_bulk_upsert_ids(rows=rows[: n // 2])  # half of them known already
        for r in rows:
            r.name += "改"
        with CaptureQueriesContext(connection) as ctx:
            people_bulk_upsert_ids(rows=rows, update_existing=update_existing)
        return len(ctx.captured_queries)

    assert statements(4) == statements(400)
