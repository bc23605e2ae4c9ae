"""The one clock. Honour FRONTLINE_TODAY so the demo can stand on 2020-02-19; production follows real time.

Every "today" in the code goes through today()/now(); nothing calls date.today() or timezone.now() directly.
"""

import datetime as dt
from functools import lru_cache

from django.conf import settings
from django.utils import timezone


@lru_cache(maxsize=4)
def _fixed_day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def demo_day() -> dt.date | None:
    value = getattr(settings, "FRONTLINE_TODAY", None)
    return _fixed_day(value) if value else None


def now() -> dt.datetime:
    """Aware datetime. On a demo day, that day with the real local time of day."""
    real = timezone.localtime()
    day = demo_day()
    if day is None:
        return real
    return real.replace(year=day.year, month=day.month, day=day.day)


def today() -> dt.date:
    day = demo_day()
    return day if day is not None else timezone.localdate()


def local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a local calendar day as aware datetimes, for index-friendly range filters."""
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return start, start + dt.timedelta(days=1)
