"""Counts of quarantine work, defined once for the dashboard, the daily brief and the stats API.

Declarative where a filtered count says it (the dashboard then splits them by day and by township in
one grouped query each); overdue check-ins need the slot schedule and stay a function."""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core import clock
from frontline.core.figures import count_figure, figure
from frontline.quarantine import rules
from frontline.quarantine.models import (
    PENDING_SUPPORT,
    CheckIn,
    Quarantine,
    Returnee,
    SupportRequest,
    SupportStatus,
)
from frontline.quarantine.selectors import slot_states


def _moment(end: dt.date) -> dt.datetime:
    """The instant a "standing on `end`" figure is read at: now if end is today, else end of that day."""
    stop = clock.local_day_bounds(end)[1]
    return min(clock.now(), stop - dt.timedelta(microseconds=1))


def _active_q(moment: dt.datetime) -> Q:
    # Past its planned last day but not yet released still counts: the person is still at home.
    return Q(started_at__lte=moment) & (Q(ended_at__isnull=True) | Q(ended_at__gt=moment))


def _active_at(division: str, moment: dt.datetime):
    return Quarantine.objects.filter(_active_q(moment), division_code__startswith=division)


def _in_quarantine_on(start: dt.date, end: dt.date) -> Q:
    return _active_q(_moment(end))


def _support_open_on(start: dt.date, end: dt.date) -> Q:
    moment = _moment(end)
    return Q(requested_at__lte=moment) & (
        Q(status__in=PENDING_SUPPORT) | Q(status=SupportStatus.DELIVERED, delivered_at__gt=moment)
    )


def _support_late_on(start: dt.date, end: dt.date) -> Q:
    late = _moment(end) - dt.timedelta(hours=rules.support_late_hours())
    return Q(status__in=PENDING_SUPPORT, requested_at__lt=late)


count_figure(
    "returnees_screened",
    _("Returnees screened"),
    model=Returnee,
    date_field="screened_at",
    q=Q(rescreen_of__isnull=True),  # a re-screening is the same returnee again
    unit=pgettext_lazy("unit", "people"),
    order=30,
)
count_figure(
    "in_quarantine",
    _("Under home quarantine"),
    model=Quarantine,
    state=_in_quarantine_on,
    unit=pgettext_lazy("unit", "people"),
    order=31,
)
count_figure(
    "checkins_done",
    _("Temperature check-ins done"),
    model=CheckIn,
    date_field="slot_date",
    unit=pgettext_lazy("unit", "check-ins"),
    order=32,
)


@figure(
    "checkins_overdue", _("Temperature check-ins overdue"), unit=pgettext_lazy("unit", "check-ins"), order=33
)
def checkins_overdue(division: str, start: dt.date, end: dt.date) -> int:
    """Missed slots of the quarantines in progress at `end` (now, when `end` is today)."""
    moment = _moment(end)
    states = slot_states(_active_at(division, moment).only("id", "started_at", "ends_on", "ended_at"), moment)
    return sum(len(s.overdue) for s in states.values())


count_figure(
    "quarantine_fevers",
    _("Fevers during home quarantine"),
    model=CheckIn,
    date_field="slot_date",
    q=Q(fever=True),
    unit=pgettext_lazy("unit", "check-ins"),
    order=34,
)
count_figure(
    "support_requests_open",
    _("Living-support requests open"),
    model=SupportRequest,
    state=_support_open_on,
    unit=pgettext_lazy("unit", "requests"),
    order=35,
)
count_figure(
    "support_requests_late",
    _("Living-support requests late"),
    model=SupportRequest,
    state=_support_late_on,
    unit=pgettext_lazy("unit", "requests"),
    order=36,
)
count_figure(
    "support_requests_fulfilled",
    _("Living-support requests delivered"),
    model=SupportRequest,
    date_field="delivered_at",
    q=Q(status=SupportStatus.DELIVERED),
    unit=pgettext_lazy("unit", "requests"),
    order=37,
)
