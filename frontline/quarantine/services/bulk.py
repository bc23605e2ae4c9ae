"""Bulk status changes of quarantines with a second approver (four-eyes rule)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.policy import policy_for
from frontline.quarantine.models import OPEN_STATUSES, BulkState, BulkStatusChange, Quarantine
from frontline.quarantine.services.quarantine import END_STATUSES, quarantine_end

MIN_BULK = 2


@transaction.atomic
def bulk_status_request(
    *, actor, quarantine_ids: list[int], status: str, reason: str, division_code: str
) -> BulkStatusChange:
    policy = policy_for(actor)
    policy.require("quarantine.manage")
    policy.require_covers(division_code)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why these quarantines end.")})
    if status not in END_STATUSES:
        raise ValidationError({"status": _("Not one of the allowed values.")})
    ids = sorted({int(i) for i in quarantine_ids})
    found = list(
        policy.scope(
            Quarantine.objects.filter(
                pk__in=ids, status__in=OPEN_STATUSES, division_code__startswith=division_code
            )
        ).values_list("pk", flat=True)
    )
    if len(found) != len(ids):
        raise ValidationError(
            {"quarantine_ids": _("Some of these quarantines are not open in your jurisdiction.")}
        )
    if len(found) < MIN_BULK:
        raise ValidationError(
            {"quarantine_ids": _("Choose at least two quarantines; end a single one on its page.")}
        )
    change = BulkStatusChange.objects.create(
        division_code=division_code,
        status=status,
        reason=reason,
        quarantine_ids=found,
        requested_by=actor,
        requested_at=clock.now(),
    )
    audit_record(actor=actor, action="create", obj=change, ids=found, detail={"status": status})
    return change


@transaction.atomic
def bulk_status_decide(*, actor, change: BulkStatusChange, approve: bool, note: str = "") -> BulkStatusChange:
    policy = policy_for(actor)
    policy.require("quarantine.manage")
    policy.require_covers(change.division_code)
    change = BulkStatusChange.objects.select_for_update().get(pk=change.pk)
    if change.state != BulkState.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if change.requested_by_id == actor.pk:
        raise ValidationError(_("A second person must approve a bulk status change: you asked for this one."))
    ended, errors = [], {}
    if approve:
        requester = change.requested_by.display_name or change.requested_by.get_username()
        approver = actor.display_name or actor.get_username()
        reason = _("%(reason)s (bulk change asked by %(requester)s, approved by %(approver)s)") % {
            "reason": change.reason,
            "requester": requester,
            "approver": approver,
        }
        for q in Quarantine.objects.filter(pk__in=change.quarantine_ids).order_by("pk"):
            try:
                with transaction.atomic():
                    quarantine_end(actor=actor, quarantine=q, status=change.status, reason=reason)
                ended.append(q.pk)
            except ValidationError as exc:
                errors[str(q.pk)] = "; ".join(exc.messages)
    change.state = BulkState.APPROVED if approve else BulkState.REJECTED
    change.decided_by, change.decided_at, change.decision_note = actor, clock.now(), (note or "").strip()
    change.result = {"ended": ended, "errors": errors}
    change.save(update_fields=["state", "decided_by", "decided_at", "decision_note", "result"])
    audit_record(
        actor=actor,
        action="bulk_update" if approve else "update",
        obj=change,
        ids=ended,
        detail={"state": change.state, "errors": len(errors)},
    )
    return change
