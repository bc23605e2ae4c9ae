"""Money as integer fen. Parsing yuan text with Decimal (never float); formatting for pages.

Accepted: "1000", "1,000.50", "1000.5元", "￥1 000", "37.1万元", full-width digits. Refused: more than
two decimals (a fen is the smallest unit), negative or zero amounts, anything not a number.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_FEN = 10**13  # 1000 亿元: beyond any county's care fund; guards against typos in the thousands

_NUMBER = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<wan>万)?(?:元)?$")


def parse_yuan(value, *, field: str = "amount") -> int:
    """Yuan text (or Decimal/int) → fen as int. Raises a translated ValidationError on bad input."""
    if isinstance(value, float):
        # Floats cannot hold money exactly; callers pass text or Decimal.
        raise ValidationError({field: _("Enter the amount as text, e.g. 1000.50.")})
    text = unicodedata.normalize("NFKC", str(value if value is not None else "")).strip()
    text = text.replace(",", "").replace(" ", "").replace("￥", "").replace("¥", "").replace("圆", "元")
    if not text:
        raise ValidationError({field: _("Enter an amount in yuan.")})
    if text.startswith("-"):
        raise ValidationError({field: _("The amount must be greater than zero.")})
    match = _NUMBER.match(text)
    if not match:
        raise ValidationError({field: _("Enter an amount in yuan, e.g. 1000.50 or 1,000.50元.")})
    try:
        amount = Decimal(match["num"])
    except InvalidOperation:  # pragma: no cover - the regex already guarantees a number
        raise ValidationError({field: _("Enter an amount in yuan, e.g. 1000.50 or 1,000.50元.")}) from None
    if match["wan"]:
        amount *= 10000
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise ValidationError({field: _("At most two decimals: the smallest unit is one fen (0.01 yuan).")})
    fen = int(fen)
    if fen <= 0:
        raise ValidationError({field: _("The amount must be greater than zero.")})
    if fen > MAX_FEN:
        raise ValidationError({field: _("The amount is implausibly large; check the number.")})
    return fen


def fen_to_yuan(fen: int) -> Decimal:
    """Exact yuan as a Decimal with two places."""
    return (Decimal(int(fen)) / 100).quantize(Decimal("0.01"))


def format_fen(fen: int | None) -> str:
    """12345678 → '123,456.78' (no currency sign; pages add 元)."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{yuan:,}.{cents:02d}"


def yuan_number(fen: int) -> int | float:
    """Yuan for figures/JSON: an int when whole, otherwise a float with at most two decimals, whose
    shortest repr is the exact decimal (e.g. 1234.56)."""
    fen = int(fen or 0)
    if fen % 100 == 0:
        return fen // 100
    return float(fen_to_yuan(fen))
