"""Every read of front-line assessment. Evaluation data is sensitive: every selector requires
`evaluation.view` (county organization department, township leadership) and scopes by division."""

from __future__ import annotations

from django.db.models import Count, Q

from frontline.core.policy import Policy
from frontline.evaluation.models import ACTIVE_STATUSES, Adjustment, Commendation, Observation, PoolEntry
from frontline.people.models import Cadre


def cadre_list(*, policy: Policy, q: str = "", profession: str = ""):
    policy.require("evaluation.view")
    qs = policy.scope(Cadre.objects.select_related("person", "unit"))
    q = (q or "").strip()
    if q:
        qs = qs.filter(person__name__startswith=q)
    if profession:
        qs = qs.filter(profession=profession)
    return qs.annotate(
        n_observations=Count("observations", distinct=True),
        n_outstanding=Count("observations", filter=Q(observations__rating="outstanding"), distinct=True),
    ).order_by("division_code", "person__name", "id")


def cadre_get(*, policy: Policy, pk: int) -> Cadre:
    policy.require("evaluation.view")
    return policy.get_or_404(Cadre.objects.select_related("person", "unit", "sent_by"), pk=pk)


def observation_list(*, policy: Policy, person=None, rating: str = ""):
    policy.require("evaluation.view")
    qs = policy.scope(Observation.objects.select_related("person", "cadre"))
    if person is not None:
        qs = qs.filter(person=person)
    if rating:
        qs = qs.filter(rating=rating)
    return qs.order_by("-observed_on", "-id")


def observation_get(*, policy: Policy, pk: int) -> Observation:
    policy.require("evaluation.view")
    return policy.get_or_404(Observation.objects.select_related("person", "cadre"), pk=pk)


def commendation_list(*, policy: Policy, person=None):
    policy.require("evaluation.view")
    qs = policy.scope(Commendation.objects.select_related("person"))
    if person is not None:
        qs = qs.filter(person=person)
    return qs.order_by("-awarded_on", "-id")


def commendation_get(*, policy: Policy, pk: int) -> Commendation:
    policy.require("evaluation.view")
    return policy.get_or_404(Commendation.objects.select_related("person"), pk=pk)


def pool_entry_list(*, policy: Policy, pool: str = "", person=None, active_only: bool = False):
    policy.require("evaluation.view")
    qs = policy.scope(
        PoolEntry.objects.select_related("person", "person__cadre").prefetch_related("justifications")
    )
    if pool:
        qs = qs.filter(pool=pool)
    if person is not None:
        qs = qs.filter(person=person)
    if active_only:
        qs = qs.filter(status__in=ACTIVE_STATUSES)
    return qs.order_by("pool", "-proposed_on", "-id")


def pool_entry_get(*, policy: Policy, pk: int) -> PoolEntry:
    policy.require("evaluation.view")
    return policy.get_or_404(
        PoolEntry.objects.select_related("person").prefetch_related("justifications"), pk=pk
    )


def adjustment_list(*, policy: Policy, person=None):
    policy.require("evaluation.view")
    qs = policy.scope(Adjustment.objects.select_related("person", "observation"))
    if person is not None:
        qs = qs.filter(person=person)
    return qs.order_by("-decided_on", "-id")


def adjustment_get(*, policy: Policy, pk: int) -> Adjustment:
    policy.require("evaluation.view")
    return policy.get_or_404(Adjustment.objects.select_related("person"), pk=pk)
