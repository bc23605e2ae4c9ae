"""Writes of 党员突击队: teams, members, tasks, and the records a task produced."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.policy import policy_for
from frontline.discipline.models import CommandoTeam, TaskKind, TaskRecord, TeamMember, TeamTask
from frontline.people.models import Organization, Person

# Which commando task a kind of front-line work belongs to.
TASK_OF_WORK = {
    "registration_done": TaskKind.SCREENING,
    "shift_served": TaskKind.PERSUASION,
    "gathering_persuaded": TaskKind.PERSUASION,
    "checkin_done": TaskKind.SUPPORT,
    "support_delivered": TaskKind.SUPPORT,
}


@transaction.atomic
def team_create(
    *,
    actor,
    name: str,
    organization: Organization,
    leader: Person | None = None,
    formed_on: dt.date | None = None,
) -> CommandoTeam:
    policy = policy_for(actor)
    policy.require("discipline.teams_change")
    policy.require_covers(organization.division_code)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": pgettext("thing", "Name is required.")})
    if CommandoTeam.objects.filter(division_code=organization.division_code, name=name).exists():
        raise ValidationError({"name": _("A team with this name already exists here.")})
    team = CommandoTeam.objects.create(
        name=name[:100],
        organization=organization,
        leader=leader,
        formed_on=formed_on or clock.today(),
        division_code=organization.division_code,
    )
    audit_record(actor=actor, action="create", obj=team)
    if leader is not None:
        team_members_add(actor=actor, team=team, people=[leader])
    return team


@transaction.atomic
def team_members_add(*, actor, team: CommandoTeam, people: list[Person]) -> int:
    policy = policy_for(actor)
    policy.require("discipline.teams_change")
    policy.require_covers(team.division_code)
    for p in people:
        # A team may draw members from its own area only (a township team: that township's people).
        if not p.division_code.startswith(team.division_code[: max(6, min(len(team.division_code), 9))]):
            raise ValidationError({"person": _("%(name)s is outside this team's area.") % {"name": p.name}})
    have = set(TeamMember.objects.filter(team=team).values_list("person_id", flat=True))
    new = [
        TeamMember(team=team, person=p, joined_on=clock.today(), division_code=team.division_code)
        for p in {p.pk: p for p in people}.values()
        if p.pk not in have
    ]
    TeamMember.objects.bulk_create(new)
    if new:
        audit_record(
            actor=actor,
            action="bulk_create",
            object_type="discipline.teammember",
            division_code=team.division_code,
            ids=[m.person_id for m in new],
            detail={"team": team.pk},
        )
    return len(new)


@transaction.atomic
def team_task_create(
    *,
    actor,
    team: CommandoTeam,
    kind: str,
    title: str,
    area_code: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> TeamTask:
    policy = policy_for(actor)
    policy.require("discipline.teams_change")
    policy.require_covers(team.division_code)
    errors = {}
    if kind not in TaskKind.values:
        errors["kind"] = _("Choose a task.")
    if not (title or "").strip():
        errors["title"] = _("Title is required.")
    area_code = area_code or team.division_code
    if not area_code.startswith(team.division_code[:6]):
        errors["area_code"] = _("The area must be within the county.")
    starts_on = starts_on or clock.today()
    if ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end date is before the start date.")
    if errors:
        raise ValidationError(errors)
    task = TeamTask.objects.create(
        team=team,
        kind=kind,
        title=title.strip()[:200],
        area_code=area_code,
        starts_on=starts_on,
        ends_on=ends_on,
        division_code=team.division_code,
    )
    audit_record(actor=actor, action="create", obj=task)
    return task


def _running_tasks(person_id: int, kind: str, day: dt.date) -> set[tuple]:
    """(id, area_code, division_code) of the running tasks of kind in the person's teams. Asked on
    every checkpoint registration, so written out (the ORM builds this join ~8× slower than it runs)."""
    conn = connections[router.db_for_read(TeamTask)]
    qn = conn.ops.quote_name
    d = TeamTask._meta.get_field("starts_on").get_db_prep_value(day, conn)
    sql = (
        f"SELECT t.id, t.area_code, t.division_code FROM {qn(TeamTask._meta.db_table)} t "  # noqa: S608
        f"JOIN {qn(TeamMember._meta.db_table)} m ON m.team_id = t.team_id "
        "WHERE m.person_id = %s AND t.kind = %s AND t.starts_on <= %s AND (t.ends_on IS NULL OR t.ends_on >= %s)"
    )
    with conn.cursor() as cursor:
        cursor.execute(sql, [person_id, kind, d, d])
        return set(cursor.fetchall())


def task_records_link(*, event, label: str) -> int:
    """Called by the work-event handler inside the work's transaction: link the record to every
    running task of the member's teams that this work belongs to."""
    kind = TASK_OF_WORK.get(event.kind)
    if kind is None:
        return 0
    day = timezone.localdate(event.at) if timezone.is_aware(event.at) else event.at.date()
    tasks = [
        t for t in _running_tasks(event.person.pk, kind, day) if (event.division_code or "").startswith(t[1])
    ]
    if not tasks:
        return 0
    ct = ContentType.objects.get_for_model(type(event.obj))
    rows = [
        TaskRecord(
            task_id=t[0],
            record_type=ct,
            record_id=event.obj.pk,
            label=label,
            person=event.person,
            at=event.at,
            division_code=t[2],
        )
        for t in tasks
    ]
    TaskRecord.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
