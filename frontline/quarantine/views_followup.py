"""Home quarantine pages: list, detail, start, team, check-in, extension and end, fever follow-up,
living support. Thin: parse → authorize → service → render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.core import clock
from frontline.core.paging import paginate, posted_search
from frontline.core.scoping import scoped
from frontline.people.models import Person
from frontline.quarantine import forms, rules, selectors, services
from frontline.quarantine.models import CheckInSource, SupportStatus


@scoped("quarantine.view")
@never_cache
def quarantine_list(request):
    state = request.GET.get("state", "open")
    search = posted_search(request, "q")
    qs = selectors.quarantine_list(policy=request.policy, state=state, q=search["q"])
    page = paginate(request, qs)
    states = selectors.slot_states(page.object_list, clock.now()) if state == "open" else {}
    rows = [(q, states.get(q.pk)) for q in page]
    return render(
        request,
        "quarantine/quarantine_list.html",
        {"page": page, "rows": rows, "state": state, "q": search["q"], "search": search},
    )


def _detail_context(request, q, **extra):
    policy = request.policy
    state = selectors.slot_states([q], clock.now())[q.pk]
    checkins = list(q.checkins.select_related("by_person").order_by("-slot_date", "-slot", "-taken_at")[:60])
    ctx = {
        "q": q,
        "state": state,
        "team": list(q.team.all()),
        "checkins": checkins,
        "events": list(q.events.select_related("actor")),
        "support": list(q.support_requests.select_related("assignee").order_by("-requested_at")),
        "may_manage": policy.has("quarantine.manage") and q.is_open,
        "may_checkin": policy.has("quarantine.checkin") and q.is_open,
        "may_support": policy.has("quarantine.support"),
        "may_alerts": policy.has("quarantine.alerts"),
        "extend_form": forms.ExtendForm(),
        "end_form": forms.EndForm(),
        "support_form": forms.SupportForm(),
        "alert_form": forms.AlertForm(),
        "members": list(selectors.party_members_for(policy=policy, division_code=q.division_code)[:300])
        if policy.has("quarantine.support")
        else [],
    }
    if ctx["may_manage"]:
        candidates = list(selectors.team_candidates(policy=policy, division_code=q.division_code)[:400])
        initial = {m.role: m.person_id for m in ctx["team"]}
        ctx["team_form"] = forms.TeamForm(initial=initial, candidates=candidates)
    ctx.update(extra)
    return ctx


@scoped("quarantine.view")
@never_cache
def quarantine_detail(request, pk: int):
    q = selectors.quarantine_get(policy=request.policy, pk=pk)
    return render(request, "quarantine/quarantine_detail.html", _detail_context(request, q))


def _rerender(request, q, status=422, **extra):
    return render(
        request, "quarantine/quarantine_detail.html", _detail_context(request, q, **extra), status=status
    )


@require_POST
@scoped("quarantine.manage")
def quarantine_start(request, returnee_pk: int):
    record = selectors.returnee_get(policy=request.policy, pk=returnee_pk)
    form = forms.StartForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            q = services.quarantine_start(
                actor=request.user,
                person=record.person,
                returnee=record,
                days=d["days"],
                address=d["address"],
                reason=d["reason"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("quarantine:returnee", pk=record.pk)
        messages.success(request, _("Home quarantine started: now set the 三包一 team."))
        return redirect("quarantine:detail", pk=q.pk)
    messages.error(request, _("Some fields are not valid."))
    return redirect("quarantine:returnee", pk=record.pk)


@require_POST
@scoped("quarantine.manage")
def quarantine_team(request, pk: int):
    policy = request.policy
    q = selectors.quarantine_get(policy=policy, pk=pk)
    candidates = list(selectors.team_candidates(policy=policy, division_code=q.division_code)[:400])
    form = forms.TeamForm(request.POST, candidates=candidates)
    if form.is_valid():
        by_pk = {p.pk: p for p in candidates}
        members = {role: by_pk.get(form.cleaned_data[role]) for role in ("cadre", "doctor", "police")}
        try:
            services.quarantine_team_set(actor=request.user, quarantine=q, members=members)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _("Team saved."))
            return redirect("quarantine:detail", pk=q.pk)
    return _rerender(request, q, team_form=form)


@require_POST
@scoped("quarantine.manage")
def quarantine_extend(request, pk: int):
    q = selectors.quarantine_get(policy=request.policy, pk=pk)
    form = forms.ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.quarantine_extend(actor=request.user, quarantine=q, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _("Quarantine extended."))
            return redirect("quarantine:detail", pk=q.pk)
    return _rerender(request, q, extend_form=form)


@require_POST
@scoped("quarantine.manage")
def quarantine_end(request, pk: int):
    q = selectors.quarantine_get(policy=request.policy, pk=pk)
    form = forms.EndForm(request.POST)
    if form.is_valid():
        try:
            services.quarantine_end(actor=request.user, quarantine=q, **form.cleaned_data)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _("Quarantine ended."))
            return redirect("quarantine:detail", pk=q.pk)
    return _rerender(request, q, end_form=form)


@scoped("quarantine.checkin")
@never_cache
def checkin(request, pk: int):
    """One-handed check-in: temperature first, the current slot preselected, one big button."""
    q = selectors.quarantine_get(policy=request.policy, pk=pk)
    now = clock.now()
    day, slot = rules.slot_of(now)
    state = selectors.slot_states([q], now)[q.pk]
    if state.due:
        day, slot = state.due[0]
    form = forms.CheckInForm(
        request.POST if request.method == "POST" else None,
        initial={"slot_date": day, "slot": slot, "source": CheckInSource.TEAM},
    )
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            try:
                record = services.checkin_record(actor=request.user, quarantine=q, **d)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("Your role may not do this."))
                status = 403
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                if record.fever:
                    messages.error(
                        request,
                        _("%(t)s °C: fever. An alert is open: tell the village doctor now.")
                        % {"t": record.temperature},
                    )
                else:
                    messages.success(request, _("%(t)s °C recorded.") % {"t": record.temperature})
                return _back(request, reverse("quarantine:workbench"))
    closed = None
    if request.method != "POST" and not q.is_open:
        # An unbound form takes no errors (add_error needs cleaned_data): the page says it instead.
        closed = _("This home quarantine has ended: check-ins are closed.")
    return render(
        request,
        "quarantine/checkin_form.html",
        {
            "q": q,
            "form": form,
            "closed": closed,
            "state": state,
            "overdue_slots": state.overdue[-6:],
            "next": request.GET.get("next", ""),
        },
        status=status,
    )


@require_POST
@scoped("quarantine.alerts")
def alert_update(request, pk: int):
    record = selectors.checkin_get(policy=request.policy, pk=pk)
    form = forms.AlertForm(request.POST)
    if form.is_valid():
        try:
            services.checkin_alert_update(actor=request.user, checkin=record, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Alert updated."))
    else:
        messages.error(request, pgettext("handling", "Say what was done."))
    return redirect("quarantine:detail", pk=record.quarantine_id)


# -- living support -------------------------------------------------------------------------------


@scoped("quarantine.view")
@never_cache
def support_list(request):
    state = request.GET.get("state", "pending")
    page = paginate(request, selectors.support_list(policy=request.policy, state=state))
    late = selectors.late_before()
    for s in page:
        s.is_late = s.status in (SupportStatus.OPEN, SupportStatus.ASSIGNED) and s.requested_at < late
    # A proxy-purchase order is a community page: doctors and police read support requests, not orders.
    may_orders = request.policy.has("community.view")
    return render(
        request, "quarantine/support_list.html", {"page": page, "state": state, "may_orders": may_orders}
    )


@require_POST
@scoped("quarantine.support")
def support_new(request, pk: int):
    q = selectors.quarantine_get(policy=request.policy, pk=pk)
    form = forms.SupportForm(request.POST)
    if form.is_valid():
        try:
            services.support_request_create(
                actor=request.user, quarantine=q, source="web", **form.cleaned_data
            )
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(request, _("Request recorded."))
            return redirect("quarantine:detail", pk=q.pk)
    return _rerender(request, q, support_form=form)


@require_POST
@scoped("quarantine.support")
def support_action(request, pk: int, action: str):
    req = selectors.support_get(policy=request.policy, pk=pk)
    try:
        if action == "assign":
            person = request.policy.get_or_404(Person.objects.all(), pk=request.POST.get("person") or 0)
            services.support_request_assign(actor=request.user, request=req, person=person)
        elif action == "deliver":
            services.support_request_deliver(actor=request.user, request=req)
        elif action == "cancel":
            services.support_request_cancel(
                actor=request.user, request=req, reason=request.POST.get("reason", "")
            )
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Request updated."))
    return _back(request, reverse("quarantine:detail", args=[req.quarantine_id]))


def _back(request, default: str):
    """Back to the page the form was on (the workbench, a list), never to another site."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)
