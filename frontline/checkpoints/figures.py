"""Checkpoint figures for the dashboard, the daily brief and the stats API."""

import datetime as dt

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontline.checkpoints.models import Alert, AlertStatus, Checkpoint, Occupant, Registration, Shift
from frontline.core import clock
from frontline.core.figures import figure


def _bounds(start: dt.date, end: dt.date):
    return clock.local_day_bounds(start)[0], clock.local_day_bounds(end)[1]


def _moment(end: dt.date) -> dt.datetime:
    """'Now' for a figure standing on `end`: the real moment today, noon on a past day."""
    if end >= clock.today():
        return clock.now()
    return clock.local_day_bounds(end)[0] + dt.timedelta(hours=12)


@figure("checkpoints", _("Checkpoints"), unit=_("checkpoints"), order=20)
def checkpoints(division: str, start: dt.date, end: dt.date) -> int:
    from frontline.checkpoints.selectors import active_q

    return Checkpoint.objects.filter(active_q(end), division_code__startswith=division).count()


@figure("shifts_staffed_now", _("Checkpoint shifts staffed now"), unit=_("shifts"), order=21)
def shifts_staffed_now(division: str, start: dt.date, end: dt.date) -> int:
    at = _moment(end)
    return (
        Shift.objects.filter(
            division_code__startswith=division, start__lte=at, end__gt=at, assignments__isnull=False
        )
        .distinct()
        .count()
    )


@figure("vehicle_registrations", _("Vehicles registered at checkpoints"), unit=_("vehicles"), order=22)
def vehicle_registrations(division: str, start: dt.date, end: dt.date) -> int:
    lo, hi = _bounds(start, end)
    return Registration.objects.filter(
        division_code__startswith=division, registered_at__gte=lo, registered_at__lt=hi
    ).count()


@figure("people_registered", _("People registered at checkpoints"), unit=_("people"), order=23)
def people_registered(division: str, start: dt.date, end: dt.date) -> int:
    lo, hi = _bounds(start, end)
    total = Registration.objects.filter(
        division_code__startswith=division, registered_at__gte=lo, registered_at__lt=hi
    ).aggregate(n=Sum("occupant_count"))["n"]
    return total or 0


@figure("fevers", _("Fevers found at checkpoints"), unit=_("people"), order=24)
def fevers(division: str, start: dt.date, end: dt.date) -> int:
    lo, hi = _bounds(start, end)
    return Occupant.objects.filter(
        division_code__startswith=division,
        is_fever=True,
        registration__registered_at__gte=lo,
        registration__registered_at__lt=hi,
    ).count()


@figure("open_alerts", _("Open checkpoint alerts"), unit=_("alerts"), order=25)
def open_alerts(division: str, start: dt.date, end: dt.date) -> int:
    return Alert.objects.filter(
        division_code__startswith=division, status=AlertStatus.OPEN, raised_at__lt=_bounds(end, end)[1]
    ).count()


@figure("busiest_checkpoint_day", _("Busiest checkpoint day"), unit=_("vehicles"), order=26)
def busiest_checkpoint_day(division: str, start: dt.date, end: dt.date) -> dict | None:
    """{"checkpoint": name, "date": "YYYY-MM-DD", "vehicles": n} over [start, end], or None."""
    from frontline.checkpoints.selectors import busiest_days

    rows = busiest_days(division=division, start=start, end=end)
    if not rows:
        return None
    top = rows[0]
    day = top["day"]
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return {"checkpoint": top["name"], "date": day.isoformat(), "vehicles": top["vehicles"]}
