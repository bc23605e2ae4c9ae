"""Chinese vehicle plates (GA 36-2018): normalize, validate, decode the province.

- ordinary plates: 7 characters, province abbreviation + issuing-authority letter + 5 characters
  (赣B12345); the last may be a special suffix 学 警 挂 港 澳 领 (赣B1234学, 粤Z1234港).
- new-energy plates: 8 characters; small vehicles D/F, a letter or digit, then 4 digits (粤BD12345, 粤BFA1234),
  large vehicles 5 digits + D/F (粤B12345D).
- embassy plates: 使 + 6 digits (使014578).
Letters I and O are never used (they look like 1 and 0). Messages are translated (Chinese first).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Plate abbreviation → (GB/T 2260 province code, name).
PROVINCES: dict[str, tuple[str, str]] = {
    "京": ("11", "北京"),
    "津": ("12", "天津"),
    "冀": ("13", "河北"),
    "晋": ("14", "山西"),
    "蒙": ("15", "内蒙古"),
    "辽": ("21", "辽宁"),
    "吉": ("22", "吉林"),
    "黑": ("23", "黑龙江"),
    "沪": ("31", "上海"),
    "苏": ("32", "江苏"),
    "浙": ("33", "浙江"),
    "皖": ("34", "安徽"),
    "闽": ("35", "福建"),
    "赣": ("36", "江西"),
    "鲁": ("37", "山东"),
    "豫": ("41", "河南"),
    "鄂": ("42", "湖北"),
    "湘": ("43", "湖南"),
    "粤": ("44", "广东"),
    "桂": ("45", "广西"),
    "琼": ("46", "海南"),
    "渝": ("50", "重庆"),
    "川": ("51", "四川"),
    "贵": ("52", "贵州"),
    "云": ("53", "云南"),
    "藏": ("54", "西藏"),
    "陕": ("61", "陕西"),
    "甘": ("62", "甘肃"),
    "青": ("63", "青海"),
    "宁": ("64", "宁夏"),
    "新": ("65", "新疆"),
}
PROVINCE_NAMES = {code: name for code, name in PROVINCES.values()}
SUFFIXES = "学警挂港澳领"
_ALNUM = "A-HJ-NP-Z0-9"  # no I, no O
_ORDINARY = re.compile(rf"^[A-HJ-NP-Z][{_ALNUM}]{{5}}$")
_SPECIAL = re.compile(rf"^[A-HJ-NP-Z][{_ALNUM}]{{4}}[{SUFFIXES}]$")
_NEV_SMALL = re.compile(rf"^[A-HJ-NP-Z][DF][{_ALNUM}][0-9]{{4}}$")
_NEV_LARGE = re.compile(r"^[A-HJ-NP-Z][0-9]{5}[DF]$")
_EMBASSY = re.compile(r"^使[0-9]{6}$")
_SEPARATORS = re.compile(r"[\s\u3000·•・.\-_]+")


@dataclass(frozen=True)
class Plate:
    value: str  # normalized, e.g. 鄂A12345
    province_code: str  # "42"; "" for embassy plates
    province_name: str
    kind: str  # ordinary | new_energy | special | embassy


def normalize_plate(raw) -> str:
    """Full-width to half-width, separators and spaces removed, letters upper-case."""
    if raw is None:
        return ""
    value = unicodedata.normalize("NFKC", str(raw))
    return _SEPARATORS.sub("", value).upper()


def parse_plate(raw) -> Plate:
    value = normalize_plate(raw)
    if not value:
        raise ValidationError(_("Plate number is required."), code="plate_required")
    if _EMBASSY.match(value):
        return Plate(value, "", "", "embassy")
    head, rest = value[0], value[1:]
    if head not in PROVINCES:
        raise ValidationError(
            _("A plate starts with a province abbreviation such as 赣 or 鄂; “%(char)s” is not one."),
            code="plate_province",
            params={"char": head},
        )
    code, name = PROVINCES[head]
    if "I" in rest or "O" in rest:
        raise ValidationError(_("Plates never use the letters I or O: did you mean 1 or 0?"), code="plate_io")
    if len(rest) == 6:
        if _ORDINARY.match(rest):
            return Plate(value, code, name, "ordinary")
        if _SPECIAL.match(rest):
            return Plate(value, code, name, "special")
    elif len(rest) == 7:
        if _NEV_SMALL.match(rest) or _NEV_LARGE.match(rest):
            return Plate(value, code, name, "new_energy")
        raise ValidationError(
            _("An 8-character new-energy plate has D or F third (粤BD12345) or last (粤B12345D)."),
            code="plate_new_energy",
        )
    else:
        raise ValidationError(
            _("A plate has 7 characters (8 for new-energy vehicles); this one has %(n)d."),
            code="plate_length",
            params={"n": len(value)},
        )
    raise ValidationError(
        _("Not a valid plate: a province abbreviation, a letter, then 5 letters or digits (赣B12345)."),
        code="plate_format",
    )


def province_of_plate(raw) -> tuple[str, str] | None:
    """(code, name) for a plate's first character, or None."""
    value = normalize_plate(raw)
    return PROVINCES.get(value[:1]) if value else None
