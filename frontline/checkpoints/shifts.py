"""Shift arithmetic: the slots a checkpoint's pattern ("08:00", "20:00") makes on a day, and the slot
covering a moment. Pure functions; services and selectors use them."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_shift_starts(value) -> list[str]:
    """'08:00, 20:00' or ['08:00', '20:00'] → ['08:00', '20:00'] (sorted, 1–6 distinct times)."""
    items = value.replace("，", ",").split(",") if isinstance(value, str) else list(value or [])
    out = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        m = _HHMM.match(item)
        if not m:
            raise ValidationError(
                _("Shift start times are written like 08:00, 20:00; “%(v)s” is not."),
                code="shift_starts",
                params={"v": item},
            )
        out.append(f"{int(m.group(1)):02d}:{m.group(2)}")
    out = sorted(set(out))
    if not 1 <= len(out) <= 6:
        raise ValidationError(_("Give between 1 and 6 shift start times."), code="shift_starts")
    return out


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(h, m)), timezone.get_current_timezone())


def slots_on(starts: list[str], day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The shifts starting on a local day; the last runs to the first start of the next day."""
    starts = sorted(starts)
    out = []
    for i, s in enumerate(starts):
        start = _at(day, s)
        end = _at(day, starts[i + 1]) if i + 1 < len(starts) else _at(day + dt.timedelta(days=1), starts[0])
        out.append((start, end))
    return out


def slot_covering(starts: list[str], moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    local = timezone.localtime(moment)
    for day in (local.date() - dt.timedelta(days=1), local.date()):
        for start, end in slots_on(starts, day):
            if start <= moment < end:
                return start, end
    raise AssertionError("a day's slots cover it")  # pragma: no cover


def slots_between(starts: list[str], since: dt.datetime, until: dt.datetime):
    """Slots overlapping [since, until)."""
    day = timezone.localtime(since).date() - dt.timedelta(days=1)
    last = timezone.localtime(until).date()
    while day <= last:
        for start, end in slots_on(starts, day):
            if end > since and start < until:
                yield start, end
        day += dt.timedelta(days=1)
