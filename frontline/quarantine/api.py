"""/api/v1: returnees, quarantines, check-ins (an external symptom diary may push here too, as
SORMAS's /visits-external), living-support requests. Scoped and masked like the pages."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from frontline.checkpoints.models import Occupant
from frontline.core import clock
from frontline.core.api_support import LimitOffsetPagination, PersonRecordOut, api_policy
from frontline.people.identifiers import parse_id_number, parse_mobile
from frontline.people.services import PersonRow
from frontline.quarantine import selectors, services
from frontline.quarantine.models import Campaign

router = Router(tags=["quarantine"])


class ReturneeOut(PersonRecordOut):
    id: int
    division_code: str
    campaign_id: int
    person_id: int
    name: str
    id_number: str
    returned_from_code: str
    returned_from_text: str
    return_date: dt.date
    travel_mode: str
    travel_number: str
    contact: str
    symptoms: list[str]
    source: str
    source_ref: str
    risk_class: str
    rescreen_of_id: int | None
    screened_at: dt.datetime


class ReturneeIn(Schema):
    campaign_id: int
    name: str = Field(max_length=50)
    id_number: str = ""
    phone: str = ""
    division_code: str
    returned_from_code: str = ""
    returned_from_text: str = ""
    return_date: dt.date
    travel_mode: Literal["train", "flight", "car", "bus", "other"]
    travel_number: str = ""
    contact: Literal["none", "suspected", "confirmed"] = "none"
    symptoms: list[str] = []
    temperature: Decimal | None = None
    source: Literal["checkpoint", "door_to_door", "self_report", "big_data"]
    source_ref: str = ""
    rescreen_reason: str = ""


class TeamOut(PersonRecordOut):
    role: str
    person_id: int
    name: str


class QuarantineOut(PersonRecordOut):
    id: int
    division_code: str
    person_id: int
    name: str
    id_number: str
    returnee_id: int | None
    started_at: dt.datetime
    start_date: dt.date
    ends_on: dt.date
    status: str
    ended_at: dt.datetime | None


class QuarantineDetailOut(QuarantineOut):
    team: list[TeamOut]
    checkins_done: int
    overdue_slots: list[str]
    due_slots: list[str]


class CheckInIn(Schema):
    temperature: Decimal
    slot: Literal["am", "pm", ""] = ""
    slot_date: dt.date | None = None
    taken_at: dt.datetime | None = None
    symptoms: list[str] = []
    source: Literal["team", "household", "external"] = "external"
    note: str = Field("", max_length=200)


class CheckInOut(Schema):
    id: int
    division_code: str
    quarantine_id: int
    slot_date: dt.date
    slot: str
    taken_at: dt.datetime
    temperature: Decimal
    symptoms: list[str]
    source: str
    fever: bool
    alert_status: str


class SupportOut(Schema):
    id: int
    division_code: str
    quarantine_id: int
    kind: str
    items: str
    status: str
    source: str
    source_ref: str
    requested_at: dt.datetime
    assignee_id: int | None
    delivered_at: dt.datetime | None
    late: bool

    @staticmethod
    def resolve_late(obj):
        return obj.status in ("open", "assigned") and obj.requested_at < selectors.late_before()


class SupportIn(Schema):
    kind: Literal["supplies", "medicine", "other"]
    items: str = Field(max_length=300)
    note: str = Field("", max_length=300)
    source: str = Field("api", max_length=30)
    source_ref: str = Field("", max_length=100)


# -- returnees ------------------------------------------------------------------------------------


@router.get("/returnees/", response=list[ReturneeOut])
@paginate(LimitOffsetPagination)
def list_returnees(request, risk: str = "", campaign: int | None = None):
    return selectors.returnee_list(policy=api_policy(request), risk=risk, campaign=campaign)


@router.get("/returnees/{returnee_id}", response=ReturneeOut)
def get_returnee(request, returnee_id: int):
    return selectors.returnee_get(policy=api_policy(request), pk=returnee_id)


@router.post("/returnees/", response={201: ReturneeOut})
def create_returnee(request, payload: ReturneeIn):
    policy = api_policy(request, "quarantine.screen")
    campaign = selectors.active_campaigns(policy=policy).filter(pk=payload.campaign_id).first()
    if campaign is None:
        if Campaign.objects.filter(pk=payload.campaign_id).exists():
            raise ValidationError({"campaign_id": _("This campaign is closed.")})
        raise ValidationError({"campaign_id": _("Unknown campaign.")})
    row = PersonRow(name=payload.name.strip(), division_code=payload.division_code)
    try:
        if payload.id_number:
            idn = parse_id_number(payload.id_number, today=clock.today())
            row.id_value, row.birth_date, row.gender = idn.value, idn.birth_date, idn.gender
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages[0]}) from None
    try:
        if payload.phone:
            row.phone = parse_mobile(payload.phone)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages[0]}) from None
    record = services.returnee_screen(
        actor=request.user,
        campaign=campaign,
        person_row=row,
        returned_from_code=payload.returned_from_code,
        returned_from_text=payload.returned_from_text,
        return_date=payload.return_date,
        travel_mode=payload.travel_mode,
        travel_number=payload.travel_number,
        contact=payload.contact,
        symptoms=payload.symptoms,
        temperature=payload.temperature,
        source=payload.source,
        source_ref=payload.source_ref,
        rescreen_reason=payload.rescreen_reason,
    )
    return 201, record


class DuplicateOut(Schema):
    message: str
    existing_id: int | None


@router.post(
    "/checkpoint-registrations/{registration_id}/occupants/{occupant_id}/screen",
    response={201: ReturneeOut, 409: DuplicateOut},
)
def screen_checkpoint_occupant(request, registration_id: int, occupant_id: int, division_code: str = ""):
    """Turn one occupant of a checkpoint registration into a returnee screening (issue 4), in the
    newest active campaign, with origin, day, vehicle, plate and temperature taken from the
    registration (source "checkpoint", source_ref "checkpoints.registration:<id>"). `division_code`
    (query) names the village the person stays in when the registration only knows a township.
    Needs quarantine.screen and checkpoints.view (403); a registration outside the jurisdiction is a
    404; a person already screened in the campaign is a 409 naming the existing record."""
    policy = api_policy(request, "quarantine.screen")
    policy.require("checkpoints.view")
    occupant = policy.get_or_404(
        Occupant.objects.select_related("registration", "person"),
        pk=occupant_id,
        registration_id=registration_id,
    )
    try:
        record = services.returnee_from_checkpoint(
            actor=request.user, occupant=occupant, division_code=division_code[:15]
        )
    except services.DuplicateScreening as exc:
        existing = exc.existing
        return 409, {
            "message": " ".join(exc.messages),
            "existing_id": existing.pk if policy.covers(existing.division_code) else None,
        }
    return 201, record


# -- quarantines and check-ins --------------------------------------------------------------------


@router.get("/quarantines/", response=list[QuarantineOut])
@paginate(LimitOffsetPagination)
def list_quarantines(request, state: Literal["open", "ended", "all"] = "open"):
    return selectors.quarantine_list(policy=api_policy(request), state=state)


def _slot_label(pair):
    return f"{pair[0].isoformat()} {pair[1]}"


@router.get("/quarantines/{quarantine_id}", response=QuarantineDetailOut)
def get_quarantine(request, quarantine_id: int):
    q = selectors.quarantine_get(policy=api_policy(request), pk=quarantine_id)
    state = selectors.slot_states([q], clock.now())[q.pk]
    q.checkins_done = state.done
    q.overdue_slots = [_slot_label(s) for s in state.overdue]
    q.due_slots = [_slot_label(s) for s in state.due]
    q.team = list(q.team.all())
    return q


@router.get("/quarantines/{quarantine_id}/checkins/", response=list[CheckInOut])
@paginate(LimitOffsetPagination)
def list_checkins(request, quarantine_id: int):
    q = selectors.quarantine_get(policy=api_policy(request), pk=quarantine_id)
    return q.checkins.order_by("-slot_date", "-slot", "-taken_at")


@router.post("/quarantines/{quarantine_id}/checkins/", response={201: CheckInOut})
def create_checkin(request, quarantine_id: int, payload: CheckInIn):
    """One temperature. Refused with 422 and a clear message when the quarantine has ended; 403 for
    anyone neither on its team nor in a role that may check in any quarantine of the jurisdiction."""
    policy = api_policy(request, "quarantine.checkin")
    q = selectors.quarantine_get(policy=policy, pk=quarantine_id)
    record = services.checkin_record(actor=request.user, quarantine=q, **payload.dict())
    return 201, record


# -- living support -------------------------------------------------------------------------------


@router.get("/support-requests/", response=list[SupportOut])
@paginate(LimitOffsetPagination)
def list_support(request, state: Literal["pending", "late", "done", "all"] = "pending"):
    return selectors.support_list(policy=api_policy(request), state=state)


@router.get("/support-requests/{request_id}", response=SupportOut)
def get_support(request, request_id: int):
    return selectors.support_get(policy=api_policy(request), pk=request_id)


@router.post("/quarantines/{quarantine_id}/support-requests/", response={201: SupportOut})
def create_support(request, quarantine_id: int, payload: SupportIn):
    policy = api_policy(request, "quarantine.support")
    q = selectors.quarantine_get(policy=policy, pk=quarantine_id)
    return 201, services.support_request_create(actor=request.user, quarantine=q, **payload.dict())
