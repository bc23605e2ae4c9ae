"""Every read of people, organizations and members: scoped by the policy, masked by construction
(selectors never decrypt; only services.person_unmask does)."""

from django.db.models import Q

from frontline.core.policy import Policy
from frontline.people.models import PARTY_KINDS, Cadre, Membership, Organization, Person
from frontline.people.protection import id_hash


def person_list(*, policy: Policy, q: str = "", division: str = ""):
    policy.require("people.view")
    qs = policy.scope(Person.objects.all())
    if division:
        qs = qs.filter(division_code__startswith=division)
    q = (q or "").strip()
    if q:
        if len(q) == 18:
            qs = qs.filter(Q(id_hash=id_hash(q.upper())) | Q(name=q))
        else:
            qs = qs.filter(name__startswith=q)
    return qs.order_by("division_code", "name", "id")


def person_get(*, policy: Policy, pk: int) -> Person:
    policy.require("people.view")
    return policy.get_or_404(Person.objects.all(), pk=pk)


def organization_list(*, policy: Policy, kind: str = ""):
    policy.require("organizations.view")
    # County-level bodies (the department, the leading group) are visible to everyone beneath them:
    # a village secretary must know which working group to report to. Their members are not.
    qs = Organization.objects.filter(policy.q() | Q(division_code__in=_ancestors(policy.prefix)))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("division_code", "kind", "name")


def organization_get(*, policy: Policy, pk: int) -> Organization:
    org = organization_list(policy=policy).filter(pk=pk).first()
    if org is None:
        from django.http import Http404

        raise Http404
    return org


def member_list(*, policy: Policy, kind: str = "", division: str = ""):
    policy.require("members.view")
    qs = policy.scope(Membership.objects.select_related("person", "organization"))
    qs = qs.filter(kind=kind) if kind else qs.filter(kind__in=PARTY_KINDS)
    if division:
        qs = qs.filter(division_code__startswith=division)
    return qs.order_by("division_code", "person__name", "id")


def cadre_list(*, policy: Policy, kind: str = ""):
    policy.require("members.view")
    qs = policy.scope(Cadre.objects.select_related("person", "unit"))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("division_code", "person__name")


def _ancestors(prefix: str | None) -> list[str]:
    if not prefix:
        return []
    return [prefix[:n] for n in (6, 9, 12) if n < len(prefix)]
