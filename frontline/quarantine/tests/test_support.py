"""Living support: requests from quarantined households, a party member doing 代购, delivery, lateness."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.http import Http404

from frontline.core.events import work_done
from frontline.quarantine import selectors, services
from frontline.quarantine.models import SupportStatus
from frontline.testing import YUANTANG, make_person


def test_request_assign_deliver_credits_the_party_member(users, quarantine, party_member, freeze):
    seen = []

    @receiver(work_done)
    def collect(sender, event, **kwargs):
        seen.append(event)

    try:
        req = services.support_request_create(
            actor=users["yuantang_secretary"],
            quarantine=quarantine,
            kind="medicine",
            items="降压药",
            source="community",
            source_ref="community.order:1",
        )
        assert req.status == SupportStatus.OPEN and req.division_code == YUANTANG
        services.support_request_assign(actor=users["yuantang_secretary"], request=req, person=party_member)
        freeze("2020-02-19", "15:00")
        req = services.support_request_deliver(
            actor=users["yuantang_grid"] if False else users["yuantang_secretary"], request=req
        )
    finally:
        work_done.disconnect(collect)
    assert req.status == SupportStatus.DELIVERED and req.delivered_at.hour == 15
    assert [(e.kind, e.person) for e in seen] == [("support_delivered", party_member)]


def test_assignee_must_be_a_party_member(users, quarantine):
    req = services.support_request_create(
        actor=users["yuantang_secretary"], quarantine=quarantine, kind="supplies", items="大米"
    )
    with pytest.raises(ValidationError) as exc:
        services.support_request_assign(
            actor=users["yuantang_secretary"], request=req, person=make_person(YUANTANG, "群众")
        )
    assert "assignee" in exc.value.message_dict


def test_delivery_needs_an_assignee_and_cancel_needs_a_reason(users, quarantine):
    req = services.support_request_create(
        actor=users["yuantang_secretary"], quarantine=quarantine, kind="supplies", items="大米"
    )
    with pytest.raises(ValidationError):
        services.support_request_deliver(actor=users["yuantang_secretary"], request=req)
    with pytest.raises(ValidationError):
        services.support_request_cancel(actor=users["yuantang_secretary"], request=req, reason="")
    req = services.support_request_cancel(actor=users["yuantang_secretary"], request=req, reason="家属已送达")
    assert req.status == SupportStatus.CANCELLED


def test_ended_quarantine_takes_no_new_requests(users, quarantine):
    services.quarantine_end(
        actor=users["yuantang_secretary"], quarantine=quarantine, status="released_early", reason="x"
    )
    quarantine.refresh_from_db()
    with pytest.raises(ValidationError):
        services.support_request_create(
            actor=users["yuantang_secretary"], quarantine=quarantine, kind="supplies", items="米"
        )


def test_request_is_late_after_the_configured_hours(users, quarantine, freeze, settings):
    settings.FRONTLINE_SUPPORT_LATE_HOURS = 24
    services.support_request_create(
        actor=users["yuantang_secretary"], quarantine=quarantine, kind="supplies", items="米"
    )
    freeze("2020-02-20", "09:59")
    assert selectors.support_list(policy=_policy(users["yuantang_secretary"]), state="late").count() == 0
    freeze("2020-02-20", "10:01")
    assert selectors.support_list(policy=_policy(users["yuantang_secretary"]), state="late").count() == 1


def _policy(user):
    from frontline.core.policy import policy_for

    return policy_for(user)


def test_support_wrong_role_and_wrong_jurisdiction(users, quarantine, neighbour_quarantine):
    with pytest.raises(PermissionDenied):
        services.support_request_create(
            actor=users["yuantang_doctor"], quarantine=quarantine, kind="supplies", items="米"
        )
    with pytest.raises(Http404):
        services.support_request_create(
            actor=users["yuantang_secretary"], quarantine=neighbour_quarantine, kind="supplies", items="米"
        )


def test_web_support_actions_wrong_role_and_jurisdiction(
    client_for, users, quarantine, neighbour_quarantine, party_member
):
    req = services.support_request_create(
        actor=users["yuantang_secretary"], quarantine=quarantine, kind="supplies", items="米"
    )
    other = services.support_request_create(
        actor=users["tangshi_secretary"], quarantine=neighbour_quarantine, kind="supplies", items="米"
    )
    assert client_for("yuantang_doctor").post(f"/quarantine/support/{req.pk}/deliver/").status_code == 403
    assert (
        client_for("yuantang_secretary").post(f"/quarantine/support/{other.pk}/deliver/").status_code == 404
    )
    response = client_for("yuantang_secretary").post(
        f"/quarantine/support/{req.pk}/assign/", {"person": party_member.pk}
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.assignee == party_member
    assert (
        client_for("yuantang_secretary")
        .post(f"/quarantine/quarantines/{quarantine.pk}/support/", {"kind": "medicine", "items": "感冒药"})
        .status_code
        == 302
    )
    assert (
        client_for("yuantang_doctor")
        .post(f"/quarantine/quarantines/{quarantine.pk}/support/", {"kind": "medicine", "items": "感冒药"})
        .status_code
        == 403
    )


def test_api_support_lists_late_and_creates(api_for, users, quarantine, freeze):
    services.support_request_create(
        actor=users["yuantang_secretary"], quarantine=quarantine, kind="supplies", items="米"
    )
    freeze("2020-02-21", "10:00")
    client = api_for("yuantang_secretary")
    body = client.get("/api/v1/support-requests/?state=late").json()
    assert body["count"] == 1 and body["items"][0]["late"] is True
    response = client.post(
        f"/api/v1/quarantines/{quarantine.pk}/support-requests/",
        {"kind": "other", "items": "煤气"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert (
        api_for("tangshi_secretary").get(f"/api/v1/support-requests/{response.json()['id']}").status_code
        == 404
    )
    _ = dt
