"""Cell parsers: one raw spreadsheet value in, one clean Python value out, or a translated
ValidationError. Raw values come from calamine (str, int, float, bool, date, datetime, time) or CSV (str).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from frontline.people.identifiers import IdNumber, normalize_text, parse_id_number, parse_mobile

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 with Excel's 1900 leap-year bug


def is_blank(value) -> bool:
    # isspace() rather than strip(): the same answer without copying every non-blank cell.
    return value is None or (isinstance(value, str) and (not value or value.isspace()))


_WHITESPACE = re.compile(r"\s+")


def text(value) -> str:
    """A cell as clean text: NFKC (full-width letters/digits), inner runs of space collapsed.
    Floats that are whole numbers lose their '.0'. Text starting with = + - @ stays text as typed."""
    if type(value) is str:
        # NFKC leaves ASCII as it is: skip it for the common case (ID numbers, phones, codes).
        out = value.strip() if value.isascii() else unicodedata.normalize("NFKC", value).strip()
        return _WHITESPACE.sub(" ", out) if out else ""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    out = unicodedata.normalize("NFKC", str(value)).strip()
    return _WHITESPACE.sub(" ", out)


def name(value) -> str:
    out = text(value).replace(" ", "")
    if not out:
        raise ValidationError(_("Name is required."), code="name_required")
    if len(out) > 50:
        raise ValidationError(_("Name is longer than 50 characters."), code="name_long")
    return out


def id_number(value, *, today: dt.date) -> IdNumber:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # An 18-digit number has more than Excel's 15 significant digits: the last ones are gone.
        raise ValidationError(
            _(
                "The ID number was stored as a number and Excel has destroyed its last digits. "
                "Format the column as Text and type the numbers again."
            ),
            code="id_as_number",
        )
    if isinstance(value, str):
        value = value.strip().lstrip("'\t`")  # text markers other systems put before long numbers
    try:
        return parse_id_number(value, today=today)
    except ValidationError as exc:
        raw = normalize_text(value)
        if exc.code == "id_checksum" and raw.endswith("000"):
            raise ValidationError(
                _(
                    "The ID number ends in 000 and its check digit is wrong: Excel probably stored it as "
                    "a number and destroyed its last digits. Format the column as Text and type the "
                    "numbers again."
                ),
                code="id_as_number",
            ) from None
        raise


_ELEVEN = re.compile(r"1\d{10}")


@functools.lru_cache(maxsize=4096)
def _mobile_prefix(prefix: str) -> bool:
    """Whether 11-digit numbers starting with these digits are mainland mobiles. phonenumbers' CN
    mobile pattern looks at the first 5 digits at most (1740[0-5], 1610…); a test checks the cached
    answer equals parse_mobile's on random numbers. Saves ~0.4 ms a row in bulk imports."""
    try:
        parse_mobile(prefix + "0" * (11 - len(prefix)))
        return True
    except ValidationError:
        return False


def mobile(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        value = value.strip().lstrip("'\t`")
    if isinstance(value, str) and _ELEVEN.fullmatch(value) and _mobile_prefix(value[:5]):
        return value
    return parse_mobile(value)


_DATE_PATTERNS = [
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?(?:.*)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
]
_NO_YEAR = re.compile(r"^(?P<m>\d{1,2})(?:月|[-/.])(?P<d>\d{1,2})[日号]?(?:.*)?$")


def date(value, *, today: dt.date) -> dt.date:
    """Excel dates and serials, 2020-01-28, 2020/1/28, 2020.1.28, 2020年1月28日, 20200128, and
    1月28日 / 1-28 without a year: the most recent such day not later than a week after today (the
    lists are about days just past, so a year-less date in the future belongs to last year)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    bad = ValidationError(_("Not a date: write it as 2020-01-28 or 2020年1月28日."), code="date_invalid")
    if isinstance(value, bool):
        raise bad
    if isinstance(value, int | float):
        if 20000 <= value <= 80000:  # 1954-10 … 2119-01 as Excel serials
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        if 19000101 <= value <= 21001231 and float(value).is_integer():
            value = str(int(value))
        else:
            raise bad
    raw = re.sub(r"\s*([-/.年月日号])\s*", r"\1", unicodedata.normalize("NFKC", str(value)).strip())
    if re.fullmatch(r"\d{5}(\.0+)?", raw):
        return date(float(raw), today=today)
    try:
        for pattern in _DATE_PATTERNS:
            m = pattern.match(raw)
            if m:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        m = _NO_YEAR.match(raw)
        if m:
            day = dt.date(today.year, int(m["m"]), int(m["d"]))
            if day > today + dt.timedelta(days=7):
                day = day.replace(year=today.year - 1)
            return day
    except ValueError:
        raise ValidationError(_("This date does not exist."), code="date_impossible") from None
    raise bad


def choice(mapping: dict[str, str], label):
    """A parser accepting any of mapping's keys (normalized text) and returning its value."""

    def parse(value):
        key = text(value).replace(" ", "")
        if key in mapping:
            return mapping[key]
        raise ValidationError(
            _("%(value)s is not one of: %(choices)s.")
            % {"value": key[:20], "choices": "、".join(dict.fromkeys(mapping))[:80]},
            code="choice_invalid",
        )

    parse.label = label
    return parse


YES = {"是", "有", "√", "✓", "y", "yes", "true", "1", "是的", "已"}
NO = {"否", "无", "没有", "×", "✗", "n", "no", "false", "0", "未", "/"}


def yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    key = text(value).replace(" ", "").lower()
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValidationError(_("Write 是 or 否."), code="yes_no_invalid")


def temperature(value):
    """A body temperature in °C (35.0–42.0); '36.5℃' and '36.5度' accepted."""
    from decimal import Decimal, InvalidOperation

    raw = text(value).replace("℃", "").replace("°C", "").replace("度", "").replace("°", "").strip()
    try:
        t = Decimal(raw).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise ValidationError(_("Not a temperature: write it like 36.5."), code="temp_invalid") from None
    if not Decimal("34.0") <= t <= Decimal("43.0"):
        raise ValidationError(
            _("%(t)s °C is not a plausible body temperature.") % {"t": t}, code="temp_range"
        )
    return t


_TIME = re.compile(r"(?P<h>\d{1,2})(?:[:：时点](?P<m>\d{1,2})?分?)")


def moment(value, *, today: dt.date) -> dt.datetime:
    """A date with an optional time of day: Excel date-times, '2020-01-28 14:30', '1月28日14时30分'."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    day = date(value, today=today)
    if isinstance(value, int | float):
        frac = float(value) % 1
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=round(frac * 1440))
    raw = unicodedata.normalize("NFKC", str(value)).strip()
    rest = re.split(r"[日号]|\s|T", raw, maxsplit=1)
    clock_part = rest[1] if len(rest) > 1 else ""
    m = _TIME.search(clock_part)
    if not m:
        return dt.datetime.combine(day, dt.time())
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if hour > 23 or minute > 59:
        raise ValidationError(_("This time of day does not exist."), code="time_invalid")
    return dt.datetime.combine(day, dt.time(hour, minute))


_PLATE = re.compile(
    r"^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$"
)


def plate(value) -> str:
    raw = normalize_plate(value)
    if not _PLATE.match(raw):
        raise ValidationError(_("Not a vehicle plate like 赣B12345."), code="plate_invalid")
    return raw


def normalize_plate(value) -> str:
    return re.sub(r"[\s·.\-]", "", unicodedata.normalize("NFKC", text(value))).upper()
