"""Writes to checkpoints, shifts, rosters, alerts and the high-risk area list. Registrations are in
registration.py (one service for the web page, the API and the Excel import)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from frontline.audit.services import audit_record
from frontline.checkpoints.models import (
    Alert,
    AlertStatus,
    Checkpoint,
    CheckpointKind,
    HighRiskArea,
    Shift,
    ShiftAssignment,
)
from frontline.checkpoints.shifts import parse_shift_starts, slot_covering
from frontline.core import clock
from frontline.core.events import emit_work_done
from frontline.core.policy import policy_for
from frontline.people.models import Organization, Person
from frontline.regions.models import Division


def _checkpoint_fields(
    policy, *, name, kind, division_code, location, responsible, active_from, active_to, shift_starts
):
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = pgettext("thing", "Name is required.")
    elif len(name) > 100:
        errors["name"] = _("At most %(n)s characters.") % {"n": 100}
    if kind not in CheckpointKind.values:
        errors["kind"] = _("Not one of the allowed values.")
    if not Division.objects.filter(code=division_code).exclude(level="grid").exists():
        errors["division_code"] = _("Unknown division %(code)s.") % {"code": division_code}
    if (
        responsible is not None
        and not policy.covers(responsible.division_code)
        and not (division_code or "").startswith(responsible.division_code)
    ):
        errors["responsible_id"] = _("That organization is outside your jurisdiction.")
    if active_to and active_from and active_to < active_from:
        errors["active_to"] = _("The end date is before the start date.")
    try:
        starts = parse_shift_starts(shift_starts) if shift_starts is not None else None
    except ValidationError as exc:
        errors["shift_starts"] = exc.messages[0]
        starts = None
    if errors:
        raise ValidationError(errors)
    return name, starts


@transaction.atomic
def checkpoint_create(
    *,
    actor,
    name: str,
    division_code: str,
    kind: str = CheckpointKind.ROAD,
    location: str = "",
    responsible: Organization | None = None,
    active_from: dt.date | None = None,
    active_to: dt.date | None = None,
    shift_starts=None,
) -> Checkpoint:
    policy = policy_for(actor)
    policy.require("checkpoints.manage")
    policy.require_covers(division_code)
    name, starts = _checkpoint_fields(
        policy,
        name=name,
        kind=kind,
        division_code=division_code,
        location=location,
        responsible=responsible,
        active_from=active_from or clock.today(),
        active_to=active_to,
        shift_starts=shift_starts,
    )
    if Checkpoint.objects.filter(division_code=division_code, name=name).exists():
        raise ValidationError({"name": _("A checkpoint with this name already exists here.")})
    cp = Checkpoint.objects.create(
        name=name,
        kind=kind,
        division_code=division_code,
        location=(location or "").strip()[:200],
        responsible=responsible,
        active_from=active_from or clock.today(),
        active_to=active_to,
        **({"shift_starts": starts} if starts else {}),
    )
    audit_record(actor=actor, action="create", obj=cp, detail={"name": cp.name, "kind": kind})
    return cp


@transaction.atomic
def checkpoint_update(
    *,
    actor,
    checkpoint: Checkpoint,
    name: str | None = None,
    kind: str | None = None,
    location: str | None = None,
    active_to: dt.date | None = None,
    close: bool = False,
    shift_starts=None,
) -> Checkpoint:
    policy = policy_for(actor)
    policy.require("checkpoints.manage")
    policy.require_covers(checkpoint.division_code)
    new_name, starts = _checkpoint_fields(
        policy,
        name=name if name is not None else checkpoint.name,
        kind=kind or checkpoint.kind,
        division_code=checkpoint.division_code,
        location=location,
        responsible=None,
        active_from=checkpoint.active_from,
        active_to=None if close else active_to,
        shift_starts=shift_starts,
    )
    changed = []
    if new_name != checkpoint.name:
        checkpoint.name = new_name
        changed.append("name")
    if kind and kind != checkpoint.kind:
        checkpoint.kind = kind
        changed.append("kind")
    if location is not None and location.strip() != checkpoint.location:
        checkpoint.location = location.strip()[:200]
        changed.append("location")
    if close or active_to is not None:
        checkpoint.active_to = active_to or clock.today()
        changed.append("active_to")
    if starts and starts != checkpoint.shift_starts:
        checkpoint.shift_starts = starts
        changed.append("shift_starts")
    if changed:
        checkpoint.save()
        audit_record(actor=actor, action="update", obj=checkpoint, detail={"fields": changed})
    return checkpoint


def shift_ensure(*, checkpoint: Checkpoint, start: dt.datetime, end: dt.datetime) -> Shift:
    """The Shift row of a slot, created on first use (rosters are sparse; patterns make the slots)."""
    shift = Shift.objects.filter(checkpoint=checkpoint, start=start).first()
    if shift is not None:
        return shift
    try:
        with transaction.atomic():
            return Shift.objects.create(
                checkpoint=checkpoint, start=start, end=end, division_code=checkpoint.division_code
            )
    except IntegrityError:
        return Shift.objects.get(checkpoint=checkpoint, start=start)


@transaction.atomic
def shift_assign(
    *, actor, checkpoint: Checkpoint, at: dt.datetime, person: Person, is_leader: bool = False
) -> ShiftAssignment:
    """Put a person on the shift covering `at` (the leader flag moves to them if set)."""
    policy = policy_for(actor)
    policy.require("checkpoints.manage")
    policy.require_covers(checkpoint.division_code)
    policy.require_covers(person.division_code)
    start, end = slot_covering(checkpoint.shift_starts, at)
    shift = shift_ensure(checkpoint=checkpoint, start=start, end=end)
    from frontline.accounts.models import User

    user = User.objects.filter(person=person, is_active=True).order_by("id").first()
    assignment, created = ShiftAssignment.objects.get_or_create(
        shift=shift,
        person=person,
        defaults={"user": user, "is_leader": is_leader, "division_code": checkpoint.division_code},
    )
    if is_leader:
        shift.assignments.exclude(pk=assignment.pk).filter(is_leader=True).update(is_leader=False)
        if not assignment.is_leader:
            assignment.is_leader = True
            assignment.save(update_fields=["is_leader"])
    if created or is_leader:
        audit_record(
            actor=actor,
            action="create" if created else "update",
            obj=assignment,
            detail={"shift": shift.pk, "person": person.pk, "leader": assignment.is_leader},
        )
    return assignment


@transaction.atomic
def shift_unassign(*, actor, assignment: ShiftAssignment) -> None:
    policy = policy_for(actor)
    policy.require("checkpoints.manage")
    policy.require_covers(assignment.division_code)
    if assignment.checked_in_at:
        raise ValidationError(_("This member has already checked in; check them out instead."))
    audit_record(actor=actor, action="delete", obj=assignment, detail={"shift": assignment.shift_id})
    assignment.delete()


def _own_or_managed(policy, actor, assignment: ShiftAssignment) -> None:
    policy.require("checkpoints.duty")
    policy.require_covers(assignment.division_code)
    own = assignment.user_id == actor.pk or (
        getattr(actor, "person_id", None) and assignment.person_id == actor.person_id
    )
    if not own and not policy.has("checkpoints.manage"):
        raise PermissionDenied("not your shift")


@transaction.atomic
def shift_check_in(*, actor, assignment: ShiftAssignment, at: dt.datetime | None = None) -> ShiftAssignment:
    policy = policy_for(actor)
    _own_or_managed(policy, actor, assignment)
    at = at or clock.now()
    if assignment.checked_in_at:
        return assignment
    shift = assignment.shift
    if at < shift.start - dt.timedelta(hours=1) or at >= shift.end:
        raise ValidationError(_("You can check in from one hour before the shift until it ends."))
    assignment.checked_in_at = at
    assignment.save(update_fields=["checked_in_at"])
    audit_record(actor=actor, action="update", obj=assignment, detail={"check_in": at.isoformat()})
    return assignment


@transaction.atomic
def shift_check_out(*, actor, assignment: ShiftAssignment, at: dt.datetime | None = None) -> ShiftAssignment:
    """Check out; the served shift is announced as work done (十带头 deeds, cadre profiles)."""
    policy = policy_for(actor)
    _own_or_managed(policy, actor, assignment)
    at = at or clock.now()
    if assignment.checked_out_at:
        return assignment
    if not assignment.checked_in_at:
        raise ValidationError(_("Check in before checking out."))
    if at < assignment.checked_in_at:
        raise ValidationError(_("Check-out cannot be before check-in."))
    assignment.checked_out_at = at
    assignment.save(update_fields=["checked_out_at"])
    audit_record(actor=actor, action="update", obj=assignment, detail={"check_out": at.isoformat()})
    emit_work_done(
        kind="shift_served",
        person=assignment.person,
        obj=assignment,
        division_code=assignment.division_code,
        at=at,
        actor=actor,
    )
    return assignment


@transaction.atomic
def alert_update(*, actor, alert: Alert, status: str, note: str) -> Alert:
    """Follow an alert up: a new status and a note saying what was done (both required)."""
    policy = policy_for(actor)
    policy.require("checkpoints.alerts_handle")
    policy.require_covers(alert.division_code)
    errors = {}
    if status not in AlertStatus.values or status == AlertStatus.OPEN and alert.status == AlertStatus.OPEN:
        errors["status"] = _("Choose what was done.")
    note = (note or "").strip()
    if not note:
        errors["note"] = _("Write a note saying what was done.")
    if errors:
        raise ValidationError(errors)
    previous = alert.status
    alert.status = status
    stamp = clock.now()
    alert.note = (alert.note + "\n" if alert.note else "") + f"[{stamp:%m-%d %H:%M} {actor}] {note}"[:1000]
    alert.handled_by = actor
    alert.handled_at = stamp
    alert.save(update_fields=["status", "note", "handled_by", "handled_at"])
    audit_record(actor=actor, action="update", obj=alert, detail={"status": [previous, status]})
    return alert


@transaction.atomic
def high_risk_area_create(
    *, actor, code: str, name: str, valid_from: dt.date, valid_to: dt.date | None = None, note: str = ""
) -> HighRiskArea:
    policy = policy_for(actor)
    policy.require("checkpoints.risk_areas")
    code = (code or "").strip()
    errors = {}
    if not code.isdigit() or len(code) not in (2, 4, 6):
        errors["code"] = _("An area code has 2 (province), 4 (city) or 6 (county) digits.")
    if not (name or "").strip():
        errors["name"] = pgettext("thing", "Name is required.")
    if valid_to and valid_to < valid_from:
        errors["valid_to"] = _("The end date is before the start date.")
    if errors:
        raise ValidationError(errors)
    area = HighRiskArea.objects.create(
        code=code,
        name=name.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
        division_code=policy.prefix,
    )
    audit_record(actor=actor, action="create", obj=area, detail={"code": code, "name": area.name})
    return area
