"""Bulk status changes need a second approver; each quarantine keeps its own history."""

import pytest

from frontline.audit.models import AuditEvent
from frontline.quarantine.models import BulkStatusChange, QuarantineEvent, Status
from frontline.quarantine.tests.conftest import make_quarantine
from frontline.testing import TANGSHI, YUANTANG


@pytest.fixture
def due(users, freeze):
    # Started 2020-02-01: the 14 days are up on 2020-02-19.
    return [make_quarantine(YUANTANG, start="2020-02-01", name=f"到期{i}") for i in range(3)]


def _ask(client, due, reason="14天期满，体温正常"):
    return client.post(
        "/quarantine/bulk/", {"quarantine_ids": [q.pk for q in due], "status": "released", "reason": reason}
    )


def test_the_asker_cannot_approve_their_own_request(client_for, due):
    client = client_for("yuantang_secretary")
    assert _ask(client, due).status_code == 302
    change = BulkStatusChange.objects.get()
    client.post(f"/quarantine/bulk/{change.pk}/decide/", {"approve": "1"})
    change.refresh_from_db()
    assert change.state == "pending"
    assert all(q.status == Status.ACTIVE for q in type(due[0]).objects.filter(pk__in=[q.pk for q in due]))


def test_a_second_person_approves_and_each_quarantine_ends_with_history(client_for, due):
    _ask(client_for("yuantang_secretary"), due)
    change = BulkStatusChange.objects.get()
    client_for("yuantang_doctor").post(
        f"/quarantine/bulk/{change.pk}/decide/", {"approve": "1", "note": "核实"}
    )
    change.refresh_from_db()
    assert change.state == "approved" and sorted(change.result["ended"]) == sorted(q.pk for q in due)
    for q in due:
        q.refresh_from_db()
        assert q.status == Status.RELEASED
        event = QuarantineEvent.objects.filter(quarantine=q, to_status=Status.RELEASED).get()
        assert "14天期满" in event.reason and "yuantang_secretary" in event.reason
    assert (
        AuditEvent.objects.filter(object_type="quarantine.bulkstatuschange", action="bulk_update").get().count
        == 3
    )


def test_rejection_changes_nothing(client_for, due):
    _ask(client_for("yuantang_secretary"), due)
    change = BulkStatusChange.objects.get()
    client_for("changgang_admin").post(f"/quarantine/bulk/{change.pk}/decide/", {"approve": "0"})
    change.refresh_from_db()
    assert change.state == "rejected"
    assert not QuarantineEvent.objects.filter(to_status=Status.RELEASED).exists()


def test_wrong_village_and_wrong_role_are_refused(client_for, due, users):
    _ask(client_for("yuantang_secretary"), due)
    change = BulkStatusChange.objects.get()
    assert (
        client_for("tangshi_secretary")
        .post(f"/quarantine/bulk/{change.pk}/decide/", {"approve": "1"})
        .status_code
        == 404
    )
    assert (
        client_for("junchun_admin")
        .post(f"/quarantine/bulk/{change.pk}/decide/", {"approve": "1"})
        .status_code
        == 404
    )
    assert (
        client_for("xgwest_duty").post(f"/quarantine/bulk/{change.pk}/decide/", {"approve": "1"}).status_code
        == 403
    )
    assert client_for("xgwest_duty").get("/quarantine/bulk/").status_code == 403
    change.refresh_from_db()
    assert change.state == "pending"


def test_a_request_needs_a_reason_and_quarantines_of_ones_own_jurisdiction(client_for, due, freeze):
    other = make_quarantine(TANGSHI, start="2020-02-01", name="塘石")
    client = client_for("yuantang_secretary")
    _ask(client, due, reason="")
    _ask(client, [*due, other])
    assert not BulkStatusChange.objects.exists()
