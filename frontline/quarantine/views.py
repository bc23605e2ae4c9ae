"""Workbenches, returnee screening, grids and the risk table. Thin: parse → authorize → service → render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from frontline.core import clock
from frontline.core.paging import paginate, posted_search
from frontline.core.scoping import scoped
from frontline.people.identifiers import parse_id_number, parse_mobile
from frontline.people.models import Person
from frontline.people.services import PersonRow
from frontline.quarantine import forms, selectors, services
from frontline.quarantine.models import RiskClass, RiskRule
from frontline.quarantine.services.screening import RULE_FIELDS
from frontline.regions.models import Division


def _division(code):
    return Division.objects.filter(code=code).first()


@scoped("quarantine.view")
@never_cache
def workbench(request, code: str | None = None):
    """Village (or grid) users: today's work. Township and county users: their divisions side by side."""
    policy = request.policy
    code = code or policy.prefix
    policy.require_covers(code)
    division = _division(code)
    if division is None:
        raise Http404
    if len(code) >= 12:
        data = selectors.village_today(policy=policy, code=code)
        may_screen = policy.has("quarantine.screen")
        return render(
            request, "quarantine/workbench.html", {"division": division, "may_screen": may_screen, **data}
        )
    rows = selectors.children_overview(policy=policy, code=code)
    totals = {
        k: sum(r[k] for r in rows)
        for k in ("screened_today", "screened", "active", "overdue", "alerts", "support", "late")
    }
    return render(request, "quarantine/overview.html", {"division": division, "rows": rows, "totals": totals})


# -- returnees ------------------------------------------------------------------------------------


@scoped("quarantine.view")
@never_cache
def returnee_list(request):
    # Searches come by POST: names and ID numbers never land in URLs or access logs.
    search = posted_search(request, "q")
    risk = request.GET.get("risk", "")
    page = paginate(request, selectors.returnee_list(policy=request.policy, q=search["q"], risk=risk))
    return render(
        request,
        "quarantine/returnee_list.html",
        {
            "page": page,
            "q": search["q"],
            "search": search,
            "risk": risk,
            "risk_classes": RiskClass.choices,
            # County leaders and police read returnees; screening one is not theirs to do.
            "may_screen": request.policy.has("quarantine.screen"),
        },
    )


def _screening_form(request, data=None):
    policy = request.policy
    divisions = list(
        Division.objects.filter(policy.q("code"), level__in=["village", "grid"]).order_by("code")[:500]
    )
    campaigns = list(selectors.active_campaigns(policy=policy))
    return forms.ScreeningForm(data, divisions=divisions, campaigns=campaigns), campaigns


def _person_row(form) -> PersonRow:
    d = form.cleaned_data
    row = PersonRow(name=d["name"].strip(), division_code=d["division_code"], address=d["address"])
    if d["id_number"]:
        idn = parse_id_number(d["id_number"], today=clock.today())
        row.id_value, row.birth_date, row.gender = idn.value, idn.birth_date, idn.gender
    if d["phone"]:
        row.phone = parse_mobile(d["phone"])
    return row


@scoped("quarantine.screen")
@never_cache
def returnee_new(request):
    form, campaigns = _screening_form(request, request.POST if request.method == "POST" else None)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        campaign = next(c for c in campaigns if c.pk == d["campaign"])
        try:
            try:
                row = _person_row(form)
            except ValidationError as exc:
                field = "phone" if getattr(exc, "code", "").startswith("phone") else "id_number"
                raise ValidationError({field: exc.messages[0]}) from None
            record = services.returnee_screen(
                actor=request.user,
                campaign=campaign,
                person_row=row,
                returned_from_code=d["returned_from_code"],
                returned_from_text=d["returned_from_text"],
                return_date=d["return_date"],
                travel_mode=d["travel_mode"],
                travel_number=d["travel_number"],
                contact=d["contact"],
                symptoms=d["symptoms"],
                temperature=d["temperature"] or None,
                source=d["source"],
                rescreen_reason=d["rescreen_reason"],
            )
        except services.DuplicateScreening as exc:
            duplicate = exc.existing if request.policy.covers(exc.existing.division_code) else None
            forms.apply_errors(form, exc)
        except ValidationError as exc:
            forms.apply_errors(form, exc)
        else:
            messages.success(
                request, _("Screening recorded: %(risk)s.") % {"risk": record.get_risk_class_display()}
            )
            if not request.policy.has("quarantine.view"):  # checkpoint duty records, it does not browse
                return redirect("quarantine:returnee_new")
            return redirect("quarantine:returnee", pk=record.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "quarantine/returnee_form.html",
        {
            "form": form,
            "campaigns": campaigns,
            "duplicate": duplicate,
            "may_rescreen": request.policy.has("quarantine.rescreen"),
        },
        status=status,
    )


