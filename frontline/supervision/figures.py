from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.figures import figure
from frontline.supervision.models import Rectification, Visit


@figure("supervision_visits", _("Supervision visits"), unit=pgettext_lazy("unit", "visits"), order=340)
def supervision_visits(division: str, start: date, end: date) -> int:
    return Visit.objects.filter(division_code__startswith=division, visited_on__range=(start, end)).count()


def _standing(division: str, end: date):
    """Items raised by `end` and not closed by then."""
    return Rectification.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=end),
        division_code__startswith=division,
        finding__visit__visited_on__lte=end,
    )


@figure("rectifications_open", _("Rectification items open"), unit=pgettext_lazy("unit", "items"), order=341)
def rectifications_open(division: str, start: date, end: date) -> int:
    return _standing(division, end).count()


@figure(
    "rectifications_overdue", _("Rectification items overdue"), unit=pgettext_lazy("unit", "items"), order=342
)
def rectifications_overdue(division: str, start: date, end: date) -> int:
    return _standing(division, end).filter(deadline__lt=end).count()
