"""/api/v1 endpoints of the community app: list (paginated, scoped), detail, create and the actions
of each kind of record. Every write goes through the same service as the web form. Mobiles of buyers
and employers are only ever returned masked; money is integer fen."""

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import paginate

from frontline.community import selectors, services
from frontline.core.api_support import LimitOffsetPagination, api_policy

router = Router(tags=["community"])
VIEW, CHANGE = "community.view", "community.change"


class TeamOut(Schema):
    id: int
    division_code: str
    kind: str
    name: str
    leader_id: int | None
    leader: str
    member_ids: list[int]
    formed_on: dt.date
    disbanded_on: dt.date | None
    notes: str

    @staticmethod
    def resolve_leader(obj):
        return obj.leader.name if obj.leader_id else ""

    @staticmethod
    def resolve_member_ids(obj):
        return sorted(p.pk for p in obj.members.all())


class TeamIn(Schema):
    kind: str
    name: str
    division_code: str
    formed_on: dt.date | None = None
    leader: int | None = None
    members: list[int] = []
    notes: str = ""


class TeamPatch(Schema):
    name: str | None = None
    leader: int | None = None
    members: list[int] | None = None
    notes: str | None = None


class PatrolLogOut(Schema):
    id: int
    division_code: str
    team_id: int
    date: dt.date
    route: str
    methods: list[str]
    households_reached: int
    logged_by_id: int | None
    notes: str


class PatrolLogIn(Schema):
    date: dt.date | None = None
    route: str
    methods: list[str]
    households_reached: int = 0
    logged_by: int | None = None
    notes: str = ""


class GatheringOut(Schema):
    id: int
    division_code: str
    household_head: str
    address: str
    person_id: int | None
    kind: str
    planned_date: dt.date | None
    expected_guests: int | None
    source: str
    found_on: dt.date
    outcome: str
    outcome_on: dt.date | None
    persuaded_by_id: int | None
    team_id: int | None
    notes: str


class GatheringIn(Schema):
    division_code: str
    household_head: str
    kind: str
    address: str = ""
    person: int | None = None
    planned_date: dt.date | None = None
    expected_guests: int | None = None
    source: str = "found"
    found_on: dt.date | None = None
    outcome: str = "pending"
    persuaded_by: int | None = None
    team: int | None = None
    notes: str = ""


class OutcomeIn(Schema):
    outcome: str
    persuaded_by: int | None = None
    team: int | None = None
    on: dt.date | None = None


class ListingOut(Schema):
    id: int
    division_code: str
    household_head: str
    product: str
    quantity: Decimal
    unit: str
    price_fen: int
    has_photo: bool
    status: str
    listed_on: dt.date
    notes: str

    @staticmethod
    def resolve_has_photo(obj):
        return bool(obj.photo)


class ListingIn(Schema):
    division_code: str
    household_head: str
    product: str
    quantity: str
    unit: str
    price_yuan: str
    address: str = ""
    person: int | None = None
    notes: str = ""


class OrderOut(Schema):
    id: int
    division_code: str
    listing_id: int | None
    buyer_name: str
    buyer_phone: str
    items: str
    quantity: Decimal | None
    amount_fen: int
    quarantine_id: int | None
    support_request_id: int | None
    handler_id: int | None
    status: str
    ordered_at: dt.datetime
    delivered_at: dt.datetime | None
    received_fen: int
    received_at: dt.datetime | None

    @staticmethod
    def resolve_buyer_phone(obj):
        return obj.phone_masked


class OrderIn(Schema):
    buyer_name: str
    items: str = ""
    division_code: str = ""
    listing: int | None = None
    quantity: str | None = None
    amount_yuan: str | None = None
    buyer_phone: str = ""
    buyer_address: str = ""
    handler: int | None = None
    quarantine_id: int | None = None
    notes: str = ""


class DeliverIn(Schema):
    received_yuan: str | None = None
    handler: int | None = None


class PaymentIn(Schema):
    received_yuan: str


class CancelIn(Schema):
    reason: str


class SurveyOut(Schema):
    id: int
    division_code: str
    household_head: str
    surveyed_on: dt.date
    members_surveyed: int
    working_away: int
    seeking_work: int
    farming: int
    business: int
    other: int
    notes: str


class SurveyIn(Schema):
    division_code: str
    household_head: str
    members_surveyed: int
    working_away: int = 0
    seeking_work: int = 0
    farming: int = 0
    business: int = 0
    other: int = 0
    address: str = ""
    person: int | None = None
    surveyed_on: dt.date | None = None
    surveyed_by: int | None = None
    notes: str = ""


