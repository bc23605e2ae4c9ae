"""Small builders for discipline and supervision tests (not fixtures: plain functions)."""

from __future__ import annotations

from frontline import testing
from frontline.discipline import services
from frontline.people.models import Cadre, Membership, Organization


def org(kind: str, division: str, name: str | None = None) -> Organization:
    return Organization.objects.get_or_create(
        kind=kind, division_code=division, name=name or f"{kind}-{division}"
    )[0]


def org_cadre(
    division: str, name: str = "组工干部", *, kind: str = "org_cadre", unit_kind: str | None = None
) -> Cadre:
    """A cadre of the county department (division 360732) or of a township committee."""
    unit_kind = unit_kind or ("org_department" if len(division) == 6 else "township_committee")
    unit = org(unit_kind, division)
    person = testing.make_person(division, name)
    Membership.objects.create(person=person, organization=unit, kind="party_member", division_code=division)
    return Cadre.objects.create(
        person=person, kind=kind, unit=unit, division_code=division, position="组织委员"
    )


def member(division: str, name: str = "党员") -> Membership:
    branch = org("village_branch", division)
    person = testing.make_person(division, name)
    return Membership.objects.create(
        person=person, organization=branch, kind="party_member", division_code=division
    )


def rules(users, n: int = 10):
    return services.ruleset_publish(
        actor=users["county_admin"], title="十严禁", rules=[f"严禁第{i}条" for i in range(1, n + 1)]
    )