@scoped("quarantine.view")
@never_cache
def returnee_detail(request, pk: int):
    record = selectors.returnee_get(policy=request.policy, pk=pk)
    quarantines = list(record.quarantines.order_by("-start_date"))
    from frontline.quarantine.rules import quarantine_days

    return render(
        request,
        "quarantine/returnee_detail.html",
        {
            "r": record,
            "quarantines": quarantines,
            "start_form": forms.StartForm(
                initial={"days": quarantine_days(), "address": record.person.address}
            ),
            "may_manage": request.policy.has("quarantine.manage"),
            "rescreens": list(record.rescreens.select_related("screened_by")),
        },
    )


# -- grids ----------------------------------------------------------------------------------------


def _grid_form(request, data=None):
    policy = request.policy
    villages = list(selectors.village_divisions(policy=policy)[:300])
    people = list(
        policy.scope(Person.objects.filter(accounts__isnull=False).distinct()).order_by("name")[:200]
    )
    members = (
        list(selectors.party_members_for(policy=policy, division_code=policy.prefix)[:200])
        if len(policy.prefix) >= 12
        else []
    )
    return forms.GridForm(data, villages=villages, people=people + [p for p in members if p not in people])


@scoped("quarantine.view")
@never_cache
def grid_list(request):
    form = _grid_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        request.policy.require("quarantine.grids")
        if form.is_valid():
            d = form.cleaned_data
            leader = Person.objects.filter(pk=d["leader"]).first() if d["leader"] else None
            try:
                grid = services.grid_create(
                    actor=request.user, village_code=d["village_code"], name=d["name"], leader=leader
                )
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                messages.success(request, _("Grid %(name)s created.") % {"name": grid.division.name})
                return redirect("quarantine:grids")
    page = paginate(request, selectors.grid_list(policy=request.policy), per_page=100)
    return render(
        request,
        "quarantine/grid_list.html",
        {"page": page, "form": form, "may_edit": request.policy.has("quarantine.grids")},
        status=422 if request.method == "POST" else 200,
    )


@scoped("quarantine.view")
@never_cache
def grid_detail(request, pk: int):
    policy = request.policy
    grid = selectors.grid_get(policy=policy, pk=pk)
    people = list(
        Person.objects.filter(division_code__startswith=grid.division_code[:12]).order_by("name")[:300]
    )
    form = forms.HouseholdForm(request.POST if request.method == "POST" else None, people=people)
    if request.method == "POST":
        policy.require("quarantine.grids")
        if form.is_valid():
            d = form.cleaned_data
            head = next((p for p in people if p.pk == d["head"]), None)
            try:
                services.household_create(actor=request.user, grid=grid, address=d["address"], head=head)
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                messages.success(request, _("Household added."))
                return redirect("quarantine:grid", pk=grid.pk)
    page = paginate(request, selectors.household_list(policy=policy, grid=grid), per_page=100)
    return render(
        request,
        "quarantine/grid_detail.html",
        {"grid": grid, "page": page, "form": form, "may_edit": policy.has("quarantine.grids")},
        status=422 if request.method == "POST" else 200,
    )


# -- risk table -----------------------------------------------------------------------------------


@scoped("quarantine.view")
def rule_list(request):
    rules = list(RiskRule.objects.all())
    editing = None
    form = None
    if request.policy.has("quarantine.rules"):
        pk = request.GET.get("edit") or request.POST.get("pk")
        editing = RiskRule.objects.filter(pk=pk).first() if pk else None
        initial = (
            {f: getattr(editing, f) for f in RULE_FIELDS} if editing else {"order": 100, "is_active": True}
        )
        form = forms.RiskRuleForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        request.policy.require("quarantine.rules")
        if form.is_valid():
            try:
                services.risk_rule_save(actor=request.user, rule=editing, **form.cleaned_data)
            except ValidationError as exc:
                forms.apply_errors(form, exc)
            else:
                messages.success(request, _("Risk rule saved."))
                return redirect("quarantine:rules")
    return render(
        request,
        "quarantine/rules.html",
        {"rules": rules, "form": form, "editing": editing},
        status=422 if request.method == "POST" else 200,
    )
