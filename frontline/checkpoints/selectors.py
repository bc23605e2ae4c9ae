"""Every read of checkpoints, shifts, registrations and alerts: scoped by the policy, masked by
construction (identifiers come from Person.id_masked / Occupant.phone_masked; nothing decrypts)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from frontline.checkpoints.models import (
    Alert,
    AlertStatus,
    Checkpoint,
    Occupant,
    Registration,
    Shift,
    ShiftAssignment,
)
from frontline.checkpoints.shifts import slots_between
from frontline.core import clock
from frontline.core.policy import Policy


def _local_date():
    return TruncDate("registered_at", tzinfo=timezone.get_current_timezone())


def active_q(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}active_from__lte": day}) & (
        Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": day})
    )


def checkpoint_list(*, policy: Policy, active_on: dt.date | None = None, kind: str = ""):
    policy.require("checkpoints.view")
    qs = policy.scope(Checkpoint.objects.select_related("responsible"))
    if active_on:
        qs = qs.filter(active_q(active_on))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("division_code", "name")


def checkpoint_get(*, policy: Policy, pk: int) -> Checkpoint:
    policy.require("checkpoints.view")
    return policy.get_or_404(Checkpoint.objects.select_related("responsible"), pk=pk)


def checkpoints_for_registration(*, policy: Policy, actor, at: dt.datetime):
    """Where the user may register now: all active ones in the jurisdiction for admins, the
    checkpoints of the current shift for duty members."""
    if not policy.has("checkpoints.register"):
        return Checkpoint.objects.none()
    qs = policy.scope(Checkpoint.objects.all()).filter(active_q(timezone.localtime(at).date()))
    if not policy.has("checkpoints.manage"):
        who = Q(user_id=actor.pk)
        if getattr(actor, "person_id", None):
            who |= Q(person_id=actor.person_id)
        on = ShiftAssignment.objects.filter(
            who, shift__checkpoint=OuterRef("pk"), shift__start__lte=at, shift__end__gt=at
        )
        qs = qs.filter(Exists(on))
    return qs.order_by("name")


def registration_list(
    *,
    policy: Policy,
    checkpoint: int | None = None,
    day: dt.date | None = None,
    alerts_only: bool = False,
    plate: str = "",
):
    policy.require("checkpoints.view")
    qs = policy.scope(Registration.objects.select_related("checkpoint"))
    if checkpoint:
        qs = qs.filter(checkpoint_id=checkpoint)
    if day:
        start, end = clock.local_day_bounds(day)
        qs = qs.filter(registered_at__gte=start, registered_at__lt=end)
    if alerts_only:
        qs = qs.filter(Exists(Alert.objects.filter(registration=OuterRef("pk"))))
    if plate:
        qs = qs.filter(plate__startswith=plate)
    return qs.prefetch_related(
        Prefetch("occupants", queryset=Occupant.objects.select_related("person").order_by("position")),
        "alerts",
    ).order_by("-registered_at", "-id")


def registration_get(*, policy: Policy, pk: int) -> Registration:
    return policy.get_or_404(registration_list(policy=policy), pk=pk)


def occupant_rows(*, policy: Policy, checkpoint: int | None = None, day: dt.date | None = None):
    """One row per person registered (for the xlsx export)."""
    policy.require("checkpoints.view")
    qs = policy.scope(Occupant.objects.select_related("registration__checkpoint", "person"))
    if checkpoint:
        qs = qs.filter(registration__checkpoint_id=checkpoint)
    if day:
        start, end = clock.local_day_bounds(day)
        qs = qs.filter(registration__registered_at__gte=start, registration__registered_at__lt=end)
    return qs.order_by("-registration__registered_at", "registration_id", "position")


def daily_by_checkpoint(*, policy: Policy, start: dt.date, end: dt.date, checkpoint: int | None = None):
    """[{checkpoint_id, checkpoint__name, day, vehicles, people}] per checkpoint and local day."""
    policy.require("checkpoints.view")
    lo, _ = clock.local_day_bounds(start)
    _, hi = clock.local_day_bounds(end)
    qs = policy.scope(Registration.objects.filter(registered_at__gte=lo, registered_at__lt=hi))
    if checkpoint:
        qs = qs.filter(checkpoint_id=checkpoint)
    return list(
        qs.annotate(day=_local_date())
        .values("checkpoint_id", "checkpoint__name", "day")
        .annotate(vehicles=Count("id"), people=Sum("occupant_count"))
        .order_by("-day", "-vehicles", "checkpoint__name")
    )


def busiest_days(*, policy: Policy | None = None, division: str = "", start=None, end=None) -> list[dict]:
    """The busiest day of each checkpoint: [{checkpoint_id, name, day, vehicles}], busiest first."""
    qs = Registration.objects.all()
    if policy is not None:
        policy.require("checkpoints.view")
        qs = policy.scope(qs)
    if division:
        qs = qs.filter(division_code__startswith=division)
    if start:
        qs = qs.filter(registered_at__gte=clock.local_day_bounds(start)[0])
    if end:
        qs = qs.filter(registered_at__lt=clock.local_day_bounds(end)[1])
    rows = (
        qs.annotate(day=_local_date())
        .values("checkpoint_id", "checkpoint__name", "day")
        .annotate(vehicles=Count("id"))
        .order_by()
    )
    best: dict[int, dict] = {}
    for r in rows:
        b = best.get(r["checkpoint_id"])
        if b is None or (r["vehicles"], b["day"]) > (b["vehicles"], r["day"]):
            best[r["checkpoint_id"]] = {
                "checkpoint_id": r["checkpoint_id"],
                "name": r["checkpoint__name"],
                "day": r["day"],
                "vehicles": r["vehicles"],
            }
    return sorted(best.values(), key=lambda b: (-b["vehicles"], b["day"], b["name"]))


def daily_by_township(*, policy: Policy, start: dt.date, end: dt.date) -> list[dict]:
    """[{township, day, vehicles, people}] per township (first 9 digits of the code) and day."""
    policy.require("checkpoints.view")
    from frontline.regions.models import Division

    rows = daily_by_checkpoint(policy=policy, start=start, end=end)
    names = dict(
        Checkpoint.objects.filter(pk__in={r["checkpoint_id"] for r in rows}).values_list(
            "pk", "division_code"
        )
    )
    agg: dict[tuple, dict] = defaultdict(lambda: {"vehicles": 0, "people": 0})
    for r in rows:
        key = (names[r["checkpoint_id"]][:9], r["day"])
        agg[key]["vehicles"] += r["vehicles"]
        agg[key]["people"] += r["people"] or 0
    township_names = dict(Division.objects.filter(code__in={k[0] for k in agg}).values_list("code", "name"))
    return [
        {"township": code, "name": township_names.get(code, code), "day": day, **v}
        for (code, day), v in sorted(agg.items(), key=lambda kv: (kv[0][1], kv[0][0]), reverse=True)
    ]


def alert_list(*, policy: Policy, status: str = "", kind: str = ""):
    policy.require("checkpoints.alerts")
    qs = policy.scope(
        Alert.objects.select_related("registration__checkpoint", "occupant__person", "handled_by")
    )
    if status == "open":
        qs = qs.filter(status=AlertStatus.OPEN)
    elif status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-raised_at", "-id")


def alert_get(*, policy: Policy, pk: int) -> Alert:
    return policy.get_or_404(alert_list(policy=policy), pk=pk)


def roster(*, policy: Policy, checkpoint: Checkpoint, since: dt.datetime, until: dt.datetime) -> list[dict]:
    """The checkpoint's slots in [since, until) with their members (slots without a Shift row too)."""
    shifts = {
        s.start: s
        for s in Shift.objects.filter(checkpoint=checkpoint, start__lt=until, end__gt=since).prefetch_related(
            Prefetch(
                "assignments",
                queryset=ShiftAssignment.objects.select_related("person").order_by(
                    "-is_leader", "person__name"
                ),
            )
        )
    }
    out = []
    for start, end in slots_between(checkpoint.shift_starts, since, until):
        shift = shifts.get(start)
        members = list(shift.assignments.all()) if shift else []
        out.append({"start": start, "end": end, "shift": shift, "members": members})
    return out


