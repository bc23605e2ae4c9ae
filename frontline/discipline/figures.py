"""Discipline figures: counts of records dated within the period, or standing on its last day
(core.figures.count_figure); the leading group's working groups are organizations of the people app
and stay a function, so that they keep counting under discipline."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.figures import count_figure, figure
from frontline.discipline.models import AccountabilityCase, CommandoTeam, Deed, NegativeEntry, Pledge
from frontline.people.models import Organization, OrgKind

count_figure(
    "negative_list_entries",
    _("Negative-list entries recorded"),
    model=NegativeEntry,
    date_field="recorded_at",
    unit=pgettext_lazy("unit", "entries"),
    order=300,
)
count_figure(
    "accountability_cases",
    _("Accountability cases opened"),
    model=AccountabilityCase,
    date_field="opened_at",
    unit=pgettext_lazy("unit", "cases"),
    order=301,
)
count_figure(
    "pledges",
    _("Members who pledged the ten take-the-lead items"),
    model=Pledge,
    state=lambda start, end: Q(pledged_on__lte=end),
    unit=pgettext_lazy("unit", "members"),
    order=310,
)
count_figure(
    "deeds",
    _("Take-the-lead deeds"),
    model=Deed,
    date_field="happened_at",
    unit=pgettext_lazy("unit", "deeds"),
    order=311,
)
count_figure(
    "commando_teams",
    _("Party-member commando teams"),
    model=CommandoTeam,
    state=lambda start, end: Q(formed_on__lte=end),
    unit=pgettext_lazy("unit", "teams"),
    order=320,
)


@figure(
    "working_groups",
    _("Working groups of the leading group"),
    unit=pgettext_lazy("unit", "groups"),
    order=330,
)
def working_groups(division: str, start: date, end: date) -> int:
    return Organization.objects.filter(
        Q(kind=OrgKind.WORKING_GROUP), division_code__startswith=division
    ).count()
