"""Checkpoint figures for the dashboard, the daily brief and the stats API.

Declarative where a filtered count or sum says it, so the dashboard can also split them by day and
by township in one grouped query each; the busiest day needs more than a count and stays a function."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.checkpoints.models import Alert, AlertStatus, Checkpoint, Registration, Shift
from frontline.core import clock
from frontline.core.figures import count_figure, figure


def _moment(end: dt.date) -> dt.datetime:
    """'Now' for a figure standing on `end`: the real moment today, noon on a past day."""
    if end >= clock.today():
        return clock.now()
    return clock.local_day_bounds(end)[0] + dt.timedelta(hours=12)


def _active_on(start: dt.date, end: dt.date) -> Q:
    from frontline.checkpoints.selectors import active_q

    return active_q(end)


def _staffed_at(start: dt.date, end: dt.date) -> Q:
    at = _moment(end)
    return Q(start__lte=at, end__gt=at, assignments__isnull=False)


def _open_by(start: dt.date, end: dt.date) -> Q:
    return Q(status=AlertStatus.OPEN, raised_at__lt=clock.local_day_bounds(end)[1])


count_figure(
    "checkpoints",
    _("Checkpoints"),
    model=Checkpoint,
    state=_active_on,
    unit=pgettext_lazy("unit", "checkpoints"),
    order=20,
)
count_figure(
    "shifts_staffed_now",
    _("Checkpoint shifts staffed now"),
    model=Shift,
    state=_staffed_at,
    distinct="pk",  # a shift with three members on it is one shift
    unit=pgettext_lazy("unit", "shifts"),
    order=21,
)
count_figure(
    "vehicle_registrations",
    _("Vehicles registered at checkpoints"),
    model=Registration,
    date_field="registered_at",
    unit=pgettext_lazy("unit", "vehicles"),
    order=22,
)
count_figure(
    "people_registered",
    _("People registered at checkpoints"),
    model=Registration,
    date_field="registered_at",
    sum_field="occupant_count",
    unit=pgettext_lazy("unit", "people"),
    order=23,
)
# People with a fever, dated by their vehicle's registration: the count runs over the occupant join
# the filter makes (one row per feverish occupant), so it is people, not vehicles.
count_figure(
    "fevers",
    _("Fevers found at checkpoints"),
    model=Registration,
    date_field="registered_at",
    q=Q(occupants__is_fever=True),
    distinct="occupants",
    unit=pgettext_lazy("unit", "people"),
    order=24,
)
count_figure(
    "open_alerts",
    _("Open checkpoint alerts"),
    model=Alert,
    state=_open_by,
    unit=pgettext_lazy("unit", "alerts"),
    order=25,
)


@figure(
    "busiest_checkpoint_day", _("Busiest checkpoint day"), unit=pgettext_lazy("unit", "vehicles"), order=26
)
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
