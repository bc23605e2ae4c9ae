"""Every read of the quarantine app: scoped by the policy, identifiers masked (never decrypted here)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Substr

from frontline.core import clock
from frontline.core.policy import Policy
from frontline.people.models import PARTY_KINDS, Membership, Person
from frontline.people.protection import id_hash
from frontline.quarantine import rules
from frontline.quarantine.models import (
    OPEN_STATUSES,
    PENDING_SUPPORT,
    AlertStatus,
    Campaign,
    CheckIn,
    Grid,
    Household,
    Quarantine,
    Returnee,
    SupportRequest,
    TeamMember,
)
from frontline.regions.models import Division

OPEN_ALERTS = (AlertStatus.OPEN, AlertStatus.FOLLOWING)


# -- screening ------------------------------------------------------------------------------------


def active_campaigns(*, policy: Policy):
    """Campaigns a user may screen in: active ones at or above their division."""
    prefix = policy.prefix or ""
    ancestors = [prefix[:n] for n in (6, 9, 12, 15) if n <= len(prefix)]
    return Campaign.objects.filter(is_active=True).filter(
        Q(division_code__in=ancestors) | Q(division_code__startswith=prefix)
    )


def returnee_list(*, policy: Policy, q: str = "", risk: str = "", campaign: int | None = None):
    policy.require("quarantine.view")
    qs = policy.scope(Returnee.objects.select_related("person", "campaign"))
    if risk:
        qs = qs.filter(risk_class=risk)
    if campaign:
        qs = qs.filter(campaign_id=campaign)
    q = (q or "").strip()
    if q:
        qs = (
            qs.filter(Q(id_hash=id_hash(q.upper())) | Q(person__name=q))
            if len(q) == 18
            else qs.filter(person__name__startswith=q)
        )
    return qs.order_by("-screened_at", "-id")


def returnee_get(*, policy: Policy, pk: int) -> Returnee:
    policy.require("quarantine.view")
    return policy.get_or_404(
        Returnee.objects.select_related("person", "campaign", "risk_rule", "rescreen_of", "screened_by"),
        pk=pk,
    )


# -- quarantines ----------------------------------------------------------------------------------


def quarantine_list(*, policy: Policy, state: str = "open", q: str = ""):
    policy.require("quarantine.view")
    qs = policy.scope(Quarantine.objects.select_related("person"))
    if state == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif state == "ended":
        qs = qs.exclude(status__in=OPEN_STATUSES)
    q = (q or "").strip()
    if q:
        qs = qs.filter(person__name__startswith=q)
    return qs.order_by("division_code", "start_date", "id")


def quarantine_get(*, policy: Policy, pk: int) -> Quarantine:
    policy.require("quarantine.view")
    qs = Quarantine.objects.select_related("person", "returnee", "household").prefetch_related(
        Prefetch("team", queryset=TeamMember.objects.select_related("person", "user").order_by("role"))
    )
    return policy.get_or_404(qs, pk=pk)


def checkin_get(*, policy: Policy, pk: int) -> CheckIn:
    policy.require("quarantine.view")
    return policy.get_or_404(CheckIn.objects.select_related("quarantine__person"), pk=pk)


def slot_states(quarantines, now: dt.datetime) -> dict[int, rules.SlotState]:
    """{quarantine id: SlotState} for many quarantines with one query for their check-ins."""
    quarantines = list(quarantines)
    done: dict[int, set] = defaultdict(set)
    if quarantines:
        for qid, day, slot in CheckIn.objects.filter(
            quarantine_id__in=[q.pk for q in quarantines]
        ).values_list("quarantine_id", "slot_date", "slot"):
            done[qid].add((day, slot))
    return {q.pk: rules.slot_state(q, done[q.pk], now) for q in quarantines}


def open_alerts(*, policy: Policy):
    policy.require("quarantine.view")
    return policy.scope(
        CheckIn.objects.filter(alert_status__in=OPEN_ALERTS).select_related("quarantine__person")
    ).order_by("-taken_at")


# -- living support -------------------------------------------------------------------------------


def late_before(now: dt.datetime | None = None) -> dt.datetime:
    return (now or clock.now()) - dt.timedelta(hours=rules.support_late_hours())


def support_list(*, policy: Policy, state: str = "pending"):
    policy.require("quarantine.view")
    qs = policy.scope(SupportRequest.objects.select_related("quarantine__person", "assignee"))
    if state == "pending":
        qs = qs.filter(status__in=PENDING_SUPPORT)
    elif state == "late":
        qs = qs.filter(status__in=PENDING_SUPPORT, requested_at__lt=late_before())
    elif state == "done":
        qs = qs.exclude(status__in=PENDING_SUPPORT)
    return qs.order_by("requested_at" if state in ("pending", "late") else "-requested_at", "id")


def support_get(*, policy: Policy, pk: int) -> SupportRequest:
    policy.require("quarantine.view")
    return policy.get_or_404(SupportRequest.objects.select_related("quarantine__person", "assignee"), pk=pk)


def party_members_for(*, policy: Policy, division_code: str):
    """Party members who may take a request in this village (its branch, or the township's)."""
    ids = Membership.objects.filter(
        kind__in=PARTY_KINDS, division_code__in=[division_code[:12], division_code[:9]]
    ).values("person_id")
    return policy.scope(Person.objects.filter(pk__in=ids)).order_by("name", "id")


def team_candidates(*, policy: Policy, division_code: str):
    """People who can serve on a team here: cadres (village doctors and police are cadres with that
    profession), party members, account holders and past team members of the village and township."""
    here = Q(division_code__startswith=division_code[:12]) | Q(division_code=division_code[:9])
    serving = (
        Q(cadre__isnull=False)
        | Q(memberships__kind__in=PARTY_KINDS)
        | Q(accounts__isnull=False)
        | Q(quarantine_duties__isnull=False)
    )
    ids = Person.objects.filter(here).filter(serving).values("pk")
    return (
        Person.objects.filter(pk__in=ids)
        .filter(policy.q() | Q(division_code=division_code[:9]))
        .order_by("name", "id")
    )


# -- grids ----------------------------------------------------------------------------------------


def grid_list(*, policy: Policy):
    policy.require("quarantine.view")
    return (
        policy.scope(Grid.objects.select_related("division", "leader", "leader_user"))
        .annotate(n_households=Count("households"))
        .order_by("division_code")
    )


def grid_get(*, policy: Policy, pk: int) -> Grid:
    policy.require("quarantine.view")
    return policy.get_or_404(Grid.objects.select_related("division", "leader"), pk=pk)


def household_list(*, policy: Policy, grid: Grid | None = None):
    policy.require("quarantine.view")
    qs = policy.scope(Household.objects.select_related("head", "grid__division")).annotate(
        n_members=Count("members")
    )
    if grid is not None:
        qs = qs.filter(grid=grid)
    return qs.order_by("division_code", "address", "id")


def village_divisions(*, policy: Policy):
    """Villages in the user's jurisdiction (where grids can be created)."""
    return policy.scope(Division.objects.filter(level="village"), field="code").order_by("code")


# -- workbenches ----------------------------------------------------------------------------------


def village_today(*, policy: Policy, code: str) -> dict:
    """What a village (or grid) has to do today: check-ins due and overdue, fever alerts, support
    requests open and late, returnees screened since yesterday."""
    policy.require("quarantine.view")
    policy.require_covers(code)
    now, today = clock.now(), clock.today()
    yesterday_start, _ = clock.local_day_bounds(today - dt.timedelta(days=1))
    quarantines = list(
        Quarantine.objects.filter(division_code__startswith=code, status__in=OPEN_STATUSES)
        .select_related("person")
        .order_by("ends_on", "id")
    )
    states = slot_states(quarantines, now)
    due = [(q, states[q.pk]) for q in quarantines if states[q.pk].due]
    overdue = [(q, states[q.pk]) for q in quarantines if states[q.pk].overdue]
    overdue.sort(key=lambda p: -len(p[1].overdue))
    late = late_before(now)
    support = list(
        SupportRequest.objects.filter(division_code__startswith=code, status__in=PENDING_SUPPORT)
        .select_related("quarantine__person", "assignee")
        .order_by("requested_at", "id")[:50]
    )
    for s in support:
        s.is_late = s.requested_at < late
    alerts = list(
        CheckIn.objects.filter(division_code__startswith=code, alert_status__in=OPEN_ALERTS)
        .select_related("quarantine__person")
        .order_by("-taken_at")[:20]
    )
    returnees = list(
        Returnee.objects.filter(division_code__startswith=code, screened_at__gte=yesterday_start)
        .select_related("person")
        .order_by("-screened_at")[:30]
    )
    ending_today = [q for q in quarantines if q.ends_on <= today]
    return {
        "now": now,
        "quarantines": quarantines,
        "due": due,
        "overdue": overdue,
        "support": support,
        "late_count": sum(1 for s in support if s.is_late),
        "alerts": alerts,
        "returnees": returnees,
        "ending_today": ending_today,
        "counts": {
            "active": len(quarantines),
            "due": sum(len(s.due) for _q, s in due),
            "overdue": sum(len(s.overdue) for _q, s in overdue),
            "alerts": len(alerts),
            "support": len(support),
            "late": sum(1 for s in support if s.is_late),
            "returnees": len(returnees),
        },
    }


def _by_child(qs, length: int) -> dict[str, int]:
    return dict(
        qs.annotate(child=Substr("division_code", 1, length)).values_list("child").annotate(n=Count("id"))
    )


def children_overview(*, policy: Policy, code: str) -> list[dict]:
    """The divisions under `code` side by side (a township's villages, the county's townships), with
    the counts of the village workbench for each, in a fixed number of queries."""
    policy.require("quarantine.view")
    policy.require_covers(code)
    children = list(Division.objects.filter(parent_id=code).order_by("code").values_list("code", "name"))
    if not children:
        return []
    length = len(children[0][0])
    now, today = clock.now(), clock.today()
    day_start, _ = clock.local_day_bounds(today)
    under = Q(division_code__startswith=code)
    screened = _by_child(Returnee.objects.filter(under, screened_at__gte=day_start), length)
    screened_all = _by_child(Returnee.objects.filter(under), length)
    quarantines = list(
        Quarantine.objects.filter(under, status__in=OPEN_STATUSES).only(
            "id", "division_code", "started_at", "ends_on", "ended_at", "status"
        )
    )
    states = slot_states(quarantines, now)
    active, overdue = defaultdict(int), defaultdict(int)
    for q in quarantines:
        active[q.division_code[:length]] += 1
        overdue[q.division_code[:length]] += len(states[q.pk].overdue)
    alerts = _by_child(CheckIn.objects.filter(under, alert_status__in=OPEN_ALERTS), length)
    pending = _by_child(SupportRequest.objects.filter(under, status__in=PENDING_SUPPORT), length)
    late = _by_child(
        SupportRequest.objects.filter(under, status__in=PENDING_SUPPORT, requested_at__lt=late_before(now)),
        length,
    )
    return [
        {
            "code": c,
            "name": name,
            "screened_today": screened.get(c, 0),
            "screened": screened_all.get(c, 0),
            "active": active.get(c, 0),
            "overdue": overdue.get(c, 0),
            "alerts": alerts.get(c, 0),
            "support": pending.get(c, 0),
            "late": late.get(c, 0),
        }
        for c, name in children
    ]


def checkpoint_screenings(*, policy: Policy, registration) -> dict[int, Returnee]:
    """{person id: screening} made from this checkpoint registration, for its page's buttons."""
    from frontline.quarantine.services.checkpoint import registration_source_ref

    if not policy.has("quarantine.screen") and not policy.has("quarantine.view"):
        return {}
    rows = policy.scope(
        Returnee.objects.filter(source_ref=registration_source_ref(registration)).only(
            "pk", "person_id", "risk_class", "division_code"
        )
    ).order_by("id")
    return {r.person_id: r for r in rows}
