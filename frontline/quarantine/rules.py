"""The rules of quarantine work, held once: settings, fever, risk classes, check-in slots, lateness.

Settings (all optional, read at call time so tests and deployments can change them):
- FRONTLINE_QUARANTINE_DAYS (14): length of a home quarantine, the start day counting as day 1.
- FRONTLINE_CHECKIN_SLOT_BOUNDARY ("12:00"): local time dividing the morning and the evening slot.
- FRONTLINE_CHECKIN_GRACE_MINUTES (60): how long after a slot ends it is still "due", not "overdue".
- FRONTLINE_SUPPORT_LATE_HOURS (24): a living-support request not delivered after this is late.
- FRONTLINE_FEVER_THRESHOLD ("37.3"): shared with checkpoints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from frontline.quarantine.models import RiskClass, Slot

PLAUSIBLE = (Decimal("34.0"), Decimal("43.0"))


def quarantine_days() -> int:
    return int(getattr(settings, "FRONTLINE_QUARANTINE_DAYS", 14))


def slot_boundary() -> dt.time:
    return dt.time.fromisoformat(str(getattr(settings, "FRONTLINE_CHECKIN_SLOT_BOUNDARY", "12:00")))


def grace() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "FRONTLINE_CHECKIN_GRACE_MINUTES", 60)))


def support_late_hours() -> int:
    return int(getattr(settings, "FRONTLINE_SUPPORT_LATE_HOURS", 24))


def fever_threshold() -> Decimal:
    return Decimal(str(getattr(settings, "FRONTLINE_FEVER_THRESHOLD", "37.3")))


def parse_temperature(raw, field: str = "temperature") -> Decimal:
    """A body temperature in °C, one decimal, within the plausible range; else a clear message."""
    try:
        value = Decimal(str(raw).strip().replace(",", ".").replace("℃", "").replace("°C", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter the temperature in °C, e.g. 36.5.")}) from None
    if not value.is_finite():
        raise ValidationError({field: _("Enter the temperature in °C, e.g. 36.5.")})
    value = value.quantize(Decimal("0.1"))
    if not PLAUSIBLE[0] <= value <= PLAUSIBLE[1]:
        raise ValidationError(
            {field: _("%(value)s °C is not a plausible body temperature (34–43 °C).") % {"value": value}}
        )
    return value


def is_fever(temperature: Decimal | None) -> bool:
    return temperature is not None and temperature >= fever_threshold()


# -- risk -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Screening:
    returned_from_code: str
    return_date: dt.date
    contact: str
    symptoms: tuple[str, ...]
    fever: bool


def classify(screening: Screening, rules, today: dt.date):
    """(risk_class, rule or None): the first active rule in order whose every set condition holds."""
    for rule in rules:
        if not rule.is_active:
            continue
        if rule.requires_fever and not screening.fever:
            continue
        if rule.requires_symptoms and not (screening.symptoms or screening.fever):
            continue
        if rule.contacts and screening.contact not in rule.contacts:
            continue
        if rule.prefixes and not any(screening.returned_from_code.startswith(p) for p in rule.prefixes):
            continue
        if rule.within_days is not None and (today - screening.return_date).days >= rule.within_days:
            continue
        return rule.risk_class, rule
    return RiskClass.MONITORING, None


# -- check-in slots -------------------------------------------------------------------------------


def _at(day: dt.date, t: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, t, tzinfo=timezone.get_current_timezone())


def slot_window(day: dt.date, slot: str) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a slot in local time: morning from midnight to the boundary, evening after."""
    boundary = _at(day, slot_boundary())
    if slot == Slot.MORNING:
        return _at(day, dt.time.min), boundary
    return boundary, _at(day + dt.timedelta(days=1), dt.time.min)


def slot_of(moment: dt.datetime) -> tuple[dt.date, str]:
    local = timezone.localtime(moment)
    return local.date(), (Slot.MORNING if local.time() < slot_boundary() else Slot.EVENING)


def period_end(q) -> dt.datetime:
    """When the quarantine stops expecting check-ins: its end, else midnight after its last day."""
    planned = _at(q.ends_on + dt.timedelta(days=1), dt.time.min)
    if q.ended_at is not None:
        return min(q.ended_at, planned) if q.ended_at > q.started_at else q.started_at
    return planned


def expected_slots(q, now: dt.datetime):
    """Every (day, slot) the team owes a temperature for, up to now: slots that end after the start
    and begin before the end. Yields (day, slot, window_start, window_end)."""
    end = min(period_end(q), now)
    day = timezone.localtime(q.started_at).date()
    while True:
        for slot in (Slot.MORNING, Slot.EVENING):
            start, stop = slot_window(day, slot)
            if start >= end:
                return
            if stop > q.started_at:
                yield day, slot, start, stop
        day += dt.timedelta(days=1)


@dataclass
class SlotState:
    overdue: list  # [(day, slot)] past their grace, never checked in
    due: list  # [(day, slot)] current or within grace, not yet checked in
    done: int


def slot_state(q, done: set[tuple[dt.date, str]], now: dt.datetime) -> SlotState:
    overdue, due, n_done = [], [], 0
    g = grace()
    for day, slot, _start, stop in expected_slots(q, now):
        if (day, slot) in done:
            n_done += 1
        elif stop + g <= now:
            overdue.append((day, slot))
        else:
            due.append((day, slot))
    return SlotState(overdue=overdue, due=due, done=n_done)
