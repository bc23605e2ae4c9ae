"""Every read of discipline records: scoped by the policy before anything else."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from frontline.core.policy import Policy
from frontline.discipline.models import (
    AccountabilityCase,
    Acknowledgement,
    Assessment,
    CommandoTeam,
    Deed,
    NegativeEntry,
    Pledge,
    RuleSet,
    TaskRecord,
    TeamMember,
    TeamTask,
)
from frontline.people.models import PARTY_KINDS, Cadre, CadreKind, Membership, Organization, OrgKind, Person


# -- 十严禁 ------------------------------------------------------------------------------------
def ruleset_list(*, policy: Policy):
    policy.require("discipline.rules_view")
    # The county's rules bind everyone beneath it: readable from any jurisdiction in the county.
    return RuleSet.objects.filter(division_code=(policy.prefix or "")[:6]).annotate(n_rules=Count("rules"))


def ruleset_get(*, policy: Policy, pk: int) -> RuleSet:
    rs = ruleset_list(policy=policy).filter(pk=pk).first()
    if rs is None:
        raise Http404
    return rs


def ruleset_in_force(*, policy: Policy) -> RuleSet | None:
    return ruleset_list(policy=policy).filter(in_force=True).prefetch_related("rules").first()


def org_cadres(*, policy: Policy):
    return policy.scope(Cadre.objects.filter(kind=CadreKind.ORG_CADRE)).select_related("person", "unit")


def ack_pending(*, policy: Policy, ruleset: RuleSet | None, division: str = ""):
    """Organization cadres of the jurisdiction who have not acknowledged the version in force."""
    policy.require("discipline.ack_view")
    qs = org_cadres(policy=policy)
    if division:
        qs = qs.filter(division_code__startswith=division)
    if ruleset is None:
        return qs.none()
    done = Acknowledgement.objects.filter(ruleset=ruleset, cadre=OuterRef("pk"))
    return qs.annotate(acked=Exists(done)).filter(acked=False).order_by("division_code", "person__name")


def ack_counts(*, policy: Policy, ruleset: RuleSet | None) -> list[dict]:
    """Per township (or the county body itself, code 360732): cadres, acknowledged, missing."""
    policy.require("discipline.ack_view")
    if ruleset is None:
        return []
    done = Acknowledgement.objects.filter(ruleset=ruleset, cadre=OuterRef("pk"))
    rows = org_cadres(policy=policy).annotate(acked=Exists(done)).values_list("division_code", "acked")
    out: dict[str, dict] = {}
    for code, acked in rows:
        key = code[:9]
        row = out.setdefault(key, {"code": key, "total": 0, "acked": 0})
        row["total"] += 1
        row["acked"] += int(acked)
    for row in out.values():
        row["missing"] = row["total"] - row["acked"]
    return [out[k] for k in sorted(out)]


def acknowledgement_list(*, policy: Policy):
    policy.require("discipline.ack_view")
    return policy.scope(Acknowledgement.objects.select_related("cadre__person", "ruleset")).order_by(
        "-acknowledged_at", "-id"
    )


# -- 负面清单 ----------------------------------------------------------------------------------
def negative_list(*, policy: Policy, status: str = "", category: str = ""):
    policy.require("discipline.negative_view")
    qs = policy.scope(NegativeEntry.objects.select_related("cadre__person", "cadre__unit", "rule"))
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("-recorded_at", "-id")


def negative_get(*, policy: Policy, pk: int) -> NegativeEntry:
    policy.require("discipline.negative_view")
    return policy.get_or_404(
        NegativeEntry.objects.select_related("cadre__person", "cadre__unit", "rule", "recorded_by"), pk=pk
    )


def case_list(*, policy: Policy, open_only: bool = False):
    policy.require("discipline.negative_view")
    qs = policy.scope(AccountabilityCase.objects.select_related("entry__cadre__person"))
    if open_only:
        qs = qs.filter(closed_at__isnull=True)
    return qs.order_by("-opened_at", "-id")


def case_get(*, policy: Policy, pk: int) -> AccountabilityCase:
    policy.require("discipline.negative_view")
    return policy.get_or_404(AccountabilityCase.objects.select_related("entry__cadre__person"), pk=pk)


def cadre_choices(*, policy: Policy):
    return policy.scope(Cadre.objects.select_related("person")).order_by("division_code", "person__name")


# -- 十带头 / 党性体检 -------------------------------------------------------------------------
def member_pledges(*, policy: Policy, division: str = "", pledged: str = ""):
    """Party members of the jurisdiction with whether they pledged and how many deeds they have."""
    policy.require("discipline.pledges_view")
    qs = policy.scope(
        Membership.objects.filter(kind__in=PARTY_KINDS).select_related("person", "organization")
    )
    if division:
        qs = qs.filter(division_code__startswith=division)
    qs = qs.annotate(pledged=Exists(Pledge.objects.filter(person=OuterRef("person_id"))))
    if pledged == "yes":
        qs = qs.filter(pledged=True)
    elif pledged == "no":
        qs = qs.filter(pledged=False)
    return qs.order_by("division_code", "person__name", "id")


def member_people(*, policy: Policy, division: str):
    """People who are party members in the given (covered) division: the target of a bulk pledge."""
    policy.require("discipline.pledges_change")
    policy.require_covers(division)
    ids = Membership.objects.filter(kind__in=PARTY_KINDS, division_code__startswith=division).values(
        "person_id"
    )
    return Person.objects.filter(pk__in=ids)


def member_get(*, policy: Policy, pk: int) -> Person:
    policy.require("discipline.pledges_view")
    member = policy.scope(Membership.objects.filter(person_id=pk, kind__in=PARTY_KINDS)).exists()
    if not member:
        raise Http404
    return Person.objects.get(pk=pk)


def deed_list(*, policy: Policy, item: str = "", source: str = "", person_id: int | None = None):
    policy.require("discipline.pledges_view")
    qs = policy.scope(Deed.objects.select_related("person"))
    if item:
        qs = qs.filter(item=item)
    if source == "manual":
        qs = qs.filter(source_kind="manual")
    elif source == "work":
        qs = qs.exclude(source_kind="manual")
    if person_id:
        qs = qs.filter(person_id=person_id)
    return qs.order_by("-happened_at", "-id")


def deed_get(*, policy: Policy, pk: int) -> Deed:
    policy.require("discipline.pledges_view")
    return policy.get_or_404(Deed.objects.select_related("person", "source_type"), pk=pk)


def assessment_list(*, policy: Policy, rating: str = ""):
    policy.require("discipline.pledges_view")
    qs = policy.scope(Assessment.objects.select_related("person", "branch"))
    if rating:
        qs = qs.filter(rating=rating)
    return qs.order_by("-assessed_at", "-id")


def negatives_for_form(*, policy: Policy, person: Person):
    """Negative entries shown on the 党性体检 form: only to roles that may read the negative list."""
    if not policy.has("discipline.negative_view"):
        return None
    return policy.scope(NegativeEntry.objects.filter(cadre__person=person)).order_by("-occurred_on")


# -- 党员突击队 --------------------------------------------------------------------------------
def team_list(*, policy: Policy):
    policy.require("discipline.teams_view")
    return (
        policy.scope(CommandoTeam.objects.select_related("leader", "organization"))
        .annotate(n_members=Count("members", distinct=True), n_tasks=Count("tasks", distinct=True))
        .order_by("division_code", "name")
    )


def team_units(*, policy: Policy):
    """Bodies that may form a team: the department, township committees and village branches in scope."""
    return policy.scope(
        Organization.objects.filter(
            kind__in=[OrgKind.ORG_DEPARTMENT, OrgKind.TOWNSHIP_COMMITTEE, OrgKind.VILLAGE_BRANCH]
        )
    ).order_by("division_code", "name")


def team_get(*, policy: Policy, pk: int) -> CommandoTeam:
    policy.require("discipline.teams_view")
    return policy.get_or_404(CommandoTeam.objects.select_related("leader", "organization"), pk=pk)


def team_members(*, team: CommandoTeam):
    return TeamMember.objects.filter(team=team).select_related("person").order_by("person__name")


def team_tasks(*, team: CommandoTeam):
    return TeamTask.objects.filter(team=team).annotate(n_records=Count("records")).order_by("kind", "id")


def task_records(*, policy: Policy, team: CommandoTeam, limit: int = 50):
    return policy.scope(TaskRecord.objects.filter(task__team=team).select_related("task", "person"))[:limit]


def cadres_without_team(*, policy: Policy):
    """Organization cadres of the jurisdiction who are in no commando team (should be none)."""
    policy.require("discipline.teams_view")
    in_team = TeamMember.objects.filter(person_id=OuterRef("person_id"))
    return org_cadres(policy=policy).annotate(in_team=Exists(in_team)).filter(in_team=False)


# -- 领导小组 / 工作组 ------------------------------------------------------------------------
def groups(*, policy: Policy):
    policy.require("discipline.groups_view")
    code = (policy.prefix or "")[:6]
    return Organization.objects.filter(
        Q(kind=OrgKind.LEADING_GROUP) | Q(kind=OrgKind.WORKING_GROUP), division_code__startswith=code
    ).order_by("kind", "id")


def group_get(*, policy: Policy, pk: int) -> Organization:
    group = groups(policy=policy).filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


def group_members(*, policy: Policy, group: Organization):
    """Members are shown to those whose jurisdiction covers the group (county level), not to villages."""
    if not policy.covers(group.division_code):
        return None
    return (
        Membership.objects.filter(organization=group, kind="staff")
        .select_related("person")
        .order_by("-is_leader", "person__name")
    )
