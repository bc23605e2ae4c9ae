"""Every read of the community app: scoped by the policy; buyer and employer mobiles stay masked."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from frontline.community.models import (
    PERSUADED,
    EmploymentSurvey,
    Gathering,
    JobMatch,
    JobPosting,
    OrderStatus,
    Outcome,
    PatrolLog,
    ProduceListing,
    ProduceOrder,
    Team,
)
from frontline.core import clock
from frontline.core.policy import Policy
from frontline.people.models import PARTY_KINDS, Membership, Person
from frontline.quarantine.models import Quarantine
from frontline.regions.models import Division

VIEW = "community.view"


def _scoped(policy: Policy, qs: QuerySet, division: str = "") -> QuerySet:
    policy.require(VIEW)
    qs = policy.scope(qs)
    if division:
        qs = qs.filter(division_code__startswith=division)
    return qs


def team_list(*, policy: Policy, kind: str = "", division: str = "", active: bool | None = None):
    qs = _scoped(policy, Team.objects.select_related("leader"), division)
    if kind:
        qs = qs.filter(kind=kind)
    if active is True:
        qs = qs.filter(disbanded_on__isnull=True)
    return qs.annotate(member_count=Count("members", distinct=True)).order_by(
        "division_code", "kind", "name", "id"
    )


def team_get(*, policy: Policy, pk: int) -> Team:
    policy.require(VIEW)
    return policy.get_or_404(Team.objects.select_related("leader"), pk=pk)


def patrol_log_list(
    *, policy: Policy, team: int | None = None, division: str = "", day: dt.date | None = None
):
    qs = _scoped(policy, PatrolLog.objects.select_related("team", "logged_by"), division)
    if team:
        qs = qs.filter(team_id=team)
    if day:
        qs = qs.filter(date=day)
    return qs.order_by("-date", "-id")


def patrol_log_get(*, policy: Policy, pk: int) -> PatrolLog:
    policy.require(VIEW)
    return policy.get_or_404(PatrolLog.objects.select_related("team", "logged_by"), pk=pk)


def gathering_list(*, policy: Policy, outcome: str = "", kind: str = "", division: str = ""):
    qs = _scoped(policy, Gathering.objects.select_related("persuaded_by", "team"), division)
    if outcome:
        qs = qs.filter(outcome=outcome)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-found_on", "-id")


def gathering_get(*, policy: Policy, pk: int) -> Gathering:
    policy.require(VIEW)
    return policy.get_or_404(Gathering.objects.select_related("persuaded_by", "team", "person"), pk=pk)


def gathering_counts(*, policy: Policy, division: Division) -> dict:
    """Gatherings per child division (villages of a township, townships of the county) side by side:
    one grouped query. Returns {"rows": [...], "total": {...}}."""
    policy.require(VIEW)
    policy.require_covers(division.code)
    child_len = {6: 9, 9: 12, 12: 15}.get(len(division.code), len(division.code))
    keys = ("found", "cancelled", "postponed", "downsized", "held", "pending")
    # GROUP BY the raw (indexed) columns, fold into children here: cheaper than grouping on a substring.
    rows = (
        Gathering.objects.filter(division_code__startswith=division.code)
        .values_list("division_code", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_child: dict[str, dict[str, int]] = {}
    for code, outcome, n in rows:
        bucket = by_child.setdefault(code[:child_len], dict.fromkeys(keys, 0))
        bucket["found"] += n
        if outcome in bucket:
            bucket[outcome] += n
    children = list(
        Division.objects.filter(parent_id=division.code).order_by("code").values_list("code", "name")
    )
    out = [
        {"code": code, "name": name, **by_child.get(code, dict.fromkeys(keys, 0))} for code, name in children
    ]
    total = {k: sum(b[k] for b in by_child.values()) for k in keys}
    return {"rows": out, "total": total, "keys": keys}


def listing_list(*, policy: Policy, status: str = "", division: str = ""):
    qs = _scoped(policy, ProduceListing.objects.all(), division)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-listed_on", "-id")


def listing_get(*, policy: Policy, pk: int) -> ProduceListing:
    policy.require(VIEW)
    return policy.get_or_404(ProduceListing.objects.all(), pk=pk)


def order_list(*, policy: Policy, status: str = "", division: str = "", listing: int | None = None):
    qs = _scoped(policy, ProduceOrder.objects.select_related("listing", "handler"), division)
    if status:
        qs = qs.filter(status=status)
    if listing:
        qs = qs.filter(listing_id=listing)
    return qs.order_by("-ordered_at", "-id")


def order_get(*, policy: Policy, pk: int) -> ProduceOrder:
    policy.require(VIEW)
    return policy.get_or_404(ProduceOrder.objects.select_related("listing", "handler"), pk=pk)


def survey_list(*, policy: Policy, division: str = ""):
    return _scoped(policy, EmploymentSurvey.objects.select_related("surveyed_by"), division).order_by(
        "-surveyed_on", "-id"
    )


def survey_get(*, policy: Policy, pk: int) -> EmploymentSurvey:
    policy.require(VIEW)
    return policy.get_or_404(EmploymentSurvey.objects.select_related("surveyed_by"), pk=pk)


def _ancestors(prefix: str | None) -> list[str]:
    if not prefix:
        return []
    return [prefix[:n] for n in (9, 12) if n < len(prefix)]


def _posting_q(policy: Policy) -> Q:
    # Jobs near home: a village sees its own postings and those of its township.
    return policy.q() | Q(division_code__in=_ancestors(policy.prefix))


def posting_visible(policy: Policy, posting: JobPosting) -> bool:
    return JobPosting.objects.filter(_posting_q(policy), pk=posting.pk).exists()


def posting_list(*, policy: Policy, current: bool = False, division: str = ""):
    policy.require(VIEW)
    qs = JobPosting.objects.filter(_posting_q(policy)).annotate(
        introduced=Count("matches"), hired=Count("matches", filter=Q(matches__status="hired"))
    )
    if division:
        qs = qs.filter(division_code__startswith=division)
    if current:
        qs = qs.filter(valid_until__gte=clock.today())
    return qs.order_by("-posted_on", "-id")


def posting_get(*, policy: Policy, pk: int) -> JobPosting:
    posting = posting_list(policy=policy).filter(pk=pk).first()
    if posting is None:
        from django.http import Http404

        raise Http404
    return posting


def match_list(*, policy: Policy, status: str = "", posting: int | None = None, division: str = ""):
    qs = _scoped(policy, JobMatch.objects.select_related("posting", "person"), division)
    if status:
        qs = qs.filter(status=status)
    if posting:
        qs = qs.filter(posting_id=posting)
    return qs.order_by("-introduced_on", "-id")


def match_get(*, policy: Policy, pk: int) -> JobMatch:
    policy.require(VIEW)
    return policy.get_or_404(JobMatch.objects.select_related("posting", "person"), pk=pk)


def people_choices(*, policy: Policy, limit: int = 300, everyone: bool = False) -> list[tuple[int, str]]:
    """Party members and cadres of the jurisdiction (or everyone) for pick lists: names and division
    codes only, never identifiers."""
    if everyone:
        rows = policy.scope(Person.objects.order_by("division_code", "name", "id")).values_list(
            "id", "name", "division_code"
        )[:limit]
        return [(pk, f"{name} · {code}") for pk, name, code in rows]
    member_ids = policy.scope(Membership.objects.filter(kind__in=PARTY_KINDS + ("volunteer", "activist")))
    people = (
        policy.scope(Person.objects.filter(Q(pk__in=member_ids.values("person_id")) | Q(cadre__isnull=False)))
        .order_by("division_code", "name", "id")
        .values_list("id", "name", "division_code")[:limit]
    )
    return [(pk, f"{name} · {code}") for pk, name, code in people]


def quarantine_choices(*, policy: Policy, limit: int = 200) -> list[tuple[int, str]]:
    """Open home quarantines of the jurisdiction for the order form (a proxy purchase for a quarantined
    household)."""
    rows = (
        policy.scope(Quarantine.objects.filter(status__in=["active", "extended"]))
        .select_related("person")
        .order_by("division_code", "id")[:limit]
    )
    return [(q.pk, f"#{q.pk} {q.person.name} · {q.address or q.division_code}") for q in rows]


def division_choices(*, policy: Policy) -> list[tuple[str, str]]:
    """Townships, villages and grids a user may write records for."""
    qs = Division.objects.filter(
        code__startswith=policy.prefix or "-", level__in=["township", "village", "grid"]
    )
    return list(qs.order_by("code").values_list("code", "name")[:500])


def today_board(*, policy: Policy) -> dict:
    """The village's community work of today: patrols, gatherings still to persuade, open orders."""
    today = clock.today()
    logs = patrol_log_list(policy=policy, day=today)
    pending = gathering_list(policy=policy, outcome=Outcome.PENDING)
    orders = order_list(policy=policy, status=OrderStatus.OPEN)
    persuaded_today = _scoped(policy, Gathering.objects.filter(outcome__in=PERSUADED, outcome_on=today))
    return {
        "today": today,
        "logs": list(logs[:50]),
        "pending": list(pending[:50]),
        "pending_count": pending.count(),
        "orders": list(orders[:50]),
        "orders_count": orders.count(),
        "persuaded_today": persuaded_today.count(),
    }
