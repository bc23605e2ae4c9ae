"""Home quarantine: start, 三包一 team, extension, release, twice-daily check-ins, fever alerts."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.events import emit_work_done
from frontline.core.policy import policy_for
from frontline.people.models import Person
from frontline.quarantine import rules
from frontline.quarantine.models import (
    OPEN_STATUSES,
    SYMPTOM_KEYS,
    AlertStatus,
    CheckIn,
    CheckInSource,
    Household,
    Quarantine,
    QuarantineEvent,
    Returnee,
    Slot,
    Status,
    TeamMember,
    TeamRole,
)

END_STATUSES = (Status.RELEASED, Status.RELEASED_EARLY, Status.REFERRED, Status.TRANSFERRED)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _history(
    q: Quarantine, *, actor, from_status, to_status, reason, old_ends_on=None, new_ends_on=None, at=None
):
    QuarantineEvent.objects.create(
        quarantine=q,
        division_code=q.division_code,
        at=at or clock.now(),
        actor=_user(actor),
        from_status=from_status,
        to_status=to_status,
        reason=reason[:300],
        old_ends_on=old_ends_on,
        new_ends_on=new_ends_on,
    )


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason: it is kept in the history.")})
    return reason


@transaction.atomic
def quarantine_start(
    *,
    actor,
    person: Person,
    returnee: Returnee | None = None,
    household: Household | None = None,
    division_code: str | None = None,
    started_at: dt.datetime | None = None,
    days: int | None = None,
    address: str = "",
    team: dict | None = None,
    reason: str = "",
) -> Quarantine:
    """Put a person under home quarantine for `days` (settings default, 14), the start day being day 1."""
    policy = policy_for(actor)
    policy.require("quarantine.manage")
    code = division_code or (returnee.division_code if returnee else None) or person.division_code
    if household is not None:
        code = household.division_code
    policy.require_covers(code)
    if len(code) not in (12, 15):
        raise ValidationError({"division_code": _("A home quarantine belongs to a village or a grid.")})
    open_one = Quarantine.objects.filter(person=person, status__in=OPEN_STATUSES).first()
    if open_one is not None:
        raise ValidationError(
            {"person": _("Already under home quarantine since %(day)s.") % {"day": open_one.start_date}}
        )
    days = rules.quarantine_days() if days is None else int(days)
    if not 1 <= days <= 60:
        raise ValidationError({"days": _("Between 1 and 60 days.")})
    now = clock.now()
    started_at = started_at or now
    if started_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"started_at": _("The start cannot be in the future.")})
    start_date = timezone.localtime(started_at).date()
    q = Quarantine.objects.create(
        person=person,
        returnee=returnee,
        household=household,
        division_code=code,
        address=(address or (household.address if household else "") or person.address)[:200],
        started_at=started_at,
        start_date=start_date,
        ends_on=start_date + dt.timedelta(days=days - 1),
        status=Status.ACTIVE,
        created_by=_user(actor),
    )
    _history(
        q,
        actor=actor,
        from_status="",
        to_status=Status.ACTIVE,
        reason=(reason or "").strip() or _("Home quarantine started"),
        new_ends_on=q.ends_on,
        at=started_at,
    )
    audit_record(
        actor=actor, action="create", obj=q, detail={"days": days, "returnee": returnee and returnee.pk}
    )
    if team:
        quarantine_team_set(actor=actor, quarantine=q, members=team)
    return q


def _may_serve(q: Quarantine, person: Person) -> bool:
    # A team member works in the quarantine's township or above it (a county cadre, the police station).
    return q.division_code.startswith(person.division_code) or person.division_code.startswith(
        q.division_code[:9]
    )


@transaction.atomic
def quarantine_team_set(*, actor, quarantine: Quarantine, members: dict, users: dict | None = None) -> list:
    """Set the 三包一 team: {role: Person or None} for cadre, doctor, police. Accounts are linked
    from users {role: User} or found through User.person."""
    from frontline.accounts.models import User

    policy = policy_for(actor)
    policy.require("quarantine.manage")
    policy.require_covers(quarantine.division_code)
    users = users or {}
    errors = {}
    for role, person in members.items():
        if role not in TeamRole.values:
            errors[role] = _("Not one of the allowed values.")
        elif person is not None and not _may_serve(quarantine, person):
            errors[role] = _("%(name)s does not work in this township.") % {"name": person.name}
    if errors:
        raise ValidationError(errors)
    linked = {}
    wanted = [p.pk for p in members.values() if p is not None]
    for u in User.objects.filter(person_id__in=wanted, is_active=True).order_by("id"):
        linked.setdefault(u.person_id, u)
    quarantine.team.filter(role__in=list(members)).delete()
    rows = [
        TeamMember(
            quarantine=quarantine,
            role=role,
            person=person,
            user=users.get(role) or linked.get(person.pk),
            division_code=quarantine.division_code,
        )
        for role, person in members.items()
        if person is not None
    ]
    TeamMember.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="update",
        obj=quarantine,
        detail={"team": {role: (p.pk if p else None) for role, p in members.items()}},
    )
    return rows


def _require_open(q: Quarantine):
    if q.status not in OPEN_STATUSES:
        raise ValidationError(
            {
                "quarantine": _(
                    "This home quarantine has ended (%(status)s on %(day)s): nothing more can be recorded."
                )
                % {"status": q.get_status_display(), "day": q.ended_on}
            }
        )


@transaction.atomic
def quarantine_extend(*, actor, quarantine: Quarantine, days: int, reason: str) -> Quarantine:
    policy = policy_for(actor)
    policy.require("quarantine.manage")
    policy.require_covers(quarantine.division_code)
    q = Quarantine.objects.select_for_update().get(pk=quarantine.pk)
    _require_open(q)
    reason = _reason(reason)
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValidationError({"days": _("Enter a whole number.")}) from None
    if not 1 <= days <= 28:
        raise ValidationError({"days": _("Extend by 1 to 28 days.")})
    old, old_status = q.ends_on, q.status
    q.ends_on = old + dt.timedelta(days=days)
    q.status = Status.EXTENDED
    q.save(update_fields=["ends_on", "status"])
    _history(
        q,
        actor=actor,
        from_status=old_status,
        to_status=q.status,
        reason=reason,
        old_ends_on=old,
        new_ends_on=q.ends_on,
    )
    audit_record(actor=actor, action="update", obj=q, detail={"extend_days": days, "ends_on": str(q.ends_on)})
    return q


@transaction.atomic
def quarantine_end(
    *, actor, quarantine: Quarantine, status: str, reason: str, at: dt.datetime | None = None
) -> Quarantine:
    """Release (on or after the planned last day), release early, refer to hospital or transfer to
    central quarantine. Always with a reason; open living-support requests stay for the team to close."""
    policy = policy_for(actor)
    policy.require("quarantine.manage")
    policy.require_covers(quarantine.division_code)
    q = Quarantine.objects.select_for_update().get(pk=quarantine.pk)
    _require_open(q)
    if status not in END_STATUSES:
        raise ValidationError({"status": _("Not one of the allowed values.")})
    reason = _reason(reason)
    now = clock.now()
    at = at or now
    day = timezone.localtime(at).date()
    if at < q.started_at or at > now + dt.timedelta(minutes=5):
        raise ValidationError({"at": _("The end must lie between the start and now.")})
    if status == Status.RELEASED and day < q.ends_on:
        raise ValidationError(
            {
                "status": _("The planned last day is %(day)s: before it, choose early release and say why.")
                % {"day": q.ends_on}
            }
        )
    old_status = q.status
    q.status, q.ended_at, q.ended_on = status, at, day
    q.save(update_fields=["status", "ended_at", "ended_on"])
    _history(q, actor=actor, from_status=old_status, to_status=status, reason=reason, at=at)
    audit_record(actor=actor, action="update", obj=q, detail={"status": status})
    return q


def _parse_slot(q, *, slot, slot_date, taken_at, now):
    if taken_at is None:
        taken_at = now
    elif taken_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"taken_at": _("The time cannot be in the future.")})
    if slot:
        if slot not in Slot.values:
            raise ValidationError({"slot": _("The slot is am (morning) or pm (evening).")})
        day = slot_date or timezone.localtime(taken_at).date()
    else:
        day, slot = rules.slot_of(taken_at)
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            raise ValidationError({"slot_date": _("Enter a date as YYYY-MM-DD.")}) from None
    start, stop = rules.slot_window(day, slot)
    if start > now or stop <= q.started_at or start >= rules.period_end(q):
        raise ValidationError({"slot": _("This slot is not within the quarantine period.")})
    return day, slot, taken_at


@transaction.atomic
def checkin_record(
    *,
    actor,
    quarantine: Quarantine,
    temperature,
    slot: str = "",
    slot_date: dt.date | str | None = None,
    taken_at: dt.datetime | None = None,
    symptoms=(),
    source: str = CheckInSource.TEAM,
    note: str = "",
) -> CheckIn:
    """One temperature for a slot. Team members of the quarantine may record it, and roles allowed to
    check in any quarantine of their jurisdiction; a fever opens an alert; a team visit is work done."""
    policy = policy_for(actor)
    policy.require("quarantine.checkin")
    policy.require_covers(quarantine.division_code)
    q = quarantine
    _require_open(q)
    person_id = getattr(actor, "person_id", None)
    member = next(
        (
            m
            for m in q.team.all()
            if (m.user_id and m.user_id == actor.pk) or (person_id and m.person_id == person_id)
        ),
        None,
    )
    if member is None and not policy.has("quarantine.checkin_any"):
        raise PermissionDenied(_("Only this quarantine's team (三包一) may record its check-ins."))
    if source not in CheckInSource.values:
        raise ValidationError({"source": _("Not one of the allowed values.")})
    temp = rules.parse_temperature(temperature)
    symptoms = list(dict.fromkeys(symptoms or []))
    if any(s not in SYMPTOM_KEYS for s in symptoms):
        raise ValidationError({"symptoms": _("Unknown symptom.")})
    now = clock.now()
    day, slot, taken_at = _parse_slot(q, slot=slot, slot_date=slot_date, taken_at=taken_at, now=now)
    fever = rules.is_fever(temp)
    if fever and "fever" not in symptoms:
        symptoms.insert(0, "fever")
    by_person = None
    if source == CheckInSource.TEAM:
        by_person = member.person if member else getattr(actor, "person", None)
    checkin = CheckIn.objects.create(
        quarantine=q,
        division_code=q.division_code,
        slot_date=day,
        slot=slot,
        taken_at=taken_at,
        temperature=temp,
        symptoms=symptoms,
        source=source,
        by_user=_user(actor),
        by_person=by_person,
        note=(note or "").strip()[:200],
        fever=fever,
        alert_status=AlertStatus.OPEN if fever else AlertStatus.NONE,
        alert_updated_at=now if fever else None,
    )
    audit_record(
        actor=actor,
        action="create",
        obj=checkin,
        detail={"quarantine": q.pk, "slot": f"{day} {slot}", "fever": fever, "source": source},
    )
    if by_person is not None:
        emit_work_done(
            kind="checkin_done",
            person=by_person,
            obj=checkin,
            division_code=q.division_code,
            at=taken_at,
            actor=actor,
        )
    return checkin


@transaction.atomic
def checkin_alert_update(*, actor, checkin: CheckIn, status: str, note: str) -> CheckIn:
    """Follow up a fever alert: being followed up (e.g. doctor visiting) or closed (e.g. re-measured normal,
    referred to the fever clinic), always with what was done."""
    policy = policy_for(actor)
    policy.require("quarantine.alerts")
    policy.require_covers(checkin.division_code)
    if not checkin.fever:
        raise ValidationError({"status": _("This check-in raised no alert.")})
    if status not in (AlertStatus.FOLLOWING, AlertStatus.CLOSED):
        raise ValidationError({"status": _("Not one of the allowed values.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": pgettext("handling", "Say what was done.")})
    checkin.alert_status, checkin.alert_note, checkin.alert_updated_at = status, note[:300], clock.now()
    checkin.save(update_fields=["alert_status", "alert_note", "alert_updated_at"])
    audit_record(actor=actor, action="update", obj=checkin, detail={"alert_status": status})
    return checkin
