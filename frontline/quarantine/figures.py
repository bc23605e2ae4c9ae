"""Counts of quarantine work, defined once for the dashboard, the daily brief and the stats API."""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frontline.core import clock
from frontline.core.figures import figure
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


def _bounds(start: dt.date, end: dt.date):
    return clock.local_day_bounds(start)[0], clock.local_day_bounds(end)[1]


def _moment(end: dt.date) -> dt.datetime:
    """The instant a "standing on `end`" figure is read at: now if end is today, else end of that day."""
    stop = clock.local_day_bounds(end)[1]
    return min(clock.now(), stop - dt.timedelta(microseconds=1))


def _active_at(division: str, moment: dt.datetime):
    # Past its planned last day but not yet released still counts: the person is still at home.
    return Quarantine.objects.filter(division_code__startswith=division, started_at__lte=moment).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=moment)
    )


@figure("returnees_screened", _("Returnees screened"), unit=_("people"), order=30)
def returnees_screened(division: str, start: dt.date, end: dt.date) -> int:
    lo, hi = _bounds(start, end)
    return Returnee.objects.filter(
        division_code__startswith=division, screened_at__gte=lo, screened_at__lt=hi, rescreen_of__isnull=True
    ).count()


@figure("in_quarantine", _("Under home quarantine"), unit=_("people"), order=31)
def in_quarantine(division: str, start: dt.date, end: dt.date) -> int:
    return _active_at(division, _moment(end)).count()


@figure("checkins_done", _("Temperature check-ins done"), unit=_("check-ins"), order=32)
def checkins_done(division: str, start: dt.date, end: dt.date) -> int:
    return CheckIn.objects.filter(division_code__startswith=division, slot_date__range=(start, end)).count()


@figure("checkins_overdue", _("Temperature check-ins overdue"), unit=_("check-ins"), order=33)
def checkins_overdue(division: str, start: dt.date, end: dt.date) -> int:
    """Missed slots of the quarantines in progress at `end` (now, when `end` is today)."""
    moment = _moment(end)
    states = slot_states(_active_at(division, moment).only("id", "started_at", "ends_on", "ended_at"), moment)
    return sum(len(s.overdue) for s in states.values())


@figure("quarantine_fevers", _("Fevers during home quarantine"), unit=_("check-ins"), order=34)
def quarantine_fevers(division: str, start: dt.date, end: dt.date) -> int:
    return CheckIn.objects.filter(
        division_code__startswith=division, fever=True, slot_date__range=(start, end)
    ).count()


@figure("support_requests_open", _("Living-support requests open"), unit=_("requests"), order=35)
def support_requests_open(division: str, start: dt.date, end: dt.date) -> int:
    moment = _moment(end)
    return (
        SupportRequest.objects.filter(division_code__startswith=division, requested_at__lte=moment)
        .filter(Q(status__in=PENDING_SUPPORT) | Q(status=SupportStatus.DELIVERED, delivered_at__gt=moment))
        .count()
    )


@figure("support_requests_late", _("Living-support requests late"), unit=_("requests"), order=36)
def support_requests_late(division: str, start: dt.date, end: dt.date) -> int:
    moment = _moment(end)
    late = moment - dt.timedelta(hours=rules.support_late_hours())
    return SupportRequest.objects.filter(
        division_code__startswith=division, status__in=PENDING_SUPPORT, requested_at__lt=late
    ).count()


@figure("support_requests_fulfilled", _("Living-support requests delivered"), unit=_("requests"), order=37)
def support_requests_fulfilled(division: str, start: dt.date, end: dt.date) -> int:
    lo, hi = _bounds(start, end)
    return SupportRequest.objects.filter(
        division_code__startswith=division,
        status=SupportStatus.DELIVERED,
        delivered_at__gte=lo,
        delivered_at__lt=hi,
    ).count()
