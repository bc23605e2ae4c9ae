"""Produce listings and orders (党员代购, 滞销农产品直销).

An order for a household under home quarantine is also one of that quarantine's living-support
requests: the quarantine app's `support_request_create` is called with source="community" and
source_ref="community.produceorder:<id>", and the order keeps both as foreign keys. The order leads:
delivering or cancelling it settles the request (`support_request_settle`). One delivery is one piece
of work, so only the order's `produce_order_delivered` event is emitted, crediting the member who
bought and delivered; the request is closed without a `support_delivered` event of its own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.community.models import ListingStatus, OrderStatus, ProduceListing, ProduceOrder
from frontline.community.services.common import (
    actor_person,
    check_division,
    decimal_quantity,
    person_in,
    text,
    user_or_none,
    writer_policy,
    yuan_to_fen,
)
from frontline.core import clock
from frontline.core.events import emit_work_done
from frontline.people.identifiers import parse_mobile
from frontline.people.protection import protected_phone_fields
from frontline.quarantine.models import Quarantine, SupportKind
from frontline.quarantine.services import support_request_create, support_request_settle

MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}


def _photo_ext(photo) -> str:
    if photo.size > MAX_PHOTO_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 5 MB.")})
    photo.seek(0)
    head = photo.read(12)
    photo.seek(0)
    for magic, ext in PHOTO_TYPES.items():
        if head.startswith(magic):
            return ext
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    raise ValidationError({"photo": _("The photo must be a JPEG, PNG or WebP image.")})


@transaction.atomic
def produce_listing_create(
    *,
    actor,
    division_code: str,
    household_head: str,
    product: str,
    quantity,
    unit: str,
    price_yuan,
    address: str = "",
    person=None,
    photo=None,
    notes: str = "",
    listed_on: dt.date | None = None,
) -> ProduceListing:
    policy = writer_policy(actor)
    division_code = check_division(policy, division_code)
    listed_on = listed_on or clock.today()
    if listed_on > clock.today():
        raise ValidationError({"listed_on": _("The date cannot be in the future.")})
    listing = ProduceListing(
        division_code=division_code,
        household_head=text(household_head, "household_head", max_length=50, required=True),
        address=text(address, "address", max_length=200),
        person=person_in(policy, person, "person"),
        product=text(product, "product", max_length=100, required=True),
        quantity=decimal_quantity(quantity, "quantity"),
        unit=text(unit, "unit", max_length=10, required=True),
        price_fen=yuan_to_fen(price_yuan, "price_yuan"),
        listed_on=listed_on,
        notes=text(notes, "notes", max_length=300),
        created_by=user_or_none(actor),
    )
    if photo:
        ext = _photo_ext(photo)
        # The stored name never carries the uploader's file name (it may hold personal data).
        listing.photo.save(f"{uuid.uuid4().hex}.{ext}", photo, save=False)
    listing.save()
    audit_record(
        actor=actor, action="create", obj=listing, detail={"product": listing.product, "photo": bool(photo)}
    )
    return listing


@transaction.atomic
def produce_listing_set_status(*, actor, listing: ProduceListing, status: str) -> ProduceListing:
    policy = writer_policy(actor)
    policy.require_covers(listing.division_code)
    if status not in ListingStatus.values:
        raise ValidationError({"status": _("Not one of the allowed values.")})
    if status != listing.status:
        listing.status = status
        listing.save(update_fields=["status"])
        audit_record(actor=actor, action="update", obj=listing, detail={"status": status})
    return listing


def listing_remaining(listing: ProduceListing) -> Decimal:
    taken = listing.orders.exclude(status=OrderStatus.CANCELLED).aggregate(q=Sum("quantity"))["q"] or Decimal(
        0
    )
    return listing.quantity - taken


def _quarantine_support(*, actor, policy, order: ProduceOrder, quarantine_id) -> None:
    """Create the living-support request of the quarantined household this order is for."""
    quarantine = policy.scope(Quarantine.objects.all()).filter(pk=quarantine_id).first()
    if quarantine is None:
        raise ValidationError({"quarantine_id": _("No such home quarantine in your jurisdiction.")})
    request = support_request_create(
        actor=actor,
        quarantine=quarantine,
        kind=SupportKind.SUPPLIES,
        items=order.items,
        note=_("Proxy purchase (党员代购) order %(id)s") % {"id": order.pk},
        source="community",
        source_ref=f"community.produceorder:{order.pk}",
    )
    order.quarantine = quarantine
    order.support_request = request
    order.division_code = quarantine.division_code
    order.save(update_fields=["quarantine", "support_request", "division_code"])


@transaction.atomic
def produce_order_create(
    *,
    actor,
    buyer_name: str,
    items: str = "",
    division_code: str = "",
    listing: ProduceListing | int | None = None,
    quantity=None,
    amount_yuan=None,
    buyer_phone: str = "",
    buyer_address: str = "",
    handler=None,
    quarantine_id: int | None = None,
    notes: str = "",
) -> ProduceOrder:
    """An order of listed produce, or a purchase on behalf of a household (党员代购). Naming a home
    quarantine makes it one of that quarantine's living-support requests, in the same transaction."""
    policy = writer_policy(actor)
    listing_obj = None
    if listing not in (None, ""):
        pk = listing.pk if isinstance(listing, ProduceListing) else listing
        listing_obj = policy.scope(ProduceListing.objects.all()).filter(pk=pk).first()
        if listing_obj is None:
            raise ValidationError({"listing": _("No such produce listing in your jurisdiction.")})
        if listing_obj.status != ListingStatus.AVAILABLE:
            raise ValidationError({"listing": _("This produce is no longer available.")})
    if not division_code and listing_obj is not None:
        division_code = listing_obj.division_code
    if quarantine_id in ("", 0):
        quarantine_id = None
    if not division_code and quarantine_id is None:
        raise ValidationError({"division_code": _("This field is required.")})
    if division_code:
        division_code = check_division(policy, division_code)
    items = text(items, "items", max_length=300)
    qty = decimal_quantity(quantity, "quantity", required=listing_obj is not None)
    if listing_obj is not None:
        if qty > listing_remaining(listing_obj):
            raise ValidationError(
                {
                    "quantity": _("Only %(q)s %(unit)s left.")
                    % {"q": listing_remaining(listing_obj), "unit": listing_obj.unit}
                }
            )
        items = items or f"{listing_obj.product} {qty.normalize():f}{listing_obj.unit}"
        amount_fen = int((qty * listing_obj.price_fen).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
        if amount_yuan not in (None, ""):
            amount_fen = yuan_to_fen(amount_yuan, "amount_yuan")
    else:
        amount_fen = yuan_to_fen(amount_yuan, "amount_yuan") if amount_yuan not in (None, "") else 0
    if not items:
        raise ValidationError({"items": _("List what is ordered.")})
    phone = parse_mobile(buyer_phone) if (buyer_phone or "").strip() else None
    order = ProduceOrder.objects.create(
        division_code=division_code or policy.prefix,
        listing=listing_obj,
        buyer_name=text(buyer_name, "buyer_name", max_length=50, required=True),
        buyer_address=text(buyer_address, "buyer_address", max_length=200),
        items=items,
        quantity=qty,
        amount_fen=amount_fen,
        handler=person_in(policy, handler, "handler"),
        ordered_at=clock.now(),
        notes=text(notes, "notes", max_length=300),
        created_by=user_or_none(actor),
        **protected_phone_fields(phone),
    )
    if quarantine_id is not None:
        try:
            quarantine_id = int(quarantine_id)
        except (TypeError, ValueError):
            raise ValidationError({"quarantine_id": _("Enter a whole number.")}) from None
        _quarantine_support(actor=actor, policy=policy, order=order, quarantine_id=quarantine_id)
    audit_record(
        actor=actor,
        action="create",
        obj=order,
        detail={"listing": order.listing_id, "quarantine": order.quarantine_id, "amount_fen": amount_fen},
    )
    return order


def _open_order(actor, order: ProduceOrder):
    policy = writer_policy(actor)
    policy.require_covers(order.division_code)
    order = ProduceOrder.objects.select_for_update().get(pk=order.pk)
    return policy, order


@transaction.atomic
def produce_order_deliver(
    *, actor, order: ProduceOrder, received_yuan=None, handler=None, delivered_at: dt.datetime | None = None
) -> ProduceOrder:
    """Delivered to the buyer's door; the member who handled it is credited (produce_order_delivered)."""
    policy, order = _open_order(actor, order)
    if order.status != OrderStatus.OPEN:
        raise ValidationError(
            {"status": _("This order is already %(status)s.") % {"status": order.get_status_display()}}
        )
    if handler:
        order.handler = person_in(policy, handler, "handler")
    if order.handler is None:
        order.handler = actor_person(actor)
    if order.handler is None:
        raise ValidationError({"handler": _("Say which party member handled the order.")})
    now = clock.now()
    delivered_at = delivered_at or now
    if delivered_at < order.ordered_at or delivered_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"delivered_at": _("The delivery time must lie between the order and now.")})
    order.status, order.delivered_at = OrderStatus.DELIVERED, delivered_at
    if received_yuan not in (None, ""):
        order.received_fen, order.received_at = yuan_to_fen(received_yuan, "received_yuan"), now
    order.save()
    if order.listing_id and listing_remaining(order.listing) <= 0:
        ProduceListing.objects.filter(pk=order.listing_id, status=ListingStatus.AVAILABLE).update(
            status=ListingStatus.SOLD_OUT
        )
    audit_record(
        actor=actor,
        action="update",
        obj=order,
        detail={"status": "delivered", "received_fen": order.received_fen},
    )
    if order.support_request_id:
        support_request_settle(
            actor=actor, request=order.support_request, delivered_at=delivered_at, person=order.handler
        )
    emit_work_done(
        kind="produce_order_delivered",
        person=order.handler,
        obj=order,
        division_code=order.division_code,
        at=delivered_at,
        actor=actor,
    )
    return order


