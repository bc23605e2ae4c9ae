"""Evaluation figures."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from frontline.core.figures import figure
from frontline.evaluation.models import ACTIVE_STATUSES, Commendation, PoolEntry


@figure("commendations", _("Commendations"), unit=_("commendations"), order=710)
def commendations(division: str, start: date, end: date) -> int:
    return Commendation.objects.filter(
        division_code__startswith=division, awarded_on__range=(start, end)
    ).count()


@figure("priority_pool_entries", _("Priority pool entries"), unit=_("entries"), order=711)
def priority_pool_entries(division: str, start: date, end: date) -> int:
    """Open entries (proposed or confirmed) standing on `end`."""
    return PoolEntry.objects.filter(
        division_code__startswith=division, proposed_on__lte=end, status__in=ACTIVE_STATUSES
    ).count()
