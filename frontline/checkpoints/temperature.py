"""Body temperature: one parser and one fever rule for every entrance (checkpoint registrations,
quarantine check-ins, imports). The threshold is settings.FRONTLINE_FEVER_THRESHOLD (37.3 °C by
default, the 2020 rule); readings outside 34–43 °C are typing or thermometer errors, refused."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PLAUSIBLE_MIN = Decimal("34.0")
PLAUSIBLE_MAX = Decimal("43.0")
_UNITS = re.compile(r"(°C|℃|°|C|度)$", re.IGNORECASE)


def fever_threshold() -> Decimal:
    return Decimal(str(getattr(settings, "FRONTLINE_FEVER_THRESHOLD", "37.3")))


def parse_temperature(raw) -> Decimal:
    """'37.5', '37,5', '37.5℃', 37.5 → Decimal('37.5'). Raises a translated ValidationError."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValidationError(_("Temperature is required."), code="temperature_required")
    if isinstance(raw, bool):
        raise ValidationError(_("Temperature must be a number such as 36.5."), code="temperature_format")
    if isinstance(raw, Decimal | int | float):
        text = str(raw)
    else:
        text = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", ".").replace(" ", "")
        text = _UNITS.sub("", text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            _("Temperature must be a number such as 36.5."), code="temperature_format"
        ) from None
    if not value.is_finite():
        raise ValidationError(_("Temperature must be a number such as 36.5."), code="temperature_format")
    value = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if value < PLAUSIBLE_MIN or value > PLAUSIBLE_MAX:
        raise ValidationError(
            _("%(value)s °C is not a plausible body temperature (34–43 °C): please measure again."),
            code="temperature_range",
            params={"value": value},
        )
    return value


def is_fever(t: Decimal) -> bool:
    return Decimal(t) >= fever_threshold()