@transaction.atomic
def produce_order_record_payment(*, actor, order: ProduceOrder, received_yuan) -> ProduceOrder:
    """Money received for an order (may come after delivery). Replaces the amount recorded before."""
    _policy, order = _open_order(actor, order)
    if order.status == OrderStatus.CANCELLED:
        raise ValidationError({"status": _("This order was cancelled.")})
    fen = yuan_to_fen(received_yuan, "received_yuan")
    previous = order.received_fen
    order.received_fen, order.received_at = fen, clock.now()
    order.save(update_fields=["received_fen", "received_at"])
    audit_record(
        actor=actor, action="update", obj=order, detail={"received_fen": fen, "previous_fen": previous}
    )
    return order


@transaction.atomic
def produce_order_cancel(*, actor, order: ProduceOrder, reason: str) -> ProduceOrder:
    _policy, order = _open_order(actor, order)
    if order.status != OrderStatus.OPEN:
        raise ValidationError(
            {"status": _("This order is already %(status)s.") % {"status": order.get_status_display()}}
        )
    reason = text(reason, "reason", max_length=200, required=True)
    order.status, order.cancel_reason = OrderStatus.CANCELLED, reason
    order.save(update_fields=["status", "cancel_reason"])
    audit_record(actor=actor, action="update", obj=order, detail={"status": "cancelled"})
    if order.support_request_id:
        support_request_settle(actor=actor, request=order.support_request, cancel_reason=reason)
    return order
