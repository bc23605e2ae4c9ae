import pytest
from django.db import DatabaseError, connection, transaction

from frontline.audit.models import AuditEvent
from frontline.audit.services import audit_record, scrub


def test_scrub_masks_whole_identifiers():
    text = scrub({"note": "身份证11010519491231002X 电话13812345678", "list": ["11010519491231002X"]})
    assert "11010519491231002X" not in str(text) and "13812345678" not in str(text)
    assert "110***********002X" in text["note"] and "138****5678" in text["note"]


def test_events_are_append_only(db):
    event = audit_record(actor=None, action="create", object_type="x.y", object_id=1)
    event.detail = {"changed": True}
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(action="delete")


def test_database_refuses_update_even_in_raw_sql(db):
    event = audit_record(actor=None, action="create", object_type="x.y", object_id=1)
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET action = 'delete' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "create"


def test_login_success_and_failure_are_recorded(client, users):
    from frontline.testing import PASSWORD

    client.post("/accounts/login/", {"username": "gaoxing_admin", "password": "wrong"})
    client.post("/accounts/login/", {"username": "gaoxing_admin", "password": PASSWORD})
    actions = list(AuditEvent.objects.filter(actor_username="gaoxing_admin").values_list("action", flat=True))
    assert sorted(actions) == ["login", "login_failed"]
    assert "wrong" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


def test_bulk_event_carries_ids_and_count(db):
    event = audit_record(actor=None, action="bulk_create", object_type="people.person", ids=range(5))
    assert event.count == 5 and event.detail["ids"] == ["0", "1", "2", "3", "4"]


def test_only_county_admin_browses_audit(api_for, client_for, users):
    audit_record(actor=None, action="create", object_type="x.y", object_id=1, division_code="360732104")
    assert api_for("county_admin").get("/api/v1/audit-events/").json()["count"] >= 1
    assert api_for("county_leader").get("/api/v1/audit-events/").status_code == 403
    assert api_for("gaoxing_admin").get("/api/v1/audit-events/").status_code == 403
    assert client_for("county_admin").get("/audit/").status_code == 200
    assert client_for("yuantang_secretary").get("/audit/").status_code == 403


def test_audit_filters(api_for, users):
    audit_record(
        actor=None, action="export", object_type="people.person", object_id=7, division_code="360732104"
    )
    audit_record(
        actor=None, action="create", object_type="people.person", object_id=8, division_code="360732209"
    )
    body = api_for("county_admin").get("/api/v1/audit-events/?action=export").json()
    assert [e["object_id"] for e in body["items"]] == ["7"]
    body = (
        api_for("county_admin")
        .get("/api/v1/audit-events/?division=360732209&object_type=people.person")
        .json()
    )
    assert [e["object_id"] for e in body["items"]] == ["8"]
