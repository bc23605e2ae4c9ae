"""Writes of 分片包乡 supervision: assignments, visits, findings, feedback, rectification items."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.events import emit_work_done
from frontline.core.files import stored_name
from frontline.core.policy import policy_for
from frontline.discipline.services import check_upload
from frontline.people.models import Cadre, Person
from frontline.regions.models import Division
from frontline.supervision.models import Assignment, Finding, Rectification, Visit


def _township(code: str) -> Division:
    division = Division.objects.filter(code=code, level="township").first()
    if division is None:
        raise ValidationError({"division_code": _("Choose a township.")})
    return division


def _department_leader(person: Person) -> None:
    """Supervisors are cadres of the county organization department."""
    ok = Cadre.objects.filter(person=person, unit__kind="org_department").exists()
    if not ok:
        raise ValidationError(
            {"leader": _("%(name)s is not a cadre of the organization department.") % {"name": person.name}}
        )


@transaction.atomic
def assignment_create(*, actor, leader: Person, division_code: str, note: str = "") -> Assignment:
    policy = policy_for(actor)
    policy.require("supervision.change")
    _township(division_code)
    policy.require_covers(division_code)
    _department_leader(leader)
    if Assignment.objects.filter(leader=leader, division_code=division_code, active=True).exists():
        raise ValidationError({"division_code": _("This leader already covers this township.")})
    a = Assignment.objects.create(
        leader=leader, division_code=division_code, assigned_on=clock.today(), note=(note or "")[:200]
    )
    audit_record(actor=actor, action="create", obj=a, detail={"leader": leader.pk})
    return a


@transaction.atomic
def assignment_end(*, actor, assignment: Assignment) -> Assignment:
    policy = policy_for(actor)
    policy.require("supervision.change")
    policy.require_covers(assignment.division_code)
    assignment.active = False
    assignment.save(update_fields=["active"])
    audit_record(actor=actor, action="update", obj=assignment, detail={"active": False})
    return assignment


@transaction.atomic
def visit_create(
    *,
    actor,
    leader: Person,
    division_code: str,
    visited_on: dt.date,
    checked: str,
    summary: str = "",
    companions: str = "",
) -> Visit:
    """A supervision visit; it counts as the leader's work (supervision_visit) for 十带头."""
    policy = policy_for(actor)
    policy.require("supervision.change")
    _township(division_code)
    policy.require_covers(division_code)
    _department_leader(leader)
    errors = {}
    if visited_on is None:
        errors["visited_on"] = _("Enter a date as YYYY-MM-DD.")
    elif visited_on > clock.today():
        errors["visited_on"] = _("The date cannot be in the future.")
    if not (checked or "").strip():
        errors["checked"] = _("Say what was checked.")
    if errors:
        raise ValidationError(errors)
    visit = Visit.objects.create(
        leader=leader,
        division_code=division_code,
        visited_on=visited_on,
        checked=checked.strip(),
        summary=(summary or "").strip(),
        companions=(companions or "").strip()[:200],
        created_by=actor,
    )
    audit_record(actor=actor, action="create", obj=visit)
    at = clock.now().replace(year=visited_on.year, month=visited_on.month, day=visited_on.day)
    emit_work_done(
        kind="supervision_visit", person=leader, obj=visit, division_code=division_code, at=at, actor=actor
    )
    return visit


@transaction.atomic
def visit_feedback(*, actor, visit: Visit, sent_on: dt.date, to: str, feedback: str) -> Visit:
    policy = policy_for(actor)
    policy.require("supervision.change")
    policy.require_covers(visit.division_code)
    errors = {}
    if sent_on is None:
        errors["sent_on"] = _("Enter a date as YYYY-MM-DD.")
    elif sent_on < visit.visited_on or sent_on > clock.today():
        errors["sent_on"] = _("Feedback is sent on or after the visit, and not in the future.")
    if not (to or "").strip():
        errors["to"] = _("Say to whom the feedback was sent.")
    if not (feedback or "").strip():
        errors["feedback"] = _("Write the feedback.")
    if errors:
        raise ValidationError(errors)
    visit.feedback_sent_on, visit.feedback_to, visit.feedback = sent_on, to.strip()[:100], feedback.strip()
    visit.save(update_fields=["feedback_sent_on", "feedback_to", "feedback"])
    audit_record(actor=actor, action="update", obj=visit, detail={"feedback_sent_on": str(sent_on)})
    return visit


@transaction.atomic
def finding_create(*, actor, visit: Visit, text: str, serious: bool = False) -> Finding:
    policy = policy_for(actor)
    policy.require("supervision.change")
    policy.require_covers(visit.division_code)
    if not (text or "").strip():
        raise ValidationError({"text": _("Describe the finding.")})
    finding = Finding.objects.create(
        visit=visit, text=text.strip(), serious=serious, division_code=visit.division_code
    )
    audit_record(actor=actor, action="create", obj=finding)
    return finding


@transaction.atomic
def rectification_create(
    *, actor, finding: Finding, action: str, owner: str, deadline: dt.date
) -> Rectification:
    policy = policy_for(actor)
    policy.require("supervision.change")
    policy.require_covers(finding.division_code)
    errors = {}
    if not (action or "").strip():
        errors["action"] = _("Say what must be done.")
    if not (owner or "").strip():
        errors["owner"] = _("Name who is responsible.")
    if deadline is None:
        errors["deadline"] = _("Enter a date as YYYY-MM-DD.")
    elif deadline < finding.visit.visited_on:
        errors["deadline"] = _("The deadline is before the visit.")
    if errors:
        raise ValidationError(errors)
    item = Rectification.objects.create(
        finding=finding,
        action=action.strip()[:300],
        owner=owner.strip()[:100],
        deadline=deadline,
        division_code=finding.division_code,
    )
    audit_record(actor=actor, action="create", obj=item, detail={"deadline": str(deadline)})
    return item


@transaction.atomic
def rectification_close(
    *, actor, item: Rectification, note: str, evidence=None, closed_on: dt.date | None = None
) -> Rectification:
    """Closed with evidence: a note of what was done, and a file where there is one."""
    policy = policy_for(actor)
    policy.require("supervision.rectify")
    policy.require_covers(item.division_code)
    item = Rectification.objects.select_for_update().get(pk=item.pk)
    if item.closed_on:
        raise ValidationError({"note": _("This item is already closed.")})
    closed_on = closed_on or clock.today()
    errors = {}
    if len((note or "").strip()) < 5:
        errors["note"] = _("Describe how it was fixed (at least 5 characters).")
    if closed_on > clock.today():
        errors["closed_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    check_upload(evidence)
    item.closed_on, item.closure_note, item.closed_by = closed_on, note.strip(), actor
    if evidence is not None:
        item.evidence.save(stored_name(evidence), evidence, save=False)
    item.save()
    audit_record(actor=actor, action="close", obj=item, detail={"overdue": item.deadline < closed_on})
    return item
