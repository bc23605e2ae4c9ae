"""Supervision figures: visits within the period, and rectification items standing on its last day
(raised by then and not closed by then), overdue or not (core.figures.count_figure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.figures import count_figure
from frontline.supervision.models import Rectification, Visit


def _standing(start, end) -> Q:
    """Items raised by `end` and not closed by then."""
    return (Q(closed_on__isnull=True) | Q(closed_on__gt=end)) & Q(finding__visit__visited_on__lte=end)


count_figure(
    "supervision_visits",
    _("Supervision visits"),
    model=Visit,
    date_field="visited_on",
    unit=pgettext_lazy("unit", "visits"),
    order=340,
)
count_figure(
    "rectifications_open",
    _("Rectification items open"),
    model=Rectification,
    state=_standing,
    unit=pgettext_lazy("unit", "items"),
    order=341,
)
count_figure(
    "rectifications_overdue",
    _("Rectification items overdue"),
    model=Rectification,
    state=lambda start, end: _standing(start, end) & Q(deadline__lt=end),
    unit=pgettext_lazy("unit", "items"),
    order=342,
)
