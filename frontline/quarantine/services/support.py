"""Living support (生活保障) for quarantined households: requests, a party member doing 代购, delivery."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.events import emit_work_done
from frontline.core.policy import policy_for
from frontline.people.models import PARTY_KINDS, Membership, Person
from frontline.quarantine.models import (
    OPEN_STATUSES,
    PENDING_SUPPORT,
    Quarantine,
    SupportKind,
    SupportRequest,
    SupportStatus,
)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _load(actor, request: SupportRequest) -> SupportRequest:
    policy = policy_for(actor)
    policy.require("quarantine.support")
    policy.require_covers(request.division_code)
    return SupportRequest.objects.select_for_update().get(pk=request.pk)


def _refuse_if_led_by_order(req: SupportRequest) -> None:
    # A request created by a community produce order follows that order (see support_request_settle).
    if req.produce_order_id is not None:
        raise ValidationError(
            {
                "status": _(
                    "This request is proxy-purchase order %(id)s: deliver or cancel the order, "
                    "and the request follows."
                )
                % {"id": req.produce_order_id}
            }
        )


@transaction.atomic
def support_request_create(
    *,
    actor,
    quarantine: Quarantine,
    kind: str,
    items: str,
    note: str = "",
    source: str = "",
    source_ref: str = "",
) -> SupportRequest:
    """A household under quarantine asks for supplies or medicine. `source`/`source_ref` say where the
    request came from (e.g. "community", "community.produceorder:12") when another module creates it."""
    policy = policy_for(actor)
    policy.require("quarantine.support")
    policy.require_covers(quarantine.division_code)
    if quarantine.status not in OPEN_STATUSES:
        raise ValidationError({"quarantine": _("This home quarantine has ended: no more support requests.")})
    if kind not in SupportKind.values:
        raise ValidationError({"kind": _("Choose supplies, medicine or other.")})
    items = (items or "").strip()
    if not items:
        raise ValidationError({"items": _("List what is needed.")})
    if len(items) > 300:
        raise ValidationError({"items": _("At most %(n)s characters.") % {"n": 300}})
    req = SupportRequest.objects.create(
        quarantine=quarantine,
        division_code=quarantine.division_code,
        kind=kind,
        items=items,
        note=(note or "").strip()[:300],
        source=(source or "")[:30],
        source_ref=(source_ref or "")[:100],
        requested_at=clock.now(),
        requested_by=_user(actor),
    )
    audit_record(
        actor=actor,
        action="create",
        obj=req,
        detail={"kind": kind, "source": source, "source_ref": source_ref},
    )
    return req


def _is_member(person: Person, division_code: str) -> bool:
    return (
        Membership.objects.filter(
            person=person, kind__in=PARTY_KINDS, division_code=division_code[:12]
        ).exists()
        or Membership.objects.filter(
            person=person, kind__in=PARTY_KINDS, division_code=division_code[:9]
        ).exists()
    )


@transaction.atomic
def support_request_assign(*, actor, request: SupportRequest, person: Person) -> SupportRequest:
    """Give the request to a party member of the village (or township) who buys and delivers (党员代购)."""
    req = _load(actor, request)
    if req.status not in PENDING_SUPPORT:
        raise ValidationError(
            {"status": _("This request is already %(status)s.") % {"status": req.get_status_display()}}
        )
    if not _is_member(person, req.division_code):
        raise ValidationError(
            {
                "assignee": _("%(name)s is not a party member of this village or township.")
                % {"name": person.name}
            }
        )
    req.assignee, req.assigned_at, req.status = person, clock.now(), SupportStatus.ASSIGNED
    req.save(update_fields=["assignee", "assigned_at", "status"])
    audit_record(actor=actor, action="update", obj=req, detail={"assignee": person.pk})
    return req


@transaction.atomic
def support_request_deliver(
    *, actor, request: SupportRequest, delivered_at: dt.datetime | None = None
) -> SupportRequest:
    """Delivered to the door: the party member who took it is credited with the work."""
    req = _load(actor, request)
    if req.status not in PENDING_SUPPORT:
        raise ValidationError(
            {"status": _("This request is already %(status)s.") % {"status": req.get_status_display()}}
        )
    _refuse_if_led_by_order(req)
    if req.assignee_id is None:
        raise ValidationError({"assignee": _("Assign the request to a party member first.")})
    now = clock.now()
    delivered_at = delivered_at or now
    if delivered_at < req.requested_at or delivered_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"delivered_at": _("The delivery time must lie between the request and now.")})
    req.delivered_at, req.status = delivered_at, SupportStatus.DELIVERED
    req.save(update_fields=["delivered_at", "status"])
    audit_record(actor=actor, action="update", obj=req, detail={"status": "delivered"})
    emit_work_done(
        kind="support_delivered",
        person=req.assignee,
        obj=req,
        division_code=req.division_code,
        at=delivered_at,
        actor=actor,
    )
    return req


@transaction.atomic
def support_request_cancel(*, actor, request: SupportRequest, reason: str) -> SupportRequest:
    req = _load(actor, request)
    if req.status not in PENDING_SUPPORT:
        raise ValidationError(
            {"status": _("This request is already %(status)s.") % {"status": req.get_status_display()}}
        )
    _refuse_if_led_by_order(req)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason: it is kept in the history.")})
    req.status, req.cancel_reason = SupportStatus.CANCELLED, reason[:200]
    req.save(update_fields=["status", "cancel_reason"])
    audit_record(actor=actor, action="update", obj=req, detail={"status": "cancelled"})
    return req


@transaction.atomic
def support_request_settle(
    *,
    actor,
    request: SupportRequest,
    delivered_at: dt.datetime | None = None,
    person: Person | None = None,
    cancel_reason: str = "",
) -> SupportRequest:
    """Close a request as the module that created it closed its own record (a community produce order
    delivered or cancelled, in the same transaction). Delivered when `delivered_at` is given, else
    cancelled with `cancel_reason`. No work event: the creating module already credits the delivery
    (produce_order_delivered), and a second event would count one delivery twice. A request already
    closed is left as it is."""
    req = _load(actor, request)
    if req.status not in PENDING_SUPPORT:
        return req
    if delivered_at is not None:
        if req.assignee_id is None and person is not None:
            req.assignee, req.assigned_at = person, delivered_at
        req.status, req.delivered_at = SupportStatus.DELIVERED, delivered_at
    else:
        reason = (cancel_reason or "").strip()
        if not reason:
            raise ValidationError({"reason": _("Give the reason: it is kept in the history.")})
        req.status, req.cancel_reason = SupportStatus.CANCELLED, reason[:200]
    req.save(update_fields=["assignee", "assigned_at", "status", "delivered_at", "cancel_reason"])
    audit_record(
        actor=actor,
        action="update",
        obj=req,
        detail={"status": req.status, "source_ref": req.source_ref},
    )
    return req
