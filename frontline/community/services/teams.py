"""Persuasion and patrol teams, their members and patrol logs."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.community.models import PatrolLog, PatrolMethod, Team, TeamKind
from frontline.community.services.common import (
    actor_person,
    check_division,
    person_in,
    text,
    user_or_none,
    writer_policy,
)
from frontline.core import clock
from frontline.core.events import emit_work_done
from frontline.people.models import Person

MAX_MEMBERS = 200


def _members(policy, ids, division_code: str) -> list[Person]:
    ids = [int(i) for i in (ids or []) if str(i).strip()]
    if len(ids) > MAX_MEMBERS:
        raise ValidationError({"members": _("At most %(n)s members.") % {"n": MAX_MEMBERS}})
    people = list(policy.scope(Person.objects.filter(pk__in=ids)))
    if len(people) != len(set(ids)):
        raise ValidationError({"members": _("This person is not in your jurisdiction.")})
    return people


@transaction.atomic
def team_create(
    *,
    actor,
    kind: str,
    name: str,
    division_code: str,
    formed_on: dt.date | None = None,
    leader=None,
    members=(),
    notes: str = "",
) -> Team:
    policy = writer_policy(actor)
    division_code = check_division(policy, division_code)
    if kind not in TeamKind.values:
        raise ValidationError({"kind": _("Choose a persuasion team or a patrol team.")})
    name = text(name, "name", max_length=100, required=True)
    formed_on = formed_on or clock.today()
    if formed_on > clock.today():
        raise ValidationError({"formed_on": _("The date cannot be in the future.")})
    leader = person_in(policy, leader, "leader")
    people = _members(policy, members, division_code)
    if leader is not None and leader not in people:
        people.append(leader)
    if Team.objects.filter(division_code=division_code, kind=kind, name=name).exists():
        raise ValidationError({"name": _("A team with this name already exists here.")})
    try:
        with transaction.atomic():
            team = Team.objects.create(
                kind=kind,
                name=name,
                division_code=division_code,
                leader=leader,
                formed_on=formed_on,
                notes=text(notes, "notes", max_length=300),
                created_by=user_or_none(actor),
            )
    except IntegrityError:
        raise ValidationError({"name": _("A team with this name already exists here.")}) from None
    team.members.set(people)
    audit_record(actor=actor, action="create", obj=team, detail={"kind": kind, "members": len(people)})
    return team


@transaction.atomic
def team_update(*, actor, team: Team, leader=None, members=None, name: str | None = None, notes=None) -> Team:
    policy = writer_policy(actor)
    policy.require_covers(team.division_code)
    changed = []
    if name is not None:
        name = text(name, "name", max_length=100, required=True)
        if name != team.name:
            if Team.objects.filter(division_code=team.division_code, kind=team.kind, name=name).exists():
                raise ValidationError({"name": _("A team with this name already exists here.")})
            team.name = name
            changed.append("name")
    if leader is not None:
        # "" clears the leader; an id names one (who must be in the jurisdiction).
        team.leader = person_in(policy, leader, "leader")
        changed.append("leader")
    if notes is not None:
        team.notes = text(notes, "notes", max_length=300)
        changed.append("notes")
    if changed:
        team.save()
    if members is not None:
        people = _members(policy, members, team.division_code)
        if team.leader is not None and team.leader not in people:
            people.append(team.leader)
        team.members.set(people)
        changed.append("members")
    if changed:
        audit_record(actor=actor, action="update", obj=team, detail={"fields": changed})
    return team


@transaction.atomic
def team_disband(*, actor, team: Team, on: dt.date | None = None) -> Team:
    policy = writer_policy(actor)
    policy.require_covers(team.division_code)
    if team.disbanded_on is not None:
        raise ValidationError({"disbanded_on": _("This team has already been disbanded.")})
    on = on or clock.today()
    if on < team.formed_on:
        raise ValidationError({"disbanded_on": _("A team cannot be disbanded before it was formed.")})
    team.disbanded_on = on
    team.save(update_fields=["disbanded_on"])
    audit_record(actor=actor, action="update", obj=team, detail={"disbanded_on": on.isoformat()})
    return team


@transaction.atomic
def patrol_log_create(
    *,
    actor,
    team: Team,
    date: dt.date | None = None,
    route: str,
    methods: list[str],
    households_reached: int = 0,
    notes: str = "",
    logged_by=None,
) -> PatrolLog:
    """A patrol of a team: where it went, how it spread the word, how many households it reached.
    Announces `patrol_done` for the member who logged it, else the team's leader."""
    policy = writer_policy(actor)
    policy.require_covers(team.division_code)
    if team.disbanded_on is not None:
        raise ValidationError({"team": _("This team has been disbanded.")})
    date = date or clock.today()
    if date > clock.today():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    if date < team.formed_on:
        raise ValidationError({"date": _("The team was not yet formed on that day.")})
    route = text(route, "route", max_length=200, required=True)
    methods = list(dict.fromkeys(m for m in (methods or []) if m))
    if not methods or any(m not in PatrolMethod.values for m in methods):
        raise ValidationError({"methods": _("Choose at least one method.")})
    try:
        households_reached = int(households_reached or 0)
    except (TypeError, ValueError):
        raise ValidationError({"households_reached": _("Enter a whole number.")}) from None
    if not 0 <= households_reached <= 5000:
        raise ValidationError({"households_reached": _("Value out of range.")})
    person = person_in(policy, logged_by, "logged_by") if logged_by else None
    if person is None:
        own = actor_person(actor)
        person = own if own is not None and team.members.filter(pk=own.pk).exists() else None
    log = PatrolLog.objects.create(
        team=team,
        division_code=team.division_code,
        date=date,
        route=route,
        methods=methods,
        households_reached=households_reached,
        notes=text(notes, "notes", max_length=500),
        logged_by=person,
        created_by=user_or_none(actor),
    )
    audit_record(
        actor=actor, action="create", obj=log, detail={"team": team.pk, "households": households_reached}
    )
    emit_work_done(
        kind="patrol_done",
        person=person or team.leader,
        obj=log,
        division_code=log.division_code,
        at=clock.now(),
        actor=actor,
    )
    return log
