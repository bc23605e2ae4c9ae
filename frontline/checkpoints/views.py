"""Checkpoints, shift rosters and one's own shifts (thin views: parse → authorize → service/selector)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.checkpoints import selectors, services
from frontline.checkpoints.forms import CheckpointEditForm, CheckpointForm, HighRiskAreaForm
from frontline.checkpoints.models import HighRiskArea, Registration
from frontline.core import clock
from frontline.core.api_support import MAX_ID
from frontline.core.paging import paginate
from frontline.core.scoping import scoped
from frontline.people.models import Person
from frontline.regions.models import Division


def _form_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def _divisions(policy):
    return Division.objects.filter(policy.q("code"), level__in=["township", "village"]).order_by("code")


@scoped("checkpoints.view")
def checkpoint_list(request):
    today = clock.today()
    start, end = clock.local_day_bounds(today)
    qs = selectors.checkpoint_list(policy=request.policy, kind=request.GET.get("kind", "")).annotate(
        today_vehicles=Count(
            "registrations",
            filter=Q(registrations__registered_at__gte=start, registrations__registered_at__lt=end),
        )
    )
    page = paginate(request, qs, per_page=60)
    form = CheckpointForm(initial={"division_code": request.policy.prefix, "active_from": today})
    return render(
        request,
        "checkpoints/checkpoint_list.html",
        {
            "page": page,
            "today": today,
            "form": form,
            "divisions": _divisions(request.policy),
            "may_manage": request.policy.has("checkpoints.manage"),
        },
    )


@require_POST
@scoped("checkpoints.manage")
def checkpoint_create(request):
    form = CheckpointForm(request.POST)
    if form.is_valid():
        try:
            cp = services.checkpoint_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Checkpoint %(name)s created.") % {"name": cp.name})
            return redirect("checkpoints:detail", pk=cp.pk)
    page = paginate(request, selectors.checkpoint_list(policy=request.policy), per_page=60)
    return render(
        request,
        "checkpoints/checkpoint_list.html",
        {
            "page": page,
            "today": clock.today(),
            "form": form,
            "divisions": _divisions(request.policy),
            "may_manage": True,
        },
        status=422,
    )


@scoped("checkpoints.view")
@never_cache
def checkpoint_detail(request, pk: int):
    cp = selectors.checkpoint_get(policy=request.policy, pk=pk)
    now = clock.now()
    since = min(now, timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0))
    slots = selectors.roster(
        policy=request.policy, checkpoint=cp, since=since, until=now + dt.timedelta(hours=48)
    )
    busiest = selectors.busiest_days(policy=request.policy, division=cp.division_code)
    busiest = next((b for b in busiest if b["checkpoint_id"] == cp.pk), None)
    daily = selectors.daily_by_checkpoint(
        policy=request.policy,
        start=clock.today() - dt.timedelta(days=13),
        end=clock.today(),
        checkpoint=cp.pk,
    )
    may_manage = request.policy.has("checkpoints.manage")
    edit = CheckpointEditForm(
        initial={
            "name": cp.name,
            "kind": cp.kind,
            "location": cp.location,
            "shift_starts": ", ".join(cp.shift_starts),
        }
    )
    return render(
        request,
        "checkpoints/checkpoint_detail.html",
        {
            "cp": cp,
            "slots": slots,
            "now": now,
            "busiest": busiest,
            "daily": daily,
            "edit": edit,
            "total": Registration.objects.filter(checkpoint=cp).count(),
            "division": Division.objects.filter(code=cp.division_code).first(),
            "may_manage": may_manage,
            "candidates": selectors.roster_candidates(policy=request.policy, checkpoint=cp, limit=40)
            if may_manage
            else [],
        },
    )


@require_POST
@scoped("checkpoints.manage")
def checkpoint_edit(request, pk: int):
    cp = selectors.checkpoint_get(policy=request.policy, pk=pk)
    form = CheckpointEditForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.checkpoint_update(
                actor=request.user,
                checkpoint=cp,
                name=data["name"],
                kind=data["kind"],
                location=data["location"],
                shift_starts=data["shift_starts"] or None,
                close=data["close"],
            )
            messages.success(request, _("Saved."))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    else:
        messages.error(request, _("Some fields are not valid."))
    return redirect("checkpoints:detail", pk=cp.pk)


@require_POST
@scoped("checkpoints.manage")
def roster_add(request, pk: int):
    cp = selectors.checkpoint_get(policy=request.policy, pk=pk)
    try:
        at = parse_datetime(request.POST.get("start", ""))
    except ValueError:  # well formed but impossible, e.g. 2020-02-30T08:00
        at = None
    try:
        person_id = int(request.POST.get("person", ""))
    except ValueError:
        person_id = None
    if person_id is not None and not 0 < person_id <= MAX_ID:
        person_id = None
    person = request.policy.scope(Person.objects.all()).filter(pk=person_id).first() if person_id else None
    if at is None or person is None:
        messages.error(request, _("Choose a shift and a person."))
    else:
        try:
            services.shift_assign(
                actor=request.user,
                checkpoint=cp,
                at=at,
                person=person,
                is_leader=request.POST.get("leader") == "1",
            )
            messages.success(request, _("%(name)s is on the shift.") % {"name": person.name})
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    return redirect("checkpoints:detail", pk=cp.pk)


@scoped("checkpoints.manage")
@never_cache
def roster_candidates(request, pk: int):
    """HTMX: people of the checkpoint's township to put on a shift (searched by name, via POST)."""
    cp = selectors.checkpoint_get(policy=request.policy, pk=pk)
    q = request.POST.get("q", "") if request.method == "POST" else ""
    people = selectors.roster_candidates(policy=request.policy, checkpoint=cp, q=q)
    return render(request, "checkpoints/_candidates.html", {"people": people})


