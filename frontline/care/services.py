"""Every write to the care ledger and visits. The balance rule lives here once (web form, API, demo).

Overdraft is impossible by two independent guarantees:
1. the disbursement runs in one transaction that first locks the allocation row
   (`select_for_update` on PostgreSQL; on SQLite the IMMEDIATE transaction already holds the write
   lock from BEGIN, so writers are serialized) and checks the balance;
2. the allocation's `disbursed_fen` is raised in the same transaction by a conditional UPDATE, and a
   database CheckConstraint refuses `disbursed_fen > amount_fen` whatever writes it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.care.models import Allocation, AllocationSource, Disbursement, RecipientCategory, Visit
from frontline.care.money import MAX_FEN, format_fen
from frontline.core import clock
from frontline.core.policy import policy_for
from frontline.people.models import Organization, Person
from frontline.regions.models import Division


def _text(value, field: str, *, required: bool = True, max_length: int = 200) -> str:
    value = " ".join(str(value or "").split())
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > max_length:
        raise ValidationError({field: _("At most %(n)s characters.") % {"n": max_length}})
    return value


def _date(value, field: str) -> dt.date:
    if value is None or value == "":
        raise ValidationError({field: _("This field is required.")})
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError({field: _("Enter a date as YYYY-MM-DD.")}) from None
    if value > clock.today():
        raise ValidationError({field: _("The date cannot be in the future.")})
    return value


def _amount(fen, field: str = "amount") -> int:
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise ValidationError({field: _("Enter the amount in whole fen.")})
    if fen <= 0:
        raise ValidationError({field: _("The amount must be greater than zero.")})
    if fen > MAX_FEN:
        raise ValidationError({field: _("The amount is implausibly large; check the number.")})
    return fen


@transaction.atomic
def allocation_create(
    *,
    actor,
    title: str,
    amount_fen: int,
    decided_on,
    decided_by: str,
    division_code: str,
    source: str = AllocationSource.PARTY_DUES,
    document_number: str = "",
    decided_by_person: Person | None = None,
    notes: str = "",
) -> Allocation:
    policy = policy_for(actor)
    policy.require("care.change")
    if not Division.objects.filter(code=division_code).exists():
        raise ValidationError({"division_code": _("Unknown division %(code)s.") % {"code": division_code}})
    policy.require_covers(division_code)
    if source not in AllocationSource.values:
        raise ValidationError({"source": _("Not one of the allowed values.")})
    if decided_by_person is not None:
        policy.require_covers(decided_by_person.division_code)
    allocation = Allocation.objects.create(
        title=_text(title, "title"),
        source=source,
        amount_fen=_amount(amount_fen),
        decided_on=_date(decided_on, "decided_on"),
        decided_by=_text(decided_by, "decided_by", max_length=100),
        decided_by_person=decided_by_person,
        document_number=_text(document_number, "document_number", required=False, max_length=60),
        notes=str(notes or "").strip(),
        division_code=division_code,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="create",
        obj=allocation,
        detail={"amount_fen": allocation.amount_fen, "document_number": allocation.document_number},
    )
    return allocation


def _overdrawn(allocation: Allocation, amount_fen: int) -> ValidationError:
    balance = allocation.amount_fen - allocation.disbursed_fen
    return ValidationError(
        {
            "amount": _(
                "The amount %(amount)s yuan exceeds the remaining balance of this allocation: "
                "%(balance)s yuan."
            )
            % {"amount": format_fen(amount_fen), "balance": format_fen(balance)}
        }
    )


@transaction.atomic
def disbursement_create(
    *,
    actor,
    allocation: Allocation | int,
    category: str,
    amount_fen: int,
    approver: str,
    voucher_number: str,
    paid_on,
    recipient_person: Person | None = None,
    recipient_org: Organization | None = None,
    voucher_file=None,
    notes: str = "",
) -> Disbursement:
    policy = policy_for(actor)
    policy.require("care.change")
    amount_fen = _amount(amount_fen)
    if category not in RecipientCategory.values:
        raise ValidationError({"category": _("Not one of the allowed values.")})
    if (recipient_person is None) == (recipient_org is None):
        raise ValidationError({"recipient": _("Give exactly one recipient: a person or an organization.")})
    if category == RecipientCategory.FRONTLINE_ORG and recipient_org is None:
        raise ValidationError({"recipient": _("A front-line organization must be an organization.")})
    recipient = recipient_person or recipient_org
    policy.require_covers(recipient.division_code)
    voucher_number = _text(voucher_number, "voucher_number", max_length=60)
    approver = _text(approver, "approver", max_length=100)
    paid_on = _date(paid_on, "paid_on")
    # The lock: from here until commit no other disbursement of this allocation can read its balance.
    pk = allocation.pk if isinstance(allocation, Allocation) else allocation
    allocation = policy.get_or_404(Allocation.objects.select_for_update(), pk=pk)
    if not recipient.division_code.startswith(allocation.division_code):
        raise ValidationError({"recipient": _("The recipient is outside the allocation's division.")})
    if paid_on < allocation.decided_on:
        raise ValidationError({"paid_on": _("The payment cannot precede the allocation.")})
    if amount_fen > allocation.amount_fen - allocation.disbursed_fen:
        raise _overdrawn(allocation, amount_fen)
    if Disbursement.objects.filter(allocation=allocation, voucher_number=voucher_number).exists():
        raise ValidationError({"voucher_number": _("This voucher number is already in this ledger.")})
    try:
        with transaction.atomic():
            updated = Allocation.objects.filter(
                pk=allocation.pk, disbursed_fen__lte=F("amount_fen") - amount_fen
            ).update(disbursed_fen=F("disbursed_fen") + amount_fen)
    except IntegrityError:  # the CheckConstraint: the database itself refused an overdraft
        updated = 0
    if updated != 1:
        allocation.refresh_from_db()
        raise _overdrawn(allocation, amount_fen)
    if voucher_file:
        # The stored name never carries the uploader's file name (scans get named after the recipient).
        ext = voucher_file.name.rsplit(".", 1)[-1].lower() if "." in (voucher_file.name or "") else ""
        ext = ext if ext.isalnum() and len(ext) <= 5 else "bin"
        voucher_file.name = f"{uuid.uuid4().hex}.{ext}"
    disbursement = Disbursement.objects.create(
        allocation=allocation,
        recipient_person=recipient_person,
        recipient_org=recipient_org,
        category=category,
        amount_fen=amount_fen,
        approver=approver,
        voucher_number=voucher_number,
        voucher_file=voucher_file or "",
        paid_on=paid_on,
        notes=_text(notes, "notes", required=False, max_length=300),
        division_code=recipient.division_code,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="create",
        obj=disbursement,
        detail={
            "allocation": allocation.pk,
            "amount_fen": amount_fen,
            "category": category,
            "voucher_number": voucher_number,
        },
    )
    return disbursement


def _visitor_allowed(policy, code: str) -> bool:
    return policy.covers(code) or bool(policy.prefix and code and policy.prefix.startswith(code))


@transaction.atomic
def visit_create(
    *,
    actor,
    visited_on,
    category: str,
    recipient_person: Person | None = None,
    recipient_org: Organization | None = None,
    household: str = "",
    division_code: str = "",
    visitors: list[Person] | tuple = (),
    visitor_names: str = "",
    items: str = "",
    disbursement: Disbursement | None = None,
    notes: str = "",
) -> Visit:
    policy = policy_for(actor)
    policy.require("care.visit")
    if category not in RecipientCategory.values:
        raise ValidationError({"category": _("Not one of the allowed values.")})
    if recipient_person is not None and recipient_org is not None:
        raise ValidationError({"recipient": _("Give one visited person or organization, not both.")})
    household = _text(household, "household", required=False)
    recipient = recipient_person or recipient_org
    if recipient is not None:
        division_code = recipient.division_code
    elif not household:
        raise ValidationError(
            {"recipient": _("Say whom you visited: a person, an organization or a family.")}
        )
    if not Division.objects.filter(code=division_code).exists():
        raise ValidationError({"division_code": _("Unknown division %(code)s.") % {"code": division_code}})
    policy.require_covers(division_code)
    visitors = list(visitors)
    # A visitor comes from the jurisdiction or from a division above it (the county department);
    # anyone else answers like an unknown id, since the visit list shows each visitor's name.
    if any(not _visitor_allowed(policy, p.division_code) for p in visitors):
        raise ValidationError({"visitor_ids": _("Unknown visitor.")})
    visitor_names = _text(visitor_names, "visitor_names", required=False)
    if not visitors and not visitor_names:
        raise ValidationError({"visitors": _("Say who made the visit.")})
    if disbursement is not None:
        policy.get_or_404(Disbursement.objects.all(), pk=disbursement.pk)
        if recipient is not None and recipient not in (
            disbursement.recipient_person,
            disbursement.recipient_org,
        ):
            raise ValidationError({"disbursement": _("The money was paid to someone else.")})
    visit = Visit.objects.create(
        visited_on=_date(visited_on, "visited_on"),
        visitor_names=visitor_names,
        recipient_person=recipient_person,
        recipient_org=recipient_org,
        household=household,
        category=category,
        items=_text(items, "items", required=False, max_length=300),
        disbursement=disbursement,
        notes=str(notes or "").strip(),
        division_code=division_code,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if visitors:
        visit.visitors.set(visitors)
    audit_record(actor=actor, action="create", obj=visit, detail={"category": category})
    return visit
