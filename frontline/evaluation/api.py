"""/api/v1/evaluation/…: scoped reads of assessments (county organization department and township
leadership only), writes of observations, commendations, pool entries, and the cadre profile."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from frontline.core.api_support import DbId, LimitOffsetPagination, PathId, PersonRecordOut, api_policy
from frontline.evaluation import selectors, services
from frontline.evaluation.models import Commendation, Observation
from frontline.evaluation.profile import sections_for

router = Router(tags=["evaluation"])


class ObservationOut(PersonRecordOut):
    id: int
    division_code: str
    cadre_id: DbId
    person_id: DbId
    name: str
    observed_on: date
    event: str
    conduct: str
    rating: str
    assessment: str
    observer: str


class ObservationIn(Schema):
    cadre_id: DbId
    observed_on: date
    event: str
    conduct: str
    rating: str
    observer: str
    assessment: str = ""


class CommendationOut(PersonRecordOut):
    id: int
    division_code: str
    person_id: DbId
    name: str
    level: str
    title: str
    awarded_on: date
    awarded_by: str


class JustificationOut(Schema):
    type: str
    id: int
    summary: str


class PoolEntryOut(PersonRecordOut):
    id: int
    division_code: str
    person_id: DbId
    name: str
    pool: str
    status: str
    reason: str
    proposed_on: date
    automatic: bool
    justifications: list[JustificationOut]

    @staticmethod
    def resolve_justifications(obj):
        out = []
        for j in obj.justifications.all():
            ct = ContentType.objects.get_for_id(j.content_type_id)
            out.append({"type": f"{ct.app_label}.{ct.model}", "id": j.object_id, "summary": j.summary})
        return out


class PoolEntryIn(Schema):
    person_id: DbId
    pool: str
    reason: str
    observation_ids: list[DbId] = Field(default_factory=list, max_length=100)
    commendation_ids: list[DbId] = Field(default_factory=list, max_length=100)


class AdjustmentOut(Schema):
    id: int
    division_code: str
    person_id: DbId
    kind: str
    decided_on: date
    reason: str
    from_position: str
    to_position: str
    decided_by: str


class SectionOut(Schema):
    key: str
    title: str
    count: int


class ProfileOut(Schema):
    cadre_id: DbId
    person_id: DbId
    division_code: str
    name: str
    sections: list[SectionOut]


@router.get("/evaluation/observations/", response=list[ObservationOut])
@paginate(LimitOffsetPagination)
def list_observations(request, rating: str = ""):
    return selectors.observation_list(policy=api_policy(request), rating=rating)


@router.get("/evaluation/observations/{observation_id}", response=ObservationOut)
def get_observation(request, observation_id: PathId):
    return selectors.observation_get(policy=api_policy(request), pk=observation_id)


@router.post("/evaluation/observations/", response={201: ObservationOut})
def create_observation(request, payload: ObservationIn):
    policy = api_policy(request, "evaluation.change")
    cadre = selectors.cadre_get(policy=policy, pk=payload.cadre_id)
    data = payload.dict()
    data.pop("cadre_id")
    return 201, services.observation_create(actor=request.user, cadre=cadre, **data)


@router.get("/evaluation/commendations/", response=list[CommendationOut])
@paginate(LimitOffsetPagination)
def list_commendations(request):
    return selectors.commendation_list(policy=api_policy(request))


@router.get("/evaluation/commendations/{commendation_id}", response=CommendationOut)
def get_commendation(request, commendation_id: PathId):
    return selectors.commendation_get(policy=api_policy(request), pk=commendation_id)


@router.get("/evaluation/pool-entries/", response=list[PoolEntryOut])
@paginate(LimitOffsetPagination)
def list_pool_entries(request, pool: str = ""):
    return selectors.pool_entry_list(policy=api_policy(request), pool=pool)


@router.get("/evaluation/pool-entries/{entry_id}", response=PoolEntryOut)
def get_pool_entry(request, entry_id: PathId):
    return selectors.pool_entry_get(policy=api_policy(request), pk=entry_id)


@router.post("/evaluation/pool-entries/", response={201: PoolEntryOut})
def create_pool_entry(request, payload: PoolEntryIn):
    policy = api_policy(request, "evaluation.decide")
    from frontline.people.models import Person

    person = policy.get_or_404(Person.objects.all(), pk=payload.person_id)
    records = list(policy.scope(Observation.objects.filter(pk__in=payload.observation_ids)))
    records += list(policy.scope(Commendation.objects.filter(pk__in=payload.commendation_ids)))
    if len(records) != len(set(payload.observation_ids)) + len(set(payload.commendation_ids)):
        raise ValidationError({"records": _("A cited record does not exist.")})
    entry = services.pool_entry_propose(
        actor=request.user, person=person, pool=payload.pool, reason=payload.reason, records=records
    )
    return 201, selectors.pool_entry_get(policy=policy, pk=entry.pk)


@router.get("/evaluation/adjustments/", response=list[AdjustmentOut])
@paginate(LimitOffsetPagination)
def list_adjustments(request):
    return selectors.adjustment_list(policy=api_policy(request))


@router.get("/evaluation/adjustments/{adjustment_id}", response=AdjustmentOut)
def get_adjustment(request, adjustment_id: PathId):
    return selectors.adjustment_get(policy=api_policy(request), pk=adjustment_id)


@router.get("/evaluation/cadres/{cadre_id}/profile", response=ProfileOut)
def cadre_profile(request, cadre_id: PathId):
    policy = api_policy(request)
    cadre = selectors.cadre_get(policy=policy, pk=cadre_id)
    sections = [s for s in sections_for(cadre.person, policy) if not s.unavailable]
    return {
        "cadre_id": cadre.pk,
        "person_id": cadre.person_id,
        "division_code": cadre.division_code,
        "name": cadre.person.name,
        "sections": [{"key": s.key, "title": str(s.title), "count": s.count} for s in sections],
    }
