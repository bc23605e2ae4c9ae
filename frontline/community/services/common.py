"""Rules shared by the community services: where a record may be written, whose person may be named,
how money typed in yuan becomes integer fen."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from frontline.core.policy import Policy, policy_for
from frontline.people.models import Person
from frontline.regions.models import Division

WRITE = "community.change"
# Teams, gatherings, produce and jobs belong to a township, a village or a grid, never the county.
MIN_CODE_LENGTH = 9


def writer_policy(actor) -> Policy:
    policy = policy_for(actor)
    policy.require(WRITE)
    return policy


def check_division(policy: Policy, code: str, field: str = "division_code") -> str:
    code = (code or "").strip()
    if not code or not Division.objects.filter(code=code).exists():
        raise ValidationError({field: _("Unknown division %(code)s.") % {"code": code or "-"}})
    policy.require_covers(code)
    if len(code) < MIN_CODE_LENGTH:
        raise ValidationError({field: _("Choose a township, village or grid, not the whole county.")})
    return code


def person_in(policy: Policy, person, field: str) -> Person | None:
    """A Person (or its id) named on a record must be someone the actor can see."""
    if person in (None, ""):
        return None
    pk = person.pk if isinstance(person, Person) else person
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Choose a person from the list.")}) from None
    found = policy.scope(Person.objects.all()).filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: _("This person is not in your jurisdiction.")})
    return found


def text(value, field: str, *, max_length: int, required: bool = False, label: str = "") -> str:
    value = " ".join(str(value or "").split()) if max_length <= 200 else str(value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > max_length:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": max_length}})
    return value


def yuan_to_fen(value, field: str) -> int:
    """'12.5', '12.50', '１２', 12 → 1250. Decimal only: money never passes through a float."""
    if value is None or value == "":
        raise ValidationError({field: _("Enter an amount in yuan, e.g. 12.50.")})
    if isinstance(value, float):
        value = repr(value)
    raw = str(value).strip().replace(",", "").replace("元", "").replace("¥", "").replace("￥", "")
    raw = raw.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise ValidationError({field: _("Enter an amount in yuan, e.g. 12.50.")}) from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError({field: _("Enter an amount in yuan, e.g. 12.50.")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("At most two decimal places (fen).")})
    fen = int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    if fen > 100_000_000_00:
        raise ValidationError({field: _("Value out of range.")})
    return fen


def decimal_quantity(value, field: str, *, required: bool = True) -> Decimal | None:
    if value is None or value == "":
        if required:
            raise ValidationError({field: _("This field is required.")})
        return None
    try:
        q = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError({field: _("Enter a number.")}) from None
    if not q.is_finite() or q <= 0 or q >= Decimal("100000000"):
        raise ValidationError({field: _("Enter a quantity greater than zero.")})
    if q != q.quantize(Decimal("0.01")):
        raise ValidationError({field: _("At most two decimal places.")})
    return q


def fen_display(fen: int | None) -> str:
    fen = fen or 0
    return f"{fen // 100}.{fen % 100:02d}"


def user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def actor_person(actor) -> Person | None:
    return getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) else None
