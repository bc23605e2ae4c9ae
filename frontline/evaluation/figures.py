"""Evaluation figures."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.figures import count_figure
from frontline.evaluation.models import ACTIVE_STATUSES, Commendation, PoolEntry

count_figure(
    "commendations",
    _("Commendations"),
    model=Commendation,
    date_field="awarded_on",
    unit=pgettext_lazy("unit", "commendations"),
    order=710,
)
# Open entries (proposed or confirmed) standing on `end`.
count_figure(
    "priority_pool_entries",
    _("Priority pool entries"),
    model=PoolEntry,
    state=lambda start, end: Q(proposed_on__lte=end, status__in=ACTIVE_STATUSES),
    unit=pgettext_lazy("unit", "entries"),
    order=711,
)
