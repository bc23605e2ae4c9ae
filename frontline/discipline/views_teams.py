"""党员突击队 and the leading group with its working groups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontline.core.scoping import scoped
from frontline.discipline import selectors, teams
from frontline.discipline.forms import TaskForm, apply_errors
from frontline.discipline.models import Assessment, CommandoTeam, Deed
from frontline.people.models import OrgKind


@scoped("discipline.teams_view")
def team_list(request):
    policy = request.policy
    if request.method == "POST":
        policy.require("discipline.teams_change")
        unit_id = request.POST.get("organization", "")
        unit = (
            selectors.team_units(policy=policy).filter(pk=int(unit_id) if unit_id.isdecimal() else 0).first()
        )
        if unit is None:
            messages.error(request, _("Choose the organization that forms the team."))
        else:
            try:
                team = teams.team_create(
                    actor=request.user, name=request.POST.get("name", ""), organization=unit
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                return redirect("discipline:team", pk=team.pk)
    may_write = policy.has("discipline.teams_change")
    return render(
        request,
        "discipline/team_list.html",
        {
            "may_write": may_write,
            "units": selectors.team_units(policy=policy)[:400] if may_write else [],
            "teams": selectors.team_list(policy=request.policy),
            "missing": selectors.cadres_without_team(policy=request.policy).count(),
        },
    )


@scoped("discipline.teams_view")
def team_detail(request, pk: int):
    team = selectors.team_get(policy=request.policy, pk=pk)
    form = TaskForm(request.POST or None)
    if request.method == "POST":
        request.policy.require("discipline.teams_change")
        if form.is_valid():
            try:
                teams.team_task_create(actor=request.user, team=team, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Task added."))
                return redirect("discipline:team", pk=team.pk)
    return render(
        request,
        "discipline/team_detail.html",
        {
            "team": team,
            "members": selectors.team_members(team=team),
            "tasks": selectors.team_tasks(team=team),
            "records": selectors.task_records(policy=request.policy, team=team),
            "form": form,
            "may_write": request.policy.has("discipline.teams_change"),
            "candidates": selectors.cadres_without_team(policy=request.policy).order_by("person__name")[:200],
        },
        status=422 if form.errors else 200,
    )


@scoped("discipline.teams_view")
def team_check(request):
    """Every organization cadre must be in a commando team: those who are not, listed."""
    missing = selectors.cadres_without_team(policy=request.policy).order_by("division_code", "person__name")
    total = selectors.org_cadres(policy=request.policy).count()
    return render(request, "discipline/team_check.html", {"missing": missing, "total": total})


@require_POST
@scoped("discipline.teams_change")
def team_add_member(request, pk: int):
    team: CommandoTeam = selectors.team_get(policy=request.policy, pk=pk)
    cadre_id = request.POST.get("cadre", "")
    cadre = (
        selectors.org_cadres(policy=request.policy)
        .filter(pk=int(cadre_id) if cadre_id.isdecimal() else 0)
        .first()
    )
    if cadre is None:
        messages.error(request, _("Choose a cadre."))
        return redirect("discipline:team_check")
    try:
        teams.team_members_add(actor=request.user, team=team, people=[cadre.person])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, _("%(name)s joined %(team)s.") % {"name": cadre.person.name, "team": team.name}
        )
    return redirect("discipline:team_check")


# What each working group owns, by its name in the seed (the department may rename; unknown → none).
GROUP_WORK = {
    "干部力量保障组": [
        ("discipline:teams", _("Commando teams")),
        ("discipline:team_check", _("Cadre staffing check")),
    ],
    "党建引领指导组": [
        ("discipline:deeds", _("Take-the-lead deeds")),
        ("discipline:assessments", _("Party-spirit assessments")),
        ("discipline:pledges", _("Pledges")),
    ],
    "情况信息调研组": [
        ("supervision:findings", _("Supervision findings")),
        ("supervision:rectifications", _("Rectification items")),
    ],
    # The publicity column is another app's; linked by URL name only when it exists.
    "总结宣传报道组": [
        (("publicity:index", "publicity:column", "publicity:list"), _("Epidemic prevention column"))
    ],
}
LEADING_WORK = [
    ("discipline:rules", _("Ten prohibitions")),
    ("discipline:negative", _("Negative list")),
    ("supervision:coverage", _("Supervision by area")),
]


# The permission each linked page needs: links a role cannot open are not shown.
LINK_PERMS = {"discipline": "discipline.view", "supervision": "supervision.view"}
PAGE_PERMS = {
    "discipline:negative": "discipline.negative_view",
    "discipline:deeds": "discipline.pledges_view",
    "discipline:assessments": "discipline.pledges_view",
    "discipline:pledges": "discipline.pledges_view",
    "discipline:teams": "discipline.teams_view",
    "discipline:team_check": "discipline.teams_view",
}


def _links(pairs, policy):
    out = []
    for names, label in pairs:
        first = names if isinstance(names, str) else names[0]
        perm = PAGE_PERMS.get(first) or LINK_PERMS.get(first.split(":")[0])
        if perm and not policy.has(perm):
            continue
        for name in (names,) if isinstance(names, str) else names:
            try:
                out.append({"url": reverse(name), "label": label})
                break
            except NoReverseMatch:
                continue  # the app that owns it is not installed (yet)
    return out


@scoped("discipline.groups_view")
def group_list(request):
    return render(request, "discipline/group_list.html", {"groups": selectors.groups(policy=request.policy)})


@scoped("discipline.groups_view")
def group_detail(request, pk: int):
    policy = request.policy
    group = selectors.group_get(policy=policy, pk=pk)
    pairs = LEADING_WORK if group.kind == OrgKind.LEADING_GROUP else GROUP_WORK.get(group.name, [])
    figures = []
    if group.name == "干部力量保障组" and policy.has("discipline.teams_view"):
        figures = [
            (_("Commando teams"), selectors.team_list(policy=policy).count()),
            (_("Organization cadres not in a team"), selectors.cadres_without_team(policy=policy).count()),
        ]
    elif group.name == "党建引领指导组":
        figures = [
            (_("Take-the-lead deeds"), policy.scope(Deed.objects.all()).count()),
            (_("Party-spirit assessments"), policy.scope(Assessment.objects.all()).count()),
        ]
    elif group.name == "情况信息调研组" and policy.has("supervision.view"):
        from frontline.supervision import selectors as sup

        figures = [
            (_("Supervision findings"), sup.finding_list(policy=policy).count()),
            (_("Rectification items open"), sup.rectification_list(policy=policy, state="open").count()),
        ]
    return render(
        request,
        "discipline/group_detail.html",
        {
            "group": group,
            "members": selectors.group_members(policy=policy, group=group),
            "children": group.children.filter(kind=OrgKind.WORKING_GROUP).order_by("id"),
            "links": _links(pairs, policy),
            "figures": figures,
        },
    )
