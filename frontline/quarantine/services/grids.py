"""Grids (网格) of a village and the households in them: every household in exactly one grid."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from frontline.audit.services import audit_record
from frontline.core.policy import policy_for
from frontline.people.models import Person
from frontline.quarantine.models import Grid, Household
from frontline.regions.models import Division, Level


def _check_person(policy, person: Person | None, field: str):
    if person is not None and not policy.covers(person.division_code):
        raise ValidationError({field: _("%(name)s is not in your jurisdiction.") % {"name": person.name}})


@transaction.atomic
def grid_create(
    *,
    actor,
    village_code: str,
    name: str = "",
    code: str = "",
    leader: Person | None = None,
    leader_user=None,
) -> Grid:
    """A grid under a village: its division row (level grid, code = village code + 3 digits, the next
    free number unless `code` names an existing grid division without profile) and its profile."""
    policy = policy_for(actor)
    policy.require("quarantine.grids")
    policy.require_covers(village_code)
    village = Division.objects.filter(code=village_code, level=Level.VILLAGE).first()
    if village is None:
        raise ValidationError({"village_code": _("Grids are created under a village.")})
    _check_person(policy, leader, "leader")
    if leader_user is not None and not policy.covers(leader_user.division_code):
        raise ValidationError({"leader_user": _("That account is not in your jurisdiction.")})
    name = (name or "").strip()
    if code:
        division = Division.objects.filter(code=code, level=Level.GRID, parent_id=village_code).first()
        if division is None:
            raise ValidationError({"code": _("No grid division %(code)s in this village.") % {"code": code}})
        if Grid.objects.filter(division=division).exists():
            raise ValidationError({"code": _("This grid already exists.")})
    else:
        if not name:
            raise ValidationError({"name": pgettext("thing", "Name is required.")})
        if Division.objects.filter(parent_id=village_code, name=name).exists():
            raise ValidationError({"name": _("This village already has a grid of that name.")})
        taken = {
            int(c[-3:])
            for c in Division.objects.filter(parent_id=village_code).values_list("code", flat=True)
        }
        number = next((n for n in range(1, 1000) if n not in taken), None)
        if number is None:
            raise ValidationError({"name": _("This village has no free grid number left.")})
        division = Division.objects.create(
            code=f"{village_code}{number:03d}",
            name=name,
            level=Level.GRID,
            parent=village,
            kind="网格",
            full_name=f"{village.full_name or village.name} {name}",
        )
        audit_record(actor=actor, action="create", obj=division, division_code=division.code)
    grid = Grid.objects.create(
        division=division, division_code=division.code, leader=leader, leader_user=leader_user
    )
    audit_record(actor=actor, action="create", obj=grid, detail={"leader": leader and leader.pk})
    return grid


@transaction.atomic
def grid_set_leader(*, actor, grid: Grid, leader: Person | None, leader_user=None) -> Grid:
    policy = policy_for(actor)
    policy.require("quarantine.grids")
    policy.require_covers(grid.division_code)
    _check_person(policy, leader, "leader")
    grid.leader, grid.leader_user = leader, leader_user
    grid.save(update_fields=["leader", "leader_user"])
    audit_record(actor=actor, action="update", obj=grid, detail={"leader": leader and leader.pk})
    return grid


@transaction.atomic
def household_create(*, actor, grid: Grid, address: str, head: Person | None = None, members=()) -> Household:
    policy = policy_for(actor)
    policy.require("quarantine.grids")
    policy.require_covers(grid.division_code)
    address = (address or "").strip()
    if not address:
        raise ValidationError({"address": _("The address is required.")})
    members = list(members)
    for p in [head, *members]:
        _check_person(policy, p, "members")
    household = Household.objects.create(
        grid=grid, division_code=grid.division_code, address=address[:200], head=head
    )
    ids = {p.pk for p in members} | ({head.pk} if head else set())
    if ids:
        household.members.add(*ids)
    audit_record(actor=actor, action="create", obj=household, detail={"members": len(ids)})
    return household
