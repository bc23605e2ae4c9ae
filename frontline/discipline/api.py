"""/api/v1/discipline/…: the same services and selectors as the pages, scoped the same way."""

from datetime import date, datetime

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from frontline.core.api_support import LimitOffsetPagination, PersonRecordOut, api_policy
from frontline.discipline import pledges, selectors, services, teams
from frontline.discipline.models import Pledge, Rule

router = Router(tags=["discipline"])


class RuleOut(Schema):
    number: int
    text: str


class RuleSetOut(Schema):
    id: int
    division_code: str
    version: int
    title: str
    issued_on: date
    in_force: bool
    rules: list[RuleOut]

    @staticmethod
    def resolve_rules(obj):
        return list(obj.rules.all())


class RuleSetIn(Schema):
    title: str
    rules: list[str]
    note: str = ""


class AckOut(Schema):
    id: int
    division_code: str
    ruleset_id: int
    cadre_id: int
    name: str
    acknowledged_at: datetime

    @staticmethod
    def resolve_name(obj):
        return obj.cadre.person.name


class AckIn(Schema):
    cadre_ids: list[int]


class CountOut(Schema):
    count: int


class CadreOut(PersonRecordOut):
    id: int
    division_code: str
    name: str
    position: str


class EntryOut(Schema):
    id: int
    division_code: str
    cadre_id: int
    cadre_name: str
    category: str
    rule_id: int | None
    facts: str
    occurred_on: date
    status: str
    review_note: str
    recorded_at: datetime
    has_evidence: bool

    @staticmethod
    def resolve_cadre_name(obj):
        return obj.cadre.person.name

    @staticmethod
    def resolve_has_evidence(obj):
        return bool(obj.evidence)


class EntryIn(Schema):
    cadre_id: int
    category: str
    facts: str
    occurred_on: date
    rule_id: int | None = None


class ReviewIn(Schema):
    status: str
    note: str = ""


class CaseOut(Schema):
    id: int
    division_code: str
    entry_id: int
    opened_at: datetime
    outcome: str
    decision: str
    decided_by: str
    decided_on: date | None
    closed_at: datetime | None
    closing_note: str


class CaseIn(Schema):
    entry_id: int


class DecisionIn(Schema):
    outcome: str
    decision: str = ""
    decided_by: str
    decided_on: date


class CloseIn(Schema):
    note: str


class PledgeOut(PersonRecordOut):
    id: int
    division_code: str
    person_id: int
    name: str
    pledged_on: date


class PledgeBulkIn(Schema):
    division_code: str


class DeedOut(PersonRecordOut):
    id: int
    division_code: str
    person_id: int
    name: str
    item: str
    what: str
    happened_at: datetime
    place: str
    count: int
    confirmed_by: str
    source_kind: str
    source_type: str
    source_id: int | None
    source_label: str

    @staticmethod
    def resolve_source_type(obj):
        return f"{obj.source_type.app_label}.{obj.source_type.model}" if obj.source_type_id else ""


class DeedIn(Schema):
    person_id: int
    item: str
    what: str
    happened_at: datetime
    place: str = ""
    confirmed_by: str = ""


class AssessmentOut(PersonRecordOut):
    id: int
    division_code: str
    person_id: int
    name: str
    branch_id: int
    campaign: str
    rating: str
    comments: str
    deeds_count: int
    assessed_at: datetime


class AssessmentIn(Schema):
    person_id: int
    rating: str
    comments: str = ""


class _TeamFields(Schema):
    id: int
    division_code: str
    name: str
    organization_id: int
    leader_id: int | None
    formed_on: date


class TeamOut(_TeamFields):
    n_members: int
    n_tasks: int


class TeamMemberOut(PersonRecordOut):
    person_id: int
    name: str
    joined_on: date


class TeamTaskOut(Schema):
    id: int
    kind: str
    title: str
    area_code: str
    starts_on: date
    ends_on: date | None
    n_records: int


class TeamDetailOut(_TeamFields):
    members: list[TeamMemberOut]
    tasks: list[TeamTaskOut]


class TeamIn(Schema):
    name: str
    organization_id: int


# -- 十严禁 ------------------------------------------------------------------------------------
@router.get("/discipline/rulesets/", response=list[RuleSetOut])
@paginate(LimitOffsetPagination)
def list_rulesets(request):
    return selectors.ruleset_list(policy=api_policy(request)).prefetch_related("rules")


@router.get("/discipline/rulesets/{ruleset_id}", response=RuleSetOut)
def get_ruleset(request, ruleset_id: int):
    return selectors.ruleset_get(policy=api_policy(request), pk=ruleset_id)


@router.post("/discipline/rulesets/", response={201: RuleSetOut})
def publish_ruleset(request, payload: RuleSetIn):
    return 201, services.ruleset_publish(actor=request.user, **payload.dict())


@router.get("/discipline/acknowledgements/", response=list[AckOut])
@paginate(LimitOffsetPagination)
def list_acknowledgements(request):
    return selectors.acknowledgement_list(policy=api_policy(request))


@router.get("/discipline/acknowledgements/pending/", response=list[CadreOut])
@paginate(LimitOffsetPagination)
def list_pending(request, division: str = ""):
    policy = api_policy(request)
    return selectors.ack_pending(
        policy=policy, ruleset=selectors.ruleset_in_force(policy=policy), division=division
    )


@router.post("/discipline/acknowledgements/", response={201: CountOut})
def record_acknowledgements(request, payload: AckIn):
    policy = api_policy(request)
    cadres = list(selectors.org_cadres(policy=policy).filter(pk__in=payload.cadre_ids))
    if len(cadres) != len(set(payload.cadre_ids)):
        raise Http404
    return 201, {"count": services.acknowledgement_record(actor=request.user, cadres=cadres)}