@require_POST
@scoped("checkpoints.manage")
def roster_remove(request, pk: int):
    assignment = selectors.assignment_get(policy=request.policy, pk=pk)
    cp_id = assignment.shift.checkpoint_id
    try:
        services.shift_unassign(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("checkpoints:detail", pk=cp_id)


@scoped("checkpoints.duty")
@never_cache
def my_shifts(request):
    now = clock.now()
    rows = selectors.my_assignments(
        policy=request.policy,
        actor=request.user,
        since=now - dt.timedelta(hours=24),
        until=now + dt.timedelta(days=7),
    )
    return render(request, "checkpoints/my_shifts.html", {"rows": rows, "now": now})


def _check(request, pk: int, service):
    assignment = selectors.assignment_get(policy=request.policy, pk=pk)
    try:
        service(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    target = request.POST.get("next", "")
    # Only back to one of our own pages (never an open redirect).
    return redirect(target if target.startswith("/checkpoints/") else "checkpoints:my_shifts")


@require_POST
@scoped("checkpoints.duty")
def check_in(request, pk: int):
    return _check(request, pk, services.shift_check_in)


@require_POST
@scoped("checkpoints.duty")
def check_out(request, pk: int):
    return _check(request, pk, services.shift_check_out)


@scoped("checkpoints.view")
@never_cache
def unstaffed(request):
    now = clock.now()
    rows = selectors.unstaffed_shifts(policy=request.policy, since=now, hours=24)
    return render(request, "checkpoints/unstaffed.html", {"rows": rows, "now": now})


@scoped("checkpoints.alerts")
def risk_areas(request):
    """The dated list of high-risk areas that registrations are checked against (county-wide)."""
    form = HighRiskAreaForm(request.POST or None)
    may_edit = request.policy.has("checkpoints.risk_areas")
    if request.method == "POST":
        request.policy.require("checkpoints.risk_areas")
        if form.is_valid():
            try:
                services.high_risk_area_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("checkpoints:risk_areas")
    areas = HighRiskArea.objects.filter(division_code__in=_prefixes(request.policy.prefix)).order_by(
        "code", "valid_from"
    )
    return render(
        request,
        "checkpoints/risk_areas.html",
        {"areas": areas, "form": form, "may_edit": may_edit, "today": clock.today()},
        status=422 if form.errors else 200,
    )


def _prefixes(code: str) -> list[str]:
    """The areas configured at this node or above apply to it."""
    return [code[:n] for n in (2, 4, 6, 9, 12) if n <= len(code or "")]
