"""Community figures. 高兴镇's "成立宣传劝导队47个, 劝说取消酒席108户" are persuasion_teams and
gatherings_cancelled over the township."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.community.models import (
    PERSUADED,
    EmploymentSurvey,
    Gathering,
    JobMatch,
    JobPosting,
    Outcome,
    PatrolLog,
    ProduceListing,
    ProduceOrder,
    Team,
)
from frontline.core.figures import count_figure


def _team_active(start, end):
    return Q(formed_on__lte=end) & (Q(disbanded_on__isnull=True) | Q(disbanded_on__gt=end))


count_figure(
    "persuasion_teams",
    _("Persuasion teams"),
    model=Team,
    q=Q(kind="persuasion"),
    state=_team_active,
    unit=pgettext_lazy("unit", "teams"),
    order=40,
)
count_figure(
    "patrol_teams",
    _("Patrol teams"),
    model=Team,
    q=Q(kind="patrol"),
    state=_team_active,
    unit=pgettext_lazy("unit", "teams"),
    order=41,
)
count_figure(
    "patrol_logs",
    _("Patrols logged"),
    model=PatrolLog,
    date_field="date",
    unit=pgettext_lazy("unit", "patrols"),
    order=42,
)
count_figure(
    "households_reached",
    _("Households reached by patrols"),
    model=PatrolLog,
    date_field="date",
    sum_field="households_reached",
    unit=pgettext_lazy("unit", "households"),
    order=43,
)
count_figure(
    "gatherings_found",
    _("Gatherings found"),
    model=Gathering,
    date_field="found_on",
    unit=pgettext_lazy("unit", "households"),
    order=44,
)
count_figure(
    "gatherings_cancelled",
    _("Gatherings cancelled after persuasion"),
    model=Gathering,
    date_field="outcome_on",
    q=Q(outcome=Outcome.CANCELLED),
    unit=pgettext_lazy("unit", "households"),
    order=45,
)
count_figure(
    "gatherings_persuaded",
    _("Gatherings cancelled, postponed or downsized"),
    model=Gathering,
    date_field="outcome_on",
    q=Q(outcome__in=PERSUADED),
    unit=pgettext_lazy("unit", "households"),
    order=46,
)
count_figure(
    "produce_listings",
    _("Unsold produce listings"),
    model=ProduceListing,
    date_field="listed_on",
    unit=pgettext_lazy("unit", "listings"),
    order=50,
)
count_figure(
    "produce_orders",
    _("Produce and proxy-purchase orders"),
    model=ProduceOrder,
    date_field="ordered_at",
    q=~Q(status="cancelled"),
    unit=pgettext_lazy("unit", "orders"),
    order=51,
)
count_figure(
    "produce_orders_delivered",
    _("Orders delivered"),
    model=ProduceOrder,
    date_field="delivered_at",
    q=Q(status="delivered"),
    unit=pgettext_lazy("unit", "orders"),
    order=52,
)
count_figure(
    "produce_sales_yuan",
    _("Money received for produce and purchases"),
    model=ProduceOrder,
    date_field="received_at",
    sum_field="received_fen",
    scale=100,
    unit=pgettext_lazy("unit", "yuan"),
    order=53,
)
count_figure(
    "employment_surveys",
    _("Households surveyed (production and employment)"),
    model=EmploymentSurvey,
    date_field="surveyed_on",
    unit=pgettext_lazy("unit", "households"),
    order=55,
)
count_figure(
    "job_postings",
    _("Job postings near home"),
    model=JobPosting,
    date_field="posted_on",
    unit=pgettext_lazy("unit", "postings"),
    order=56,
)
count_figure(
    "job_matches",
    _("Job matches made"),
    model=JobMatch,
    date_field="introduced_on",
    unit=pgettext_lazy("unit", "matches"),
    order=57,
)
count_figure(
    "job_hires",
    _("People hired near home"),
    model=JobMatch,
    date_field="decided_on",
    q=Q(status="hired"),
    unit=pgettext_lazy("unit", "people"),
    order=58,
)
