import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.care import selectors, services
from frontline.care.forms import AllocationForm, DisbursementForm, VisitForm
from frontline.care.models import Disbursement, RecipientCategory
from frontline.care.money import format_fen
from frontline.core import clock, figures
from frontline.core.exports import Column, export_xlsx
from frontline.core.files import serve_file
from frontline.core.paging import paginate
from frontline.core.scoping import scoped
from frontline.people.models import Person
from frontline.people.protection import id_hash
from frontline.people.selectors import organization_list


def _orgs(policy):
    # Recipients must be inside the jurisdiction (services check again).
    return policy.scope(organization_list(policy=policy)).order_by("division_code", "kind", "name")


def _person_by_id(policy, id_value: str):
    if not id_value:
        return None
    person = policy.scope(Person.objects.filter(id_hash=id_hash(id_value))).first()
    if person is None:
        raise ValidationError(
            {"recipient": _("No person with this ID number in your jurisdiction; register them first.")}
        )
    return person


def _form_errors(form, exc: ValidationError):
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


FIGURES = ["care_fund_allocated_yuan", "care_fund_disbursed_yuan", "care_recipients", "care_visits"]
SINCE = dt.date(2020, 1, 1)  # the epidemic response began in January 2020: "to date" figures


@scoped("care.view")
def index(request):
    values = figures.compute(request.policy.prefix, SINCE, clock.today(), FIGURES)
    return render(
        request,
        "care/index.html",
        {
            "allocations": selectors.allocation_list(policy=request.policy),
            "figures": [(figures.get_figure(k), values[k]) for k in FIGURES],
            "balance_fen": selectors.balance_fen(policy=request.policy),
            "by_category": selectors.category_totals(policy=request.policy),
            "categories": dict(RecipientCategory.choices),
            "can_change": request.policy.has("care.change"),
        },
    )


@scoped("care.change")
def allocation_new(request):
    form = AllocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allocation = services.allocation_create(
                actor=request.user,
                title=data["title"],
                source=data["source"],
                amount_fen=data["amount"],
                decided_on=data["decided_on"],
                decided_by=data["decided_by"],
                document_number=data["document_number"],
                notes=data["notes"],
                division_code=request.policy.prefix,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Allocation recorded."))
            return redirect("care:ledger", pk=allocation.pk)
    return render(request, "care/allocation_form.html", {"form": form}, status=422 if form.errors else 200)


@scoped("care.view")
@never_cache
def ledger(request, pk: int):
    allocation = selectors.allocation_get(policy=request.policy, pk=pk)
    form = None
    if request.policy.has("care.change"):
        form = DisbursementForm(organizations=_orgs(request.policy))
    return _ledger(request, allocation, form)


def _ledger(request, allocation, form, status=200):
    return render(
        request,
        "care/ledger.html",
        {
            "allocation": allocation,
            "rows": selectors.ledger_rows(policy=request.policy, allocation=allocation),
            "by_category": selectors.category_totals(policy=request.policy, allocation=allocation),
            "categories": dict(RecipientCategory.choices),
            "form": form,
        },
        status=status,
    )


@require_POST
@scoped("care.change")
@never_cache  # a refused form echoes the typed ID number back
def disburse(request, pk: int):
    allocation = selectors.allocation_get(policy=request.policy, pk=pk)
    form = DisbursementForm(request.POST, request.FILES, organizations=_orgs(request.policy))
    if form.is_valid():
        data = form.cleaned_data
        try:
            person = _person_by_id(request.policy, data["recipient_id_number"])
            services.disbursement_create(
                actor=request.user,
                allocation=allocation,
                category=data["category"],
                amount_fen=data["amount"],
                recipient_person=person,
                recipient_org=data["recipient_org"],
                approver=data["approver"],
                voucher_number=data["voucher_number"],
                voucher_file=data["voucher_file"],
                paid_on=data["paid_on"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Disbursement recorded."))
            return redirect("care:ledger", pk=allocation.pk)
    allocation.refresh_from_db()
    return _ledger(request, allocation, form, status=422)


@scoped("care.view")
@never_cache
def disbursement_list(request):
    category = request.GET.get("category", "")
    if category and category not in RecipientCategory.values:
        category = ""
    qs = selectors.disbursement_list(policy=request.policy, category=category)
    return render(
        request,
        "care/disbursement_list.html",
        {
            "page": paginate(request, qs),
            "category": category,
            "categories": RecipientCategory.choices,
            "can_export": request.policy.has("care.export"),
        },
    )


@require_POST
@scoped("care.export")
def disbursement_export(request):
    qs = selectors.disbursement_list(policy=request.policy, category=request.POST.get("category", ""))
    columns = [
        Column(_("Date paid"), lambda d: d.paid_on.isoformat()),
        Column(_("Allocation"), lambda d: d.allocation.title, width=24),
        Column(_("Recipient"), lambda d: d.recipient_name, width=20),
        Column(_("Category"), lambda d: d.get_category_display(), width=18),
        Column(_("Amount (yuan)"), lambda d: format_fen(d.amount_fen)),
        Column(_("Approver"), lambda d: d.approver),
        Column(_("Voucher number"), lambda d: d.voucher_number),
        Column(_("Division"), lambda d: d.division_code, width=16),
    ]
    return export_xlsx(
        actor=request.user,
        policy=request.policy,
        title=str(_("Care fund disbursements")),
        columns=columns,
        rows=qs.iterator(chunk_size=2000),
        object_type="care.disbursement",
        division_code=request.policy.prefix,
        request=request,
    )


@scoped("care.view")
@never_cache
def voucher_scan(request, pk: int):
    """A voucher scan carries the recipient's name and signature: served through the policy only."""
    disbursement = selectors.disbursement_get(policy=request.policy, pk=pk)
    ext = (disbursement.voucher_file.name or "").rsplit(".", 1)[-1].lower()
    return serve_file(disbursement.voucher_file, filename=f"voucher-{disbursement.pk}.{ext}")


@scoped("care.view")
@never_cache
def visit_list(request):
    form = None
    if request.policy.has("care.visit"):
        form = VisitForm(organizations=_orgs(request.policy))
    return _visits(request, form)


def _visits(request, form, status=200):
    qs = selectors.visit_list(policy=request.policy)
    return render(
        request, "care/visit_list.html", {"page": paginate(request, qs), "form": form}, status=status
    )


@require_POST
@scoped("care.visit")
@never_cache
def visit_new(request):
    form = VisitForm(request.POST, organizations=_orgs(request.policy))
    if form.is_valid():
        data = form.cleaned_data
        try:
            person = _person_by_id(request.policy, data["recipient_id_number"])
            disbursement = None
            if data["voucher_number"]:
                disbursement = request.policy.scope(
                    Disbursement.objects.filter(voucher_number=data["voucher_number"].strip())
                ).first()
                if disbursement is None:
                    raise ValidationError({"voucher_number": _("No disbursement with this voucher number.")})
            services.visit_create(
                actor=request.user,
                visited_on=data["visited_on"],
                category=data["category"],
                recipient_person=person,
                recipient_org=data["recipient_org"],
                household=data["household"],
                division_code=data["division_code"] or request.policy.prefix,
                visitor_names=data["visitor_names"],
                items=data["items"],
                disbursement=disbursement,
                notes=data["notes"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except Http404:
            form.add_error("division_code", _("This division is outside your jurisdiction."))
        else:
            messages.success(request, _("Visit recorded."))
            return redirect("care:visits")
    return _visits(request, form, status=422)
