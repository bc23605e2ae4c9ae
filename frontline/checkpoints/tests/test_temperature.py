from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from frontline.checkpoints.shifts import parse_shift_starts, slot_covering, slots_between, slots_on
from frontline.checkpoints.temperature import is_fever, parse_temperature


@pytest.mark.parametrize(
    "raw,value",
    [
        ("36.5", "36.5"),
        ("37,3", "37.3"),
        ("38.2℃", "38.2"),
        ("３６．８", "36.8"),
        (36.55, "36.6"),
        (37, "37.0"),
    ],
)
def test_temperatures_are_parsed_to_one_decimal(raw, value):
    assert parse_temperature(raw) == Decimal(value)


@pytest.mark.parametrize(
    "raw,code",
    [
        ("", "temperature_required"),
        ("abc", "temperature_format"),
        ("33.9", "temperature_range"),
        ("43.1", "temperature_range"),
        ("98.6", "temperature_range"),
        ("nan", "temperature_format"),
    ],
)
def test_implausible_or_malformed_temperatures_are_refused(raw, code):
    with pytest.raises(ValidationError) as exc:
        parse_temperature(raw)
    assert exc.value.code == code


def test_fever_is_at_or_above_the_configured_threshold(settings):
    assert is_fever(Decimal("37.3")) and not is_fever(Decimal("37.2"))
    settings.FRONTLINE_FEVER_THRESHOLD = "37.5"
    assert not is_fever(Decimal("37.4")) and is_fever(Decimal("37.5"))


def test_shift_patterns_default_two_twelve_hour_shifts_across_midnight():
    import datetime as dt

    from django.utils import timezone

    day = dt.date(2020, 2, 19)
    (s1, e1), (s2, e2) = slots_on(["08:00", "20:00"], day)
    assert (e1 - s1) == (e2 - s2) == dt.timedelta(hours=12)
    assert timezone.localtime(e2).date() == dt.date(2020, 2, 20)
    three_am = timezone.make_aware(dt.datetime(2020, 2, 19, 3, 0))
    start, end = slot_covering(["08:00", "20:00"], three_am)
    assert timezone.localtime(start).hour == 20 and timezone.localtime(start).date() == dt.date(2020, 2, 18)
    assert (
        len(list(slots_between(["00:00", "08:00", "16:00"], three_am, three_am + dt.timedelta(hours=24))))
        == 4
    )


def test_shift_start_times_are_validated():
    assert parse_shift_starts("20:00，8:00") == ["08:00", "20:00"]
    with pytest.raises(ValidationError):
        parse_shift_starts("25:00")
    with pytest.raises(ValidationError):
        parse_shift_starts("")