class PostingOut(Schema):
    id: int
    division_code: str
    employer: str
    title: str
    place: str
    positions: int
    pay_min_yuan: int | None
    pay_max_yuan: int | None
    pay_period: str
    contact_name: str
    contact_phone: str
    posted_on: dt.date
    valid_until: dt.date

    @staticmethod
    def resolve_contact_phone(obj):
        return obj.phone_masked


class PostingIn(Schema):
    division_code: str
    employer: str
    title: str
    place: str
    positions: int
    valid_until: dt.date
    pay_min_yuan: int | None = None
    pay_max_yuan: int | None = None
    pay_period: str = "month"
    contact_name: str = ""
    contact_phone: str = ""
    notes: str = ""


class MatchOut(Schema):
    id: int
    division_code: str
    posting_id: int
    person_id: int
    person: str
    status: str
    introduced_on: dt.date
    decided_on: dt.date | None

    @staticmethod
    def resolve_person(obj):
        return obj.person.name


class MatchIn(Schema):
    posting: int
    person: int
    notes: str = ""


class DecideIn(Schema):
    status: str


def _writer(request):
    return api_policy(request, CHANGE)


# -- teams and patrol logs -------------------------------------------------------------------------
@router.get("/community/teams/", response=list[TeamOut])
@paginate(LimitOffsetPagination)
def list_teams(request, kind: str = "", division: str = ""):
    return selectors.team_list(
        policy=api_policy(request, VIEW), kind=kind, division=division
    ).prefetch_related("members")


@router.get("/community/teams/{team_id}", response=TeamOut)
def get_team(request, team_id: int):
    return selectors.team_get(policy=api_policy(request, VIEW), pk=team_id)


@router.post("/community/teams/", response={201: TeamOut})
def create_team(request, payload: TeamIn):
    _writer(request)
    return 201, services.team_create(actor=request.user, **payload.dict())


@router.patch("/community/teams/{team_id}", response=TeamOut)
def update_team(request, team_id: int, payload: TeamPatch):
    team = selectors.team_get(policy=_writer(request), pk=team_id)
    return services.team_update(actor=request.user, team=team, **payload.dict(exclude_unset=True))


@router.get("/community/patrol-logs/", response=list[PatrolLogOut])
@paginate(LimitOffsetPagination)
def list_patrol_logs(request, team: int | None = None, division: str = "", date: dt.date | None = None):
    return selectors.patrol_log_list(policy=api_policy(request, VIEW), team=team, division=division, day=date)


@router.get("/community/patrol-logs/{log_id}", response=PatrolLogOut)
def get_patrol_log(request, log_id: int):
    return selectors.patrol_log_get(policy=api_policy(request, VIEW), pk=log_id)


@router.post("/community/teams/{team_id}/patrol-logs/", response={201: PatrolLogOut})
def create_patrol_log(request, team_id: int, payload: PatrolLogIn):
    team = selectors.team_get(policy=_writer(request), pk=team_id)
    return 201, services.patrol_log_create(actor=request.user, team=team, **payload.dict())


# -- gatherings ----------------------------------------------------------------------------------
@router.get("/community/gatherings/", response=list[GatheringOut])
@paginate(LimitOffsetPagination)
def list_gatherings(request, outcome: str = "", kind: str = "", division: str = ""):
    return selectors.gathering_list(
        policy=api_policy(request, VIEW), outcome=outcome, kind=kind, division=division
    )


@router.get("/community/gatherings/{gathering_id}", response=GatheringOut)
def get_gathering(request, gathering_id: int):
    return selectors.gathering_get(policy=api_policy(request, VIEW), pk=gathering_id)


@router.post("/community/gatherings/", response={201: GatheringOut})
def create_gathering(request, payload: GatheringIn):
    _writer(request)
    return 201, services.gathering_create(actor=request.user, **payload.dict())


@router.post("/community/gatherings/{gathering_id}/outcome", response=GatheringOut)
def record_outcome(request, gathering_id: int, payload: OutcomeIn):
    gathering = selectors.gathering_get(policy=_writer(request), pk=gathering_id)
    return services.gathering_record_outcome(actor=request.user, gathering=gathering, **payload.dict())


# -- produce and orders --------------------------------------------------------------------------
@router.get("/community/produce/", response=list[ListingOut])
@paginate(LimitOffsetPagination)
def list_listings(request, status: str = "", division: str = ""):
    return selectors.listing_list(policy=api_policy(request, VIEW), status=status, division=division)


