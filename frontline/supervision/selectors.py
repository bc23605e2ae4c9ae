"""Every read of supervision records, scoped: a township sees what concerns itself."""

from __future__ import annotations

from django.db.models import Count, Q

from frontline.core import clock
from frontline.core.policy import Policy
from frontline.people.models import Cadre
from frontline.regions.models import Division
from frontline.supervision.models import Assignment, Finding, Rectification, Visit


def assignment_list(*, policy: Policy, active: bool = True):
    policy.require("supervision.view")
    qs = policy.scope(Assignment.objects.select_related("leader"))
    if active:
        qs = qs.filter(active=True)
    return qs.order_by("division_code", "leader__name")


def assignment_get(*, policy: Policy, pk: int) -> Assignment:
    policy.require("supervision.view")
    return policy.get_or_404(Assignment.objects.select_related("leader"), pk=pk)


def coverage(*, policy: Policy) -> list[dict]:
    """Every township (and the industrial park) of the jurisdiction, with its leaders; uncovered flagged."""
    policy.require("supervision.view")
    townships = policy.scope(Division.objects.filter(level="township"), field="code").order_by("code")
    leaders: dict[str, list[str]] = {}
    for code, name in assignment_list(policy=policy).values_list("division_code", "leader__name"):
        leaders.setdefault(code, []).append(name)
    today = clock.today()
    open_counts = dict(
        policy.scope(Rectification.objects.open())
        .values("division_code")
        .annotate(n=Count("id"), overdue=Count("id", filter=Q(deadline__lt=today)))
        .values_list("division_code", "overdue")
    )
    visits = dict(
        policy.scope(Visit.objects.all())
        .values("division_code")
        .annotate(n=Count("id"))
        .values_list("division_code", "n")
    )
    return [
        {
            "code": t.code,
            "name": t.name,
            "leaders": leaders.get(t.code, []),
            "covered": bool(leaders.get(t.code)),
            "visits": visits.get(t.code, 0),
            "overdue": open_counts.get(t.code, 0),
        }
        for t in townships
    ]


def department_leaders(*, policy: Policy):
    return (
        Cadre.objects.filter(unit__kind="org_department", kind="org_cadre")
        .select_related("person")
        .order_by("person__name")
    )


def visit_list(*, policy: Policy, division: str = ""):
    policy.require("supervision.view")
    qs = policy.scope(Visit.objects.select_related("leader")).annotate(n_findings=Count("findings"))
    if division:
        qs = qs.filter(division_code__startswith=division)
    return qs.order_by("-visited_on", "-id")


def visit_get(*, policy: Policy, pk: int) -> Visit:
    policy.require("supervision.view")
    return policy.get_or_404(Visit.objects.select_related("leader"), pk=pk)


def finding_list(*, policy: Policy):
    policy.require("supervision.view")
    return policy.scope(Finding.objects.select_related("visit__leader")).order_by("-visit__visited_on", "-id")


def finding_get(*, policy: Policy, pk: int) -> Finding:
    policy.require("supervision.view")
    return policy.get_or_404(Finding.objects.select_related("visit"), pk=pk)


def rectification_list(*, policy: Policy, state: str = ""):
    """state: '' all, 'open', 'overdue' (deadline passed and not closed), 'closed'."""
    policy.require("supervision.view")
    qs = policy.scope(Rectification.objects.select_related("finding__visit"))
    if state == "open":
        qs = qs.open()
    elif state == "overdue":
        qs = qs.overdue(clock.today())
    elif state == "closed":
        qs = qs.filter(closed_on__isnull=False)
    return qs.order_by("closed_on", "deadline", "id")


def rectification_get(*, policy: Policy, pk: int) -> Rectification:
    policy.require("supervision.view")
    return policy.get_or_404(Rectification.objects.select_related("finding__visit"), pk=pk)


def township_names() -> dict[str, str]:
    return dict(Division.objects.filter(level__in=["county", "township"]).values_list("code", "name"))
