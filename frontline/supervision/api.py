"""/api/v1/supervision/…: assignments, visits, findings, rectification items (same services)."""

from datetime import date

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from frontline.core import clock
from frontline.core.api_support import LimitOffsetPagination, api_policy
from frontline.people.models import Person
from frontline.supervision import selectors, services

router = Router(tags=["supervision"])


class AssignmentOut(Schema):
    id: int
    division_code: str
    leader_id: int
    leader: str
    assigned_on: date
    active: bool

    @staticmethod
    def resolve_leader(obj):
        return obj.leader.name


class AssignmentIn(Schema):
    leader_id: int
    division_code: str
    note: str = ""


class VisitOut(Schema):
    id: int
    division_code: str
    visited_on: date
    leader_id: int
    checked: str
    summary: str
    feedback_sent_on: date | None
    feedback_to: str


class VisitIn(Schema):
    leader_id: int
    division_code: str
    visited_on: date
    checked: str
    summary: str = ""
    companions: str = ""


class FeedbackIn(Schema):
    sent_on: date
    to: str
    feedback: str


class FindingOut(Schema):
    id: int
    division_code: str
    visit_id: int
    text: str
    serious: bool


class FindingIn(Schema):
    text: str
    serious: bool = False


class RectificationOut(Schema):
    id: int
    division_code: str
    finding_id: int
    action: str
    owner: str
    deadline: date
    closed_on: date | None
    closure_note: str
    overdue: bool

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue(clock.today())


class RectificationIn(Schema):
    action: str
    owner: str
    deadline: date


class CloseIn(Schema):
    note: str
    closed_on: date | None = None


def _leader(pk: int) -> Person:
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


@router.get("/supervision/assignments/", response=list[AssignmentOut])
@paginate(LimitOffsetPagination)
def list_assignments(request):
    return selectors.assignment_list(policy=api_policy(request))


@router.post("/supervision/assignments/", response={201: AssignmentOut})
def create_assignment(request, payload: AssignmentIn):
    api_policy(request, "supervision.change")
    return 201, services.assignment_create(
        actor=request.user,
        leader=_leader(payload.leader_id),
        division_code=payload.division_code,
        note=payload.note,
    )


@router.get("/supervision/visits/", response=list[VisitOut])
@paginate(LimitOffsetPagination)
def list_visits(request, division: str = ""):
    return selectors.visit_list(policy=api_policy(request), division=division)


@router.get("/supervision/visits/{visit_id}", response=VisitOut)
def get_visit(request, visit_id: int):
    return selectors.visit_get(policy=api_policy(request), pk=visit_id)


@router.post("/supervision/visits/", response={201: VisitOut})
def create_visit(request, payload: VisitIn):
    api_policy(request, "supervision.change")
    data = payload.dict()
    return 201, services.visit_create(actor=request.user, leader=_leader(data.pop("leader_id")), **data)


@router.post("/supervision/visits/{visit_id}/feedback", response=VisitOut)
def send_feedback(request, visit_id: int, payload: FeedbackIn):
    visit = selectors.visit_get(policy=api_policy(request), pk=visit_id)
    return services.visit_feedback(actor=request.user, visit=visit, **payload.dict())


@router.get("/supervision/findings/", response=list[FindingOut])
@paginate(LimitOffsetPagination)
def list_findings(request):
    return selectors.finding_list(policy=api_policy(request))


@router.post("/supervision/visits/{visit_id}/findings", response={201: FindingOut})
def create_finding(request, visit_id: int, payload: FindingIn):
    visit = selectors.visit_get(policy=api_policy(request), pk=visit_id)
    return 201, services.finding_create(actor=request.user, visit=visit, **payload.dict())


@router.get("/supervision/rectifications/", response=list[RectificationOut])
@paginate(LimitOffsetPagination)
def list_rectifications(request, state: str = ""):
    return selectors.rectification_list(policy=api_policy(request), state=state)


@router.post("/supervision/findings/{finding_id}/rectifications", response={201: RectificationOut})
def create_rectification(request, finding_id: int, payload: RectificationIn):
    finding = selectors.finding_get(policy=api_policy(request), pk=finding_id)
    return 201, services.rectification_create(actor=request.user, finding=finding, **payload.dict())


@router.post("/supervision/rectifications/{item_id}/close", response=RectificationOut)
def close_rectification(request, item_id: int, payload: CloseIn):
    item = selectors.rectification_get(policy=api_policy(request), pk=item_id)
    return services.rectification_close(actor=request.user, item=item, **payload.dict())