@router.get("/community/produce/{listing_id}", response=ListingOut)
def get_listing(request, listing_id: int):
    return selectors.listing_get(policy=api_policy(request, VIEW), pk=listing_id)


@router.post("/community/produce/", response={201: ListingOut})
def create_listing(request, payload: ListingIn):
    """Photos are uploaded through the web form; the API takes the listing itself."""
    _writer(request)
    return 201, services.produce_listing_create(actor=request.user, **payload.dict())


@router.get("/community/orders/", response=list[OrderOut])
@paginate(LimitOffsetPagination)
def list_orders(request, status: str = "", division: str = "", listing: int | None = None):
    return selectors.order_list(
        policy=api_policy(request, VIEW), status=status, division=division, listing=listing
    )


@router.get("/community/orders/{order_id}", response=OrderOut)
def get_order(request, order_id: int):
    return selectors.order_get(policy=api_policy(request, VIEW), pk=order_id)


@router.post("/community/orders/", response={201: OrderOut})
def create_order(request, payload: OrderIn):
    _writer(request)
    return 201, services.produce_order_create(actor=request.user, **payload.dict())


@router.post("/community/orders/{order_id}/deliver", response=OrderOut)
def deliver_order(request, order_id: int, payload: DeliverIn):
    order = selectors.order_get(policy=_writer(request), pk=order_id)
    return services.produce_order_deliver(actor=request.user, order=order, **payload.dict())


@router.post("/community/orders/{order_id}/payment", response=OrderOut)
def order_payment(request, order_id: int, payload: PaymentIn):
    order = selectors.order_get(policy=_writer(request), pk=order_id)
    return services.produce_order_record_payment(actor=request.user, order=order, **payload.dict())


@router.post("/community/orders/{order_id}/cancel", response=OrderOut)
def cancel_order(request, order_id: int, payload: CancelIn):
    order = selectors.order_get(policy=_writer(request), pk=order_id)
    return services.produce_order_cancel(actor=request.user, order=order, **payload.dict())


# -- jobs ----------------------------------------------------------------------------------------
@router.get("/community/surveys/", response=list[SurveyOut])
@paginate(LimitOffsetPagination)
def list_surveys(request, division: str = ""):
    return selectors.survey_list(policy=api_policy(request, VIEW), division=division)


@router.get("/community/surveys/{survey_id}", response=SurveyOut)
def get_survey(request, survey_id: int):
    return selectors.survey_get(policy=api_policy(request, VIEW), pk=survey_id)


@router.post("/community/surveys/", response={201: SurveyOut})
def create_survey(request, payload: SurveyIn):
    _writer(request)
    return 201, services.employment_survey_create(actor=request.user, **payload.dict())


@router.get("/community/jobs/", response=list[PostingOut])
@paginate(LimitOffsetPagination)
def list_postings(request, current: bool = False, division: str = ""):
    return selectors.posting_list(policy=api_policy(request, VIEW), current=current, division=division)


@router.get("/community/jobs/{posting_id}", response=PostingOut)
def get_posting(request, posting_id: int):
    return selectors.posting_get(policy=api_policy(request, VIEW), pk=posting_id)


@router.post("/community/jobs/", response={201: PostingOut})
def create_posting(request, payload: PostingIn):
    _writer(request)
    return 201, services.job_posting_create(actor=request.user, **payload.dict())


@router.get("/community/matches/", response=list[MatchOut])
@paginate(LimitOffsetPagination)
def list_matches(request, status: str = "", posting: int | None = None, division: str = ""):
    return selectors.match_list(
        policy=api_policy(request, VIEW), status=status, posting=posting, division=division
    )


@router.get("/community/matches/{match_id}", response=MatchOut)
def get_match(request, match_id: int):
    return selectors.match_get(policy=api_policy(request, VIEW), pk=match_id)


@router.post("/community/matches/", response={201: MatchOut})
def create_match(request, payload: MatchIn):
    policy = _writer(request)
    posting = selectors.posting_get(policy=policy, pk=payload.posting)
    return 201, services.job_match_create(
        actor=request.user, posting=posting, person=payload.person, notes=payload.notes
    )


@router.post("/community/matches/{match_id}/decide", response=MatchOut)
def decide_match(request, match_id: int, payload: DecideIn):
    match = selectors.match_get(policy=_writer(request), pk=match_id)
    return services.job_match_decide(actor=request.user, match=match, status=payload.status)
