from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.clock import local_day_bounds
from frontline.core.figures import figure
from frontline.discipline.models import AccountabilityCase, CommandoTeam, Deed, NegativeEntry, Pledge
from frontline.people.models import Organization, OrgKind


def _span(start: date, end: date):
    return local_day_bounds(start)[0], local_day_bounds(end)[1]


@figure(
    "negative_list_entries",
    _("Negative-list entries recorded"),
    unit=pgettext_lazy("unit", "entries"),
    order=300,
)
def negative_list_entries(division: str, start: date, end: date) -> int:
    lo, hi = _span(start, end)
    return NegativeEntry.objects.filter(
        division_code__startswith=division, recorded_at__gte=lo, recorded_at__lt=hi
    ).count()


@figure(
    "accountability_cases", _("Accountability cases opened"), unit=pgettext_lazy("unit", "cases"), order=301
)
def accountability_cases(division: str, start: date, end: date) -> int:
    lo, hi = _span(start, end)
    return AccountabilityCase.objects.filter(
        division_code__startswith=division, opened_at__gte=lo, opened_at__lt=hi
    ).count()


@figure(
    "pledges",
    _("Members who pledged the ten take-the-lead items"),
    unit=pgettext_lazy("unit", "members"),
    order=310,
)
def pledges(division: str, start: date, end: date) -> int:
    return Pledge.objects.filter(division_code__startswith=division, pledged_on__lte=end).count()


@figure("deeds", _("Take-the-lead deeds"), unit=pgettext_lazy("unit", "deeds"), order=311)
def deeds(division: str, start: date, end: date) -> int:
    lo, hi = _span(start, end)
    return Deed.objects.filter(
        division_code__startswith=division, happened_at__gte=lo, happened_at__lt=hi
    ).count()


@figure("commando_teams", _("Party-member commando teams"), unit=pgettext_lazy("unit", "teams"), order=320)
def commando_teams(division: str, start: date, end: date) -> int:
    return CommandoTeam.objects.filter(division_code__startswith=division, formed_on__lte=end).count()


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
