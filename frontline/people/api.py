from datetime import date
from typing import Literal

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from frontline.core.api_support import LimitOffsetPagination, PersonRecordOut, api_policy
from frontline.people import selectors, services

router = Router(tags=["people"])


class PersonOut(Schema):
    """Identifiers are always masked here; POST …/unmask returns one whole value (audited)."""

    id: int
    division_code: str
    name: str
    gender: str
    id_number: str
    phone: str

    @staticmethod
    def resolve_id_number(obj):
        return obj.id_masked

    @staticmethod
    def resolve_phone(obj):
        return obj.phone_masked


class PersonIn(Schema):
    name: str
    division_code: str
    id_number: str = ""
    phone: str = ""
    address: str = ""


class UnmaskIn(Schema):
    field: Literal["id_number", "phone"]


class UnmaskOut(Schema):
    id: int
    field: str
    value: str


class OrganizationOut(Schema):
    id: int
    division_code: str
    name: str
    kind: str
    parent_id: int | None
    responsibilities: str


class MemberOut(PersonRecordOut):
    id: int
    division_code: str
    person_id: int
    name: str
    id_number: str
    kind: str
    organization_id: int
    organization: str
    title: str
    joined_on: date | None

    @staticmethod
    def resolve_organization(obj):
        return obj.organization.name


class PersonSearch(Schema):
    q: str = Field("", max_length=100, description="a name (prefix) or a whole ID number")
    division: str = Field("", max_length=15)


@router.get("/people/", response=list[PersonOut])
@paginate(LimitOffsetPagination)
def list_people(request, division: str = ""):
    return selectors.person_list(policy=api_policy(request), division=division)


@router.post("/people/search", response=list[PersonOut])
@paginate(LimitOffsetPagination)
def search_people(request, payload: PersonSearch):
    """The list searched by name or whole ID number; by POST so that neither lands in a URL or a log."""
    return selectors.person_list(policy=api_policy(request), q=payload.q, division=payload.division)


@router.post("/people/", response={201: PersonOut})
def create_person(request, payload: PersonIn):
    person = services.person_create(actor=request.user, **payload.dict())
    return 201, person


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request, person_id: int):
    return selectors.person_get(policy=api_policy(request), pk=person_id)


@router.post("/people/{person_id}/unmask", response=UnmaskOut)
def unmask_person(request, person_id: int, payload: UnmaskIn):
    person = selectors.person_get(policy=api_policy(request), pk=person_id)
    value = services.person_unmask(actor=request.user, person=person, field=payload.field, request=request)
    return {"id": person.pk, "field": payload.field, "value": value}


@router.get("/organizations/", response=list[OrganizationOut])
@paginate(LimitOffsetPagination)
def list_organizations(request, kind: str = ""):
    return selectors.organization_list(policy=api_policy(request), kind=kind)


@router.get("/organizations/{org_id}", response=OrganizationOut)
def get_organization(request, org_id: int):
    return selectors.organization_get(policy=api_policy(request), pk=org_id)


@router.get("/members/", response=list[MemberOut])
@paginate(LimitOffsetPagination)
def list_members(request, kind: str = "", division: str = ""):
    return selectors.member_list(policy=api_policy(request), kind=kind, division=division)