def unstaffed_shifts(*, policy: Policy, since: dt.datetime, hours: int = 24) -> list[dict]:
    """Slots of active checkpoints overlapping [since, since+hours) with nobody on them."""
    policy.require("checkpoints.view")
    until = since + dt.timedelta(hours=hours)
    checkpoints = list(
        policy.scope(Checkpoint.objects.all())
        .filter(active_q(timezone.localtime(since).date()))
        .order_by("division_code", "name")
    )
    staffed = set(
        policy.scope(Shift.objects.filter(start__lt=until, end__gt=since))
        .filter(assignments__isnull=False)
        .values_list("checkpoint_id", "start")
        .distinct()
    )
    out = []
    for cp in checkpoints:
        for start, end in slots_between(cp.shift_starts, since, until):
            if (cp.pk, start) not in staffed:
                out.append({"checkpoint": cp, "start": start, "end": end, "now": start <= since < end})
    out.sort(key=lambda r: (r["start"], r["checkpoint"].division_code, r["checkpoint"].name))
    return out


def my_assignments(*, policy: Policy, actor, since: dt.datetime, until: dt.datetime):
    policy.require("checkpoints.duty")
    who = Q(user_id=actor.pk)
    if getattr(actor, "person_id", None):
        who |= Q(person_id=actor.person_id)
    return (
        policy.scope(ShiftAssignment.objects.select_related("shift__checkpoint", "person"))
        .filter(who, shift__end__gt=since, shift__start__lt=until)
        .order_by("shift__start")
    )


def assignment_get(*, policy: Policy, pk: int) -> ShiftAssignment:
    policy.require("checkpoints.duty")
    return policy.get_or_404(ShiftAssignment.objects.select_related("shift__checkpoint", "person"), pk=pk)


def roster_candidates(*, policy: Policy, checkpoint: Checkpoint, q: str = "", limit: int = 20):
    """People who can be put on a shift: cadres and members of the checkpoint's township."""
    from frontline.people.models import Person

    township = checkpoint.division_code[:9]
    qs = Person.objects.filter(division_code__startswith=township).filter(
        Q(cadre__isnull=False) | Q(memberships__isnull=False)
    )
    qs = policy.scope(qs)
    if q:
        qs = qs.filter(name__startswith=q.strip())
    return qs.distinct().order_by("name", "id")[:limit]
