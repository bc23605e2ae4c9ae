"""Gatherings found or reported (酒席, weddings, funerals) and the outcome of persuading the household."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.community.models import PERSUADED, Gathering, GatheringKind, GatheringSource, Outcome, Team
from frontline.community.services.common import check_division, person_in, text, user_or_none, writer_policy
from frontline.core import clock
from frontline.core.events import emit_work_done


def _team(policy, team):
    if team in (None, ""):
        return None
    pk = team.pk if isinstance(team, Team) else team
    found = policy.scope(Team.objects.all()).filter(pk=pk).first()
    if found is None:
        raise ValidationError({"team": _("Choose a team of your jurisdiction.")})
    return found


def _guests(value):
    if value in (None, ""):
        return None
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"expected_guests": _("Enter a whole number.")}) from None
    if not 0 <= value <= 5000:
        raise ValidationError({"expected_guests": _("Value out of range.")})
    return value


@transaction.atomic
def gathering_create(
    *,
    actor,
    division_code: str,
    household_head: str,
    kind: str,
    address: str = "",
    person=None,
    planned_date: dt.date | None = None,
    expected_guests: int | None = None,
    source: str = GatheringSource.FOUND,
    found_on: dt.date | None = None,
    outcome: str = Outcome.PENDING,
    persuaded_by=None,
    team=None,
    notes: str = "",
) -> Gathering:
    """Record a gathering; if the household was already talked round, its outcome too (one step)."""
    policy = writer_policy(actor)
    division_code = check_division(policy, division_code)
    if kind not in GatheringKind.values:
        raise ValidationError({"kind": _("Choose the kind of gathering.")})
    if source not in GatheringSource.values:
        raise ValidationError({"source": _("Not one of the allowed values.")})
    found_on = found_on or clock.today()
    if found_on > clock.today():
        raise ValidationError({"found_on": _("The date cannot be in the future.")})
    gathering = Gathering.objects.create(
        division_code=division_code,
        household_head=text(household_head, "household_head", max_length=50, required=True),
        address=text(address, "address", max_length=200),
        person=person_in(policy, person, "person"),
        kind=kind,
        planned_date=planned_date,
        expected_guests=_guests(expected_guests),
        source=source,
        found_on=found_on,
        notes=text(notes, "notes", max_length=500),
        created_by=user_or_none(actor),
    )
    audit_record(actor=actor, action="create", obj=gathering, detail={"kind": kind})
    if outcome and outcome != Outcome.PENDING:
        gathering_record_outcome(
            actor=actor,
            gathering=gathering,
            outcome=outcome,
            persuaded_by=persuaded_by,
            team=team,
            on=found_on,
        )
    elif persuaded_by or team:
        gathering.persuaded_by = person_in(policy, persuaded_by, "persuaded_by")
        gathering.team = _team(policy, team)
        gathering.save(update_fields=["persuaded_by", "team"])
    return gathering


@transaction.atomic
def gathering_record_outcome(
    *,
    actor,
    gathering: Gathering,
    outcome: str,
    persuaded_by=None,
    team=None,
    on: dt.date | None = None,
    notes: str | None = None,
) -> Gathering:
    """The outcome of persuading the household. Cancelled, postponed or downsized announces
    `gathering_persuaded` for the person who persuaded it (else the team's leader)."""
    policy = writer_policy(actor)
    policy.require_covers(gathering.division_code)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Not one of the allowed values.")})
    # A later change (postponed → cancelled) is recorded, but the persuasion is announced only once.
    previous = gathering.outcome
    on = on or clock.today()
    if on > clock.today():
        raise ValidationError({"outcome_on": _("The date cannot be in the future.")})
    if on < gathering.found_on:
        raise ValidationError({"outcome_on": _("The outcome cannot be before the gathering was found.")})
    person = person_in(policy, persuaded_by, "persuaded_by") if persuaded_by else gathering.persuaded_by
    team_obj = _team(policy, team) if team else gathering.team
    if outcome in PERSUADED and person is None and team_obj is None:
        raise ValidationError({"persuaded_by": _("Say who persuaded the household (a person or a team).")})
    gathering.outcome = outcome
    gathering.outcome_on = None if outcome == Outcome.PENDING else on
    gathering.persuaded_by = person
    gathering.team = team_obj
    if notes is not None:
        gathering.notes = text(notes, "notes", max_length=500)
    gathering.save()
    audit_record(
        actor=actor, action="update", obj=gathering, detail={"outcome": outcome, "previous": previous}
    )
    if outcome in PERSUADED and previous not in PERSUADED:
        emit_work_done(
            kind="gathering_persuaded",
            person=person or (team_obj.leader if team_obj else None),
            obj=gathering,
            division_code=gathering.division_code,
            at=clock.now(),
            actor=actor,
        )
    return gathering
