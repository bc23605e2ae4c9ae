"""分片包乡 督导 pages: coverage, visits with findings and feedback, rectification items."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from frontline.core import clock
from frontline.core.files import serve_file
from frontline.core.paging import paginate
from frontline.core.scoping import scoped
from frontline.discipline.forms import apply_errors
from frontline.people.models import Person
from frontline.supervision import selectors, services
from frontline.supervision.forms import (
    AssignmentForm,
    CloseForm,
    FeedbackForm,
    FindingForm,
    RectificationForm,
    VisitForm,
)


def _choices(request, form):
    policy = request.policy
    leaders = selectors.department_leaders(policy=policy)
    form.fields["leader"].widget.choices = [("", "—")] + [
        (c.person_id, f"{c.person.name} · {c.position}") for c in leaders
    ]
    form.fields["division_code"].widget.choices = [("", "—")] + [
        (r["code"], r["name"]) for r in selectors.coverage(policy=policy)
    ]
    return form


def _named(page):
    names = selectors.township_names()
    for obj in page:
        obj.township_name = names.get(obj.division_code, obj.division_code)
    return page


def _leader(pk) -> Person | None:
    return Person.objects.filter(pk=pk).first() if pk else None


def _leader_ok(form) -> bool:
    if _leader(form.cleaned_data.get("leader")) is None:
        form.add_error("leader", _("Choose a department leader."))
        return False
    return True


@scoped("supervision.view")
def coverage(request):
    """Every township and the industrial park, with who supervises it; uncovered ones flagged."""
    rows = selectors.coverage(policy=request.policy)
    form = None
    if request.policy.has("supervision.change"):
        form = _choices(request, AssignmentForm(request.POST or None))
        if request.method == "POST" and form.is_valid() and _leader_ok(form):
            try:
                services.assignment_create(
                    actor=request.user,
                    leader=_leader(form.cleaned_data["leader"]),
                    division_code=form.cleaned_data["division_code"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Assignment saved."))
                return redirect("supervision:coverage")
    elif request.method == "POST":
        request.policy.require("supervision.change")
    uncovered = [r for r in rows if not r["covered"]]
    return render(
        request,
        "supervision/coverage.html",
        {"rows": rows, "uncovered": uncovered, "form": form},
        status=422 if form is not None and form.errors else 200,
    )


@scoped("supervision.view")
def visit_list(request):
    qs = selectors.visit_list(policy=request.policy)
    return render(
        request,
        "supervision/visit_list.html",
        {"page": _named(paginate(request, qs)), "may_write": request.policy.has("supervision.change")},
    )


@scoped("supervision.change")
def visit_new(request):
    form = _choices(request, VisitForm(request.POST or None, initial={"visited_on": clock.today()}))
    if request.method == "POST" and form.is_valid() and _leader_ok(form):
        data = form.cleaned_data
        try:
            visit = services.visit_create(actor=request.user, leader=_leader(data.pop("leader")), **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, pgettext("supervision", "Visit recorded."))
            return redirect("supervision:visit", pk=visit.pk)
    return render(request, "supervision/visit_form.html", {"form": form}, status=422 if form.errors else 200)


@scoped("supervision.view")
def visit_detail(request, pk: int):
    visit = selectors.visit_get(policy=request.policy, pk=pk)
    findings = visit.findings.prefetch_related("rectifications")
    return render(
        request,
        "supervision/visit_detail.html",
        {
            "visit": visit,
            "findings": findings,
            "township": selectors.township_names().get(visit.division_code, visit.division_code),
            "today": clock.today(),
            "feedback_form": FeedbackForm(initial={"sent_on": clock.today()}),
            "finding_form": FindingForm(),
            "may_write": request.policy.has("supervision.change"),
        },
    )


def _back(request, visit, fn):
    try:
        fn()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("supervision:visit", pk=visit.pk)


def _form_error(request, form, visit):
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("supervision:visit", pk=visit.pk)


@require_POST
@scoped("supervision.change")
def visit_feedback(request, pk: int):
    visit = selectors.visit_get(policy=request.policy, pk=pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _form_error(request, form, visit)
    return _back(
        request, visit, lambda: services.visit_feedback(actor=request.user, visit=visit, **form.cleaned_data)
    )


@require_POST
@scoped("supervision.change")
def finding_new(request, pk: int):
    visit = selectors.visit_get(policy=request.policy, pk=pk)
    form = FindingForm(request.POST)
    if not form.is_valid():
        return _form_error(request, form, visit)
    return _back(
        request, visit, lambda: services.finding_create(actor=request.user, visit=visit, **form.cleaned_data)
    )


@require_POST
@scoped("supervision.change")
def rectification_new(request, pk: int):
    finding = selectors.finding_get(policy=request.policy, pk=pk)
    form = RectificationForm(request.POST)
    if not form.is_valid():
        return _form_error(request, form, finding.visit)
    data = form.cleaned_data
    data.pop("finding")
    return _back(
        request,
        finding.visit,
        lambda: services.rectification_create(actor=request.user, finding=finding, **data),
    )


@scoped("supervision.view")
def finding_list(request):
    return render(
        request,
        "supervision/finding_list.html",
        {"page": _named(paginate(request, selectors.finding_list(policy=request.policy)))},
    )


@scoped("supervision.view")
def rectification_list(request):
    state = request.GET.get("state", "")
    qs = selectors.rectification_list(policy=request.policy, state=state)
    return render(
        request,
        "supervision/rectification_list.html",
        {"page": _named(paginate(request, qs)), "state": state, "today": clock.today()},
    )


@scoped("supervision.view")
def rectification_detail(request, pk: int):
    item = selectors.rectification_get(policy=request.policy, pk=pk)
    form = CloseForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        request.policy.require("supervision.rectify")
        if form.is_valid():
            try:
                services.rectification_close(actor=request.user, item=item, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Rectification closed."))
                return redirect("supervision:rectification", pk=item.pk)
    return render(
        request,
        "supervision/rectification_detail.html",
        {
            "item": item,
            "overdue": item.is_overdue(clock.today()),
            "form": form,
            "may_close": request.policy.has("supervision.rectify"),
        },
        status=422 if form.errors else 200,
    )


@scoped("supervision.view")
def rectification_evidence(request, pk: int):
    item = selectors.rectification_get(policy=request.policy, pk=pk)
    return serve_file(item.evidence)
