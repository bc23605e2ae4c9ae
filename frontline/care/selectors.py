"""Every read of the care ledger and visits, scoped by the policy."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from frontline.care.models import Allocation, Disbursement, Visit
from frontline.core.policy import Policy


def allocation_list(*, policy: Policy):
    policy.require("care.view")
    return policy.scope(Allocation.objects.all()).order_by("-decided_on", "-id")


def allocation_get(*, policy: Policy, pk: int) -> Allocation:
    policy.require("care.view")
    return policy.get_or_404(Allocation.objects.all(), pk=pk)


def disbursement_list(
    *, policy: Policy, allocation: int | None = None, category: str = "", division: str = ""
):
    policy.require("care.view")
    qs = policy.scope(Disbursement.objects.select_related("allocation", "recipient_person", "recipient_org"))
    if allocation:
        qs = qs.filter(allocation_id=allocation)
    if category:
        qs = qs.filter(category=category)
    if division:
        qs = qs.filter(division_code__startswith=division)
    return qs.order_by("-paid_on", "-id")


def disbursement_get(*, policy: Policy, pk: int) -> Disbursement:
    policy.require("care.view")
    return policy.get_or_404(
        Disbursement.objects.select_related("allocation", "recipient_person", "recipient_org"), pk=pk
    )


def visit_list(*, policy: Policy, category: str = ""):
    policy.require("care.view")
    qs = policy.scope(
        Visit.objects.select_related("recipient_person", "recipient_org", "disbursement").prefetch_related(
            "visitors"
        )
    )
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("-visited_on", "-id")


def visit_get(*, policy: Policy, pk: int) -> Visit:
    policy.require("care.view")
    return policy.get_or_404(
        Visit.objects.select_related("recipient_person", "recipient_org", "disbursement").prefetch_related(
            "visitors"
        ),
        pk=pk,
    )


LEDGER_FIELDS = (
    "id",
    "paid_on",
    "amount_fen",
    "category",
    "voucher_number",
    "voucher_file",
    "approver",
    "notes",
    "division_code",
    "recipient_person__name",
    "recipient_org__name",
)


@dataclass
class LedgerRow:
    disbursement: Disbursement
    balance_fen: int


def ledger_rows(*, policy: Policy, allocation: Allocation) -> list[LedgerRow]:
    """The allocation's disbursements in payment order with the running balance after each. Only the
    rows the user may see; for the county (the allocation's owner) that is all of them."""
    rows, balance = [], allocation.amount_fen
    qs = (
        policy.scope(Disbursement.objects.filter(allocation=allocation))
        .select_related("recipient_person", "recipient_org")
        # Only what the ledger prints: no encrypted identifiers are loaded for thousands of rows.
        .only(*LEDGER_FIELDS)
        .order_by("paid_on", "id")
    )
    for d in qs:
        balance -= d.amount_fen
        rows.append(LedgerRow(d, balance))
    return rows


def category_totals(*, policy: Policy, allocation: Allocation | None = None) -> list[dict]:
    qs = disbursement_list(policy=policy)
    if allocation is not None:
        qs = qs.filter(allocation=allocation)
    return list(
        qs.order_by()
        .values("category")
        .annotate(total_fen=Sum("amount_fen"), count=Count("id"))
        .order_by("category")
    )


def balance_fen(*, policy: Policy) -> int:
    """What remains to be paid out of the allocations the user may see."""
    policy.require("care.view")
    alloc = policy.scope(Allocation.objects.all()).aggregate(
        amount=Sum("amount_fen"), paid=Sum("disbursed_fen")
    )
    return (alloc["amount"] or 0) - (alloc["paid"] or 0)


def person_care(*, policy: Policy, person) -> tuple:
    """What one person received and the visits they had (for the cadre profile)."""
    disbursements = policy.scope(
        Disbursement.objects.filter(recipient_person=person).select_related("allocation")
    ).order_by("-paid_on", "-id")
    visits = policy.scope(Visit.objects.filter(Q(recipient_person=person) | Q(visitors=person))).distinct()
    return disbursements, visits.order_by("-visited_on", "-id")
