"""Pages: the village's community work today, teams and patrol logs, gatherings. Thin: parse →
authorize (@scoped, policy) → service/selector → render. Produce and jobs live in views_produce.py
and views_jobs.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.community import selectors, services
from frontline.community.forms import (
    GatheringForm,
    OutcomeForm,
    PatrolLogForm,
    TeamEditForm,
    TeamForm,
    apply_errors,
)
from frontline.community.models import GatheringKind, Outcome, TeamKind
from frontline.core.paging import paginate
from frontline.core.scoping import scoped
from frontline.regions.models import Division


def choices(request, *, people=True, teams=False) -> dict:
    policy = request.policy
    out = {"divisions": selectors.division_choices(policy=policy)}
    if people:
        out["people"] = selectors.people_choices(policy=policy)
    if teams:
        out["teams"] = [(t.pk, t.name) for t in selectors.team_list(policy=policy, active=True)[:300]]
    return out


def run_form(request, form, service, **extra):
    """Call the service with the form's data; on a rule broken, put its message on the form."""
    if not form.is_valid():
        return None
    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "", [])}
    try:
        return service(actor=request.user, **data, **extra)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def filter_qs(**params) -> str:
    return "".join(f"&{k}={v}" for k, v in params.items() if v)


@scoped("community.view")
@never_cache
def today(request):
    board = selectors.today_board(policy=request.policy)
    return render(request, "community/today.html", board)


# -- teams and patrol logs -------------------------------------------------------------------------
@scoped("community.view")
@never_cache
def team_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in TeamKind.values else ""
    page = paginate(request, selectors.team_list(policy=request.policy, kind=kind))
    return render(
        request,
        "community/team_list.html",
        {"page": page, "kind": kind, "kinds": TeamKind.choices, "filters": filter_qs(kind=kind)},
    )


@scoped("community.change")
@never_cache
def team_new(request):
    form = TeamForm(request.POST or None, **choices(request))
    if request.method == "POST":
        team = run_form(request, form, services.team_create)
        if team is not None:
            messages.success(request, _("Team recorded."))
            return redirect("community:team", pk=team.pk)
    return render(
        request, "community/form.html", {"form": form, "title": _("New team")}, status=_status(form)
    )


def _status(form) -> int:
    return 422 if form.is_bound and form.errors else 200


@scoped("community.view")
@never_cache
def team_detail(request, pk: int):
    team = selectors.team_get(policy=request.policy, pk=pk)
    logs = paginate(request, selectors.patrol_log_list(policy=request.policy, team=team.pk), per_page=20)
    form = None
    if request.policy.has("community.change") and team.is_active:
        people = [(p.pk, p.name) for p in team.members.order_by("name")]
        form = PatrolLogForm(people=people)
    return render(
        request,
        "community/team_detail.html",
        {"team": team, "members": team.members.order_by("name"), "page": logs, "form": form},
    )


@require_POST
@scoped("community.change")
@never_cache
def patrol_log_new(request, pk: int):
    team = selectors.team_get(policy=request.policy, pk=pk)
    people = [(p.pk, p.name) for p in team.members.order_by("name")]
    form = PatrolLogForm(request.POST, people=people)
    log = run_form(request, form, services.patrol_log_create, team=team)
    if log is not None:
        messages.success(request, _("Patrol logged."))
        return redirect("community:team", pk=team.pk)
    logs = paginate(request, selectors.patrol_log_list(policy=request.policy, team=team.pk), per_page=20)
    return render(
        request,
        "community/team_detail.html",
        {"team": team, "members": team.members.order_by("name"), "page": logs, "form": form},
        status=422,
    )


@scoped("community.change")
@never_cache
def team_edit(request, pk: int):
    team = selectors.team_get(policy=request.policy, pk=pk)
    initial = {
        "name": team.name,
        "leader": team.leader_id,
        "members": [p.pk for p in team.members.all()],
        "notes": team.notes,
    }
    form = TeamEditForm(request.POST or None, initial=initial, **choices(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.team_update(
                actor=request.user,
                team=team,
                name=data["name"],
                leader=data["leader"],
                members=data["members"],
                notes=data["notes"],
            )
            messages.success(request, _("Team updated."))
            return redirect("community:team", pk=team.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    return render(
        request, "community/form.html", {"form": form, "title": _("Edit team")}, status=_status(form)
    )


@require_POST
@scoped("community.change")
def team_disband(request, pk: int):
    team = selectors.team_get(policy=request.policy, pk=pk)
    try:
        services.team_disband(actor=request.user, team=team)
        messages.success(request, _("Team disbanded."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("community:team", pk=team.pk)


@scoped("community.view")
@never_cache
def patrol_list(request):
    page = paginate(request, selectors.patrol_log_list(policy=request.policy))
    return render(request, "community/patrol_list.html", {"page": page})


# -- gatherings ----------------------------------------------------------------------------------
@scoped("community.view")
@never_cache
def gathering_list(request):
    outcome = request.GET.get("outcome", "")
    outcome = outcome if outcome in Outcome.values else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in GatheringKind.values else ""
    division = request.GET.get("division", "")
    division = division if division.isdigit() and len(division) <= 15 else ""
    page = paginate(
        request,
        selectors.gathering_list(policy=request.policy, outcome=outcome, kind=kind, division=division),
    )
    return render(
        request,
        "community/gathering_list.html",
        {
            "page": page,
            "outcome": outcome,
            "kind": kind,
            "outcomes": Outcome.choices,
            "kinds": GatheringKind.choices,
            "division": division,
            "filters": filter_qs(outcome=outcome, kind=kind, division=division),
        },
    )


@scoped("community.change")
@never_cache
def gathering_new(request):
    form = GatheringForm(request.POST or None, **choices(request, teams=True))
    if request.method == "POST":
        gathering = run_form(request, form, services.gathering_create)
        if gathering is not None:
            messages.success(request, _("Gathering recorded."))
            return redirect("community:gathering", pk=gathering.pk)
    return render(
        request, "community/form.html", {"form": form, "title": _("Record a gathering")}, status=_status(form)
    )


@scoped("community.view")
@never_cache
def gathering_detail(request, pk: int):
    gathering = selectors.gathering_get(policy=request.policy, pk=pk)
    return _gathering_page(request, gathering)


def _gathering_page(request, gathering, form=None, status=200):
    if form is None and request.policy.has("community.change"):
        form = OutcomeForm(
            initial={
                "outcome": gathering.outcome,
                "persuaded_by": gathering.persuaded_by_id,
                "team": gathering.team_id,
            },
            **choices(request, teams=True),
        )
    return render(request, "community/gathering_detail.html", {"g": gathering, "form": form}, status=status)


@require_POST
@scoped("community.change")
@never_cache
def gathering_outcome(request, pk: int):
    gathering = selectors.gathering_get(policy=request.policy, pk=pk)
    form = OutcomeForm(request.POST, **choices(request, teams=True))
    if run_form(request, form, services.gathering_record_outcome, gathering=gathering) is not None:
        messages.success(request, _("Outcome recorded."))
        return redirect("community:gathering", pk=gathering.pk)
    return _gathering_page(request, gathering, form=form, status=422)


@scoped("community.view")
@never_cache
def gathering_counts(request):
    """The villages of a township (or the townships of the county) side by side."""
    code = request.GET.get("division") or request.policy.prefix
    request.policy.require_covers(code)
    division = Division.objects.filter(code=code).first()
    if division is None:
        from django.http import Http404

        raise Http404
    counts = selectors.gathering_counts(policy=request.policy, division=division)
    return render(request, "community/gathering_counts.html", {"division": division, **counts})
