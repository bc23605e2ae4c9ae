"""/api/v1 for checkpoints and registrations. The POST calls the same service as the phone page."""

import datetime as dt
from decimal import Decimal
from uuid import UUID

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from frontline.checkpoints import registration, selectors, services
from frontline.checkpoints.models import Checkpoint
from frontline.checkpoints.places import place_name
from frontline.core.api_support import LimitOffsetPagination, api_policy
from frontline.people.models import Organization

router = Router(tags=["checkpoints"])


class PlaceIn(Schema):
    code: str = ""
    text: str = ""


class OccupantIn(Schema):
    name: str = ""
    id_number: str = ""
    phone: str = ""
    temperature: str | float | None = None


class RegistrationIn(Schema):
    client_uuid: UUID
    checkpoint_id: int
    plate: str
    vehicle_type: str
    direction: str
    origin: PlaceIn | str
    destination: PlaceIn | str
    registered_at: dt.datetime | None = None
    occupants: list[OccupantIn]


class PlaceOut(Schema):
    code: str
    name: str
    text: str


class OccupantOut(Schema):
    name: str
    id_number: str
    phone: str
    temperature: Decimal
    is_fever: bool

    @staticmethod
    def resolve_id_number(obj):
        return obj.person.id_masked

    @staticmethod
    def resolve_phone(obj):
        return obj.phone_masked


class RegistrationOut(Schema):
    id: int
    division_code: str
    client_uuid: UUID
    checkpoint_id: int
    checkpoint: str
    plate: str
    plate_province: str
    vehicle_type: str
    direction: str
    origin: PlaceOut
    destination: PlaceOut
    registered_at: dt.datetime
    occupants: list[OccupantOut]
    alerts: list[str]

    @staticmethod
    def resolve_checkpoint(obj):
        return obj.checkpoint.name

    @staticmethod
    def resolve_origin(obj):
        return {"code": obj.origin_code, "name": place_name(obj.origin_code), "text": obj.origin_text}

    @staticmethod
    def resolve_destination(obj):
        return {
            "code": obj.destination_code,
            "name": place_name(obj.destination_code),
            "text": obj.destination_text,
        }

    @staticmethod
    def resolve_occupants(obj):
        return list(obj.occupants.all())

    @staticmethod
    def resolve_alerts(obj):
        return registration.alert_codes(obj)


class CheckpointOut(Schema):
    id: int
    division_code: str
    name: str
    kind: str
    location: str
    responsible_id: int | None
    active_from: dt.date
    active_to: dt.date | None
    shift_starts: list[str]


class CheckpointIn(Schema):
    name: str
    division_code: str
    kind: str = "road"
    location: str = ""
    responsible_id: int | None = None
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    shift_starts: list[str] | str | None = None


@router.post("/checkpoint-registrations/", response={200: RegistrationOut, 201: RegistrationOut})
def create_registration(request, payload: RegistrationIn):
    policy = api_policy(request, "checkpoints.register")
    checkpoint = policy.fetch_or_404(Checkpoint, payload.checkpoint_id)
    reg, created = registration.registration_create(
        actor=request.user,
        checkpoint=checkpoint,
        client_uuid=payload.client_uuid,
        plate=payload.plate,
        vehicle_type=payload.vehicle_type,
        direction=payload.direction,
        origin=payload.origin,
        destination=payload.destination,
        registered_at=payload.registered_at,
        occupants=[o.dict() for o in payload.occupants],
        source="api",
        request=request,
    )
    if not created:
        return 200, reg
    # A new record: answered from what the service just wrote, in RegistrationOut's shape and with the
    # API's own renderer, without querying it back or running the schema's resolvers (they cost more
    # than the whole write; test_api_registration_answer_matches_detail keeps the two identical).
    from frontline.api import api

    return api.create_response(request, registration.registration_answer(reg, checkpoint), status=201)


@router.get("/checkpoint-registrations/", response=list[RegistrationOut])
@paginate(LimitOffsetPagination)
def list_registrations(request, checkpoint_id: int | None = None, date: dt.date | None = None):
    policy = api_policy(request, "checkpoints.view")
    return selectors.registration_list(policy=policy, checkpoint=checkpoint_id, day=date)


@router.get("/checkpoint-registrations/{registration_id}", response=RegistrationOut)
def get_registration(request, registration_id: int):
    return selectors.registration_get(policy=api_policy(request, "checkpoints.view"), pk=registration_id)


@router.get("/checkpoints/", response=list[CheckpointOut])
@paginate(LimitOffsetPagination)
def list_checkpoints(request, active_on: dt.date | None = None, kind: str = ""):
    return selectors.checkpoint_list(
        policy=api_policy(request, "checkpoints.view"), active_on=active_on, kind=kind
    )


@router.get("/checkpoints/{checkpoint_id}", response=CheckpointOut)
def get_checkpoint(request, checkpoint_id: int):
    return selectors.checkpoint_get(policy=api_policy(request, "checkpoints.view"), pk=checkpoint_id)


@router.post("/checkpoints/", response={201: CheckpointOut})
def create_checkpoint(request, payload: CheckpointIn):
    policy = api_policy(request, "checkpoints.manage")
    responsible = None
    if payload.responsible_id is not None:
        responsible = Organization.objects.filter(pk=payload.responsible_id).first()
        if responsible is None:
            raise Http404
    data = payload.dict(exclude={"responsible_id"})
    cp = services.checkpoint_create(actor=policy.user, responsible=responsible, **data)
    return 201, cp
