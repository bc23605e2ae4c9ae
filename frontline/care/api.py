"""/api/v1/care/…: allocations, disbursements, visits. Amounts in integer fen (`amount_fen`); a POST
may give `amount_yuan` as text ("1,000.50") instead. An amount beyond the balance answers 422 with
the remaining balance in the message."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from frontline.care import selectors, services
from frontline.care.models import Disbursement
from frontline.care.money import parse_yuan
from frontline.core.api_support import MAX_ID, DbId, LimitOffsetPagination, PathId, api_policy
from frontline.people.models import Organization, Person

router = Router(tags=["care"])


class AllocationOut(Schema):
    id: int
    division_code: str
    title: str
    source: str
    amount_fen: int
    disbursed_fen: int
    balance_fen: int
    decided_on: date
    decided_by: str
    document_number: str


class AllocationIn(Schema):
    title: str
    amount_fen: int | None = None
    amount_yuan: str | None = None
    decided_on: date
    decided_by: str
    division_code: str | None = None
    source: str = "party_dues"
    document_number: str = ""
    notes: str = ""


class DisbursementOut(Schema):
    id: int
    division_code: str
    allocation_id: DbId
    recipient_person_id: int | None
    recipient_org_id: int | None
    recipient_name: str
    category: str
    amount_fen: int
    approver: str
    voucher_number: str
    paid_on: date
    notes: str


class DisbursementIn(Schema):
    allocation_id: DbId
    category: str
    amount_fen: int | None = None
    amount_yuan: str | None = None
    recipient_person_id: DbId | None = None
    recipient_org_id: DbId | None = None
    approver: str
    voucher_number: str
    paid_on: date
    notes: str = ""


class VisitOut(Schema):
    id: int
    division_code: str
    visited_on: date
    category: str
    recipient_person_id: int | None
    recipient_org_id: int | None
    recipient_name: str
    household: str
    visitor_ids: list[int]
    visitor_names: str
    items: str
    disbursement_id: int | None
    notes: str

    @staticmethod
    def resolve_visitor_ids(obj):
        return [p.pk for p in obj.visitors.all()]


class VisitIn(Schema):
    visited_on: date
    category: str
    recipient_person_id: DbId | None = None
    recipient_org_id: DbId | None = None
    household: str = ""
    division_code: str = ""
    visitor_ids: list[DbId] = Field(default_factory=list, max_length=100)
    visitor_names: str = ""
    items: str = ""
    disbursement_id: DbId | None = None
    notes: str = ""


def _amount(payload) -> int:
    if payload.amount_fen is not None and payload.amount_yuan not in (None, ""):
        raise ValidationError({"amount_fen": _("Give amount_fen or amount_yuan, not both.")})
    if payload.amount_fen is not None:
        return payload.amount_fen
    return parse_yuan(payload.amount_yuan or "", field="amount_yuan")


def _person(policy, pk):
    return policy.get_or_404(Person.objects.all(), pk=pk) if pk else None


def _org(policy, pk):
    return policy.get_or_404(Organization.objects.all(), pk=pk) if pk else None


@router.get("/care/allocations/", response=list[AllocationOut])
@paginate(LimitOffsetPagination)
def list_allocations(request):
    return selectors.allocation_list(policy=api_policy(request))


@router.get("/care/allocations/{allocation_id}", response=AllocationOut)
def get_allocation(request, allocation_id: PathId):
    return selectors.allocation_get(policy=api_policy(request), pk=allocation_id)


@router.post("/care/allocations/", response={201: AllocationOut})
def create_allocation(request, payload: AllocationIn):
    policy = api_policy(request, "care.change")
    allocation = services.allocation_create(
        actor=request.user,
        title=payload.title,
        amount_fen=_amount(payload),
        decided_on=payload.decided_on,
        decided_by=payload.decided_by,
        division_code=payload.division_code or policy.prefix,
        source=payload.source,
        document_number=payload.document_number,
        notes=payload.notes,
    )
    return 201, allocation


@router.get("/care/disbursements/", response=list[DisbursementOut])
@paginate(LimitOffsetPagination)
def list_disbursements(
    request, allocation: int | None = Query(None, ge=1, le=MAX_ID), category: str = "", division: str = ""
):
    return selectors.disbursement_list(
        policy=api_policy(request), allocation=allocation, category=category, division=division
    )


@router.get("/care/disbursements/{disbursement_id}", response=DisbursementOut)
def get_disbursement(request, disbursement_id: PathId):
    return selectors.disbursement_get(policy=api_policy(request), pk=disbursement_id)


@router.post("/care/disbursements/", response={201: DisbursementOut})
def create_disbursement(request, payload: DisbursementIn):
    policy = api_policy(request, "care.change")
    allocation = selectors.allocation_get(policy=policy, pk=payload.allocation_id)
    disbursement = services.disbursement_create(
        actor=request.user,
        allocation=allocation,
        category=payload.category,
        amount_fen=_amount(payload),
        recipient_person=_person(policy, payload.recipient_person_id),
        recipient_org=_org(policy, payload.recipient_org_id),
        approver=payload.approver,
        voucher_number=payload.voucher_number,
        paid_on=payload.paid_on,
        notes=payload.notes,
    )
    return 201, disbursement


@router.get("/care/visits/", response=list[VisitOut])
@paginate(LimitOffsetPagination)
def list_visits(request, category: str = ""):
    return selectors.visit_list(policy=api_policy(request), category=category)


@router.get("/care/visits/{visit_id}", response=VisitOut)
def get_visit(request, visit_id: PathId):
    return selectors.visit_get(policy=api_policy(request), pk=visit_id)


@router.post("/care/visits/", response={201: VisitOut})
def create_visit(request, payload: VisitIn):
    policy = api_policy(request, "care.visit")
    # Visitors may come from the county department above the caller: looked up by id here, the
    # service refuses anyone outside the jurisdiction and the divisions above it.
    visitors = list(Person.objects.filter(pk__in=payload.visitor_ids))
    if len(visitors) != len(set(payload.visitor_ids)):
        raise ValidationError({"visitor_ids": _("Unknown visitor.")})
    disbursement = (
        policy.get_or_404(Disbursement.objects.all(), pk=payload.disbursement_id)
        if payload.disbursement_id
        else None
    )
    visit = services.visit_create(
        actor=request.user,
        visited_on=payload.visited_on,
        category=payload.category,
        recipient_person=_person(policy, payload.recipient_person_id),
        recipient_org=_org(policy, payload.recipient_org_id),
        household=payload.household,
        division_code=payload.division_code,
        visitors=visitors,
        visitor_names=payload.visitor_names,
        items=payload.items,
        disbursement=disbursement,
        notes=payload.notes,
    )
    return 201, selectors.visit_get(policy=policy, pk=visit.pk)