# -- 负面清单 / 追责问责 ------------------------------------------------------------------------
@router.get("/discipline/negative-entries/", response=list[EntryOut])
@paginate(LimitOffsetPagination)
def list_entries(request, status: str = "", category: str = ""):
    return selectors.negative_list(policy=api_policy(request), status=status, category=category)


@router.get("/discipline/negative-entries/{entry_id}", response=EntryOut)
def get_entry(request, entry_id: int):
    return selectors.negative_get(policy=api_policy(request), pk=entry_id)


@router.post("/discipline/negative-entries/", response={201: EntryOut})
def create_entry(request, payload: EntryIn):
    policy = api_policy(request, "discipline.negative_change")
    cadre = selectors.cadre_choices(policy=policy).filter(pk=payload.cadre_id).first()
    if cadre is None:
        raise Http404
    rule = (
        Rule.objects.select_related("ruleset").filter(pk=payload.rule_id).first() if payload.rule_id else None
    )
    entry = services.negative_entry_create(
        actor=request.user,
        cadre=cadre,
        category=payload.category,
        facts=payload.facts,
        occurred_on=payload.occurred_on,
        rule=rule,
    )
    return 201, entry


@router.post("/discipline/negative-entries/{entry_id}/review", response=EntryOut)
def review_entry(request, entry_id: int, payload: ReviewIn):
    entry = selectors.negative_get(policy=api_policy(request), pk=entry_id)
    return services.negative_entry_review(
        actor=request.user, entry=entry, status=payload.status, note=payload.note
    )


@router.get("/discipline/cases/", response=list[CaseOut])
@paginate(LimitOffsetPagination)
def list_cases(request, open_only: bool = False):
    return selectors.case_list(policy=api_policy(request), open_only=open_only)


@router.post("/discipline/cases/", response={201: CaseOut})
def open_case(request, payload: CaseIn):
    entry = selectors.negative_get(policy=api_policy(request), pk=payload.entry_id)
    return 201, services.case_open(actor=request.user, entry=entry)


@router.post("/discipline/cases/{case_id}/decide", response=CaseOut)
def decide_case(request, case_id: int, payload: DecisionIn):
    case = selectors.case_get(policy=api_policy(request), pk=case_id)
    return services.case_decide(actor=request.user, case=case, **payload.dict())


@router.post("/discipline/cases/{case_id}/close", response=CaseOut)
def close_case(request, case_id: int, payload: CloseIn):
    case = selectors.case_get(policy=api_policy(request), pk=case_id)
    return services.case_close(actor=request.user, case=case, note=payload.note)


# -- 十带头 / 党性体检 / 突击队 -----------------------------------------------------------------
@router.get("/discipline/pledges/", response=list[PledgeOut])
@paginate(LimitOffsetPagination)
def list_pledges(request):
    policy = api_policy(request, "discipline.pledges_view")
    return policy.scope(Pledge.objects.select_related("person")).order_by("division_code", "id")


@router.post("/discipline/pledges/", response={201: CountOut})
def bulk_pledges(request, payload: PledgeBulkIn):
    people = list(selectors.member_people(policy=api_policy(request), division=payload.division_code))
    return 201, {"count": pledges.pledge_bulk_record(actor=request.user, people=people)}


@router.get("/discipline/deeds/", response=list[DeedOut])
@paginate(LimitOffsetPagination)
def list_deeds(request, item: str = "", source: str = "", person_id: int | None = None):
    return selectors.deed_list(
        policy=api_policy(request), item=item, source=source, person_id=person_id
    ).select_related("source_type")


@router.post("/discipline/deeds/", response={201: DeedOut})
def create_deed(request, payload: DeedIn):
    data = payload.dict()
    person = selectors.member_get(policy=api_policy(request), pk=data.pop("person_id"))
    return 201, pledges.deed_create(actor=request.user, person=person, **data)


@router.get("/discipline/assessments/", response=list[AssessmentOut])
@paginate(LimitOffsetPagination)
def list_assessments(request, rating: str = ""):
    return selectors.assessment_list(policy=api_policy(request), rating=rating)


@router.post("/discipline/assessments/", response={201: AssessmentOut})
def create_assessment(request, payload: AssessmentIn):
    person = selectors.member_get(policy=api_policy(request), pk=payload.person_id)
    return 201, pledges.assessment_record(
        actor=request.user, person=person, rating=payload.rating, comments=payload.comments
    )


@router.get("/discipline/teams/", response=list[TeamOut])
@paginate(LimitOffsetPagination)
def list_teams(request):
    return selectors.team_list(policy=api_policy(request))


@router.get("/discipline/teams/{team_id}", response=TeamDetailOut)
def get_team(request, team_id: int):
    team = selectors.team_get(policy=api_policy(request), pk=team_id)
    return {
        "id": team.pk,
        "division_code": team.division_code,
        "name": team.name,
        "organization_id": team.organization_id,
        "leader_id": team.leader_id,
        "formed_on": team.formed_on,
        "members": list(selectors.team_members(team=team)),
        "tasks": list(selectors.team_tasks(team=team)),
    }


@router.post("/discipline/teams/", response={201: TeamOut})
def create_team(request, payload: TeamIn):
    policy = api_policy(request, "discipline.teams_change")
    unit = selectors.team_units(policy=policy).filter(pk=payload.organization_id).first()
    if unit is None:
        raise Http404
    team = teams.team_create(actor=request.user, name=payload.name, organization=unit)
    return 201, selectors.team_list(policy=policy).get(pk=team.pk)
