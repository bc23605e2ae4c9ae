"""Every write of front-line assessment. One function per use case, audited in its transaction.

Medical professionals (Cadre.profession == medical) whose front-line conduct is recorded as
outstanding get a title-promotion (职称晋升) priority entry proposed automatically, justified by that
observation (`title_priority_for_observation`), as Xingguo's 若干措施 promised.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.policy import policy_for
from frontline.evaluation.models import (
    ACTIVE_STATUSES,
    Adjustment,
    AdjustmentKind,
    Commendation,
    CommendationLevel,
    EntryStatus,
    Justification,
    Observation,
    Pool,
    PoolEntry,
    Rating,
)
from frontline.people.models import Cadre, Person, Profession


def _text(value, field: str, *, required: bool = True, max_length: int | None = 200) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if max_length and len(value) > max_length:
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


def _choice(value, choices, field: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: _("Not one of the allowed values.")})
    return value


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def observation_create(
    *,
    actor,
    cadre: Cadre,
    observed_on,
    event: str,
    conduct: str,
    rating: str,
    observer: str,
    assessment: str = "",
) -> Observation:
    policy = policy_for(actor)
    policy.require("evaluation.change")
    policy.require_covers(cadre.division_code)
    observation = Observation.objects.create(
        cadre=cadre,
        person_id=cadre.person_id,
        observed_on=_date(observed_on, "observed_on"),
        event=_text(event, "event"),
        conduct=_text(conduct, "conduct", max_length=4000),
        rating=_choice(rating, Rating, "rating"),
        assessment=_text(assessment, "assessment", required=False, max_length=4000),
        observer=_text(observer, "observer", max_length=100),
        division_code=cadre.division_code,
        created_by=_user(actor),
    )
    audit_record(actor=actor, action="create", obj=observation, detail={"rating": rating})
    title_priority_for_observation(actor=actor, observation=observation)
    return observation


def title_priority_for_observation(*, actor, observation: Observation) -> PoolEntry | None:
    """An outstanding record of a medical professional → a 职称晋升 entry (proposed, automatic),
    justified by the record. Idempotent: an existing active entry just gains the justification."""
    if observation.rating != Rating.OUTSTANDING or observation.cadre.profession != Profession.MEDICAL:
        return None
    with transaction.atomic():
        entry = (
            PoolEntry.objects.select_for_update()
            .filter(person_id=observation.person_id, pool=Pool.TITLE_PROMOTION, status__in=ACTIVE_STATUSES)
            .first()
        )
        created = entry is None
        if created:
            entry = PoolEntry.objects.create(
                person_id=observation.person_id,
                pool=Pool.TITLE_PROMOTION,
                reason=_("Medical professional with outstanding front-line conduct."),
                proposed_on=observation.observed_on,
                automatic=True,
                division_code=observation.division_code,
                created_by=_user(actor),
            )
        added = _justify(entry, [observation])
        if created or added:
            audit_record(
                actor=actor,
                action="create" if created else "update",
                obj=entry,
                detail={"automatic": True, "observation": observation.pk},
            )
    return entry


def _summary(record) -> str:
    if isinstance(record, Observation):
        return f"{record.observed_on} {record.event} ({record.get_rating_display()})"
    if isinstance(record, Commendation):
        return f"{record.awarded_on} {record.title} ({record.get_level_display()})"
    when = getattr(record, "date", None) or getattr(record, "happened_on", None) or ""
    return f"{when} {record}".strip()[:300]


def _justify(entry: PoolEntry, records) -> int:
    added = 0
    for record in records:
        ct = ContentType.objects.get_for_model(record)
        _j, created = Justification.objects.get_or_create(
            entry=entry, content_type=ct, object_id=record.pk, defaults={"summary": _summary(record)}
        )
        added += created
    return added


@transaction.atomic
def commendation_create(
    *,
    actor,
    person: Person,
    level: str,
    title: str,
    awarded_on,
    awarded_by: str = "",
    document_number: str = "",
) -> Commendation:
    policy = policy_for(actor)
    policy.require("evaluation.change")
    policy.require_covers(person.division_code)
    commendation = Commendation.objects.create(
        person=person,
        level=_choice(level, CommendationLevel, "level"),
        title=_text(title, "title"),
        awarded_on=_date(awarded_on, "awarded_on"),
        awarded_by=_text(awarded_by, "awarded_by", required=False, max_length=100),
        document_number=_text(document_number, "document_number", required=False, max_length=60),
        division_code=person.division_code,
        created_by=_user(actor),
    )
    audit_record(actor=actor, action="create", obj=commendation, detail={"level": level})
    return commendation


@transaction.atomic
def pool_entry_propose(*, actor, person: Person, pool: str, reason: str, records=()) -> PoolEntry:
    """Propose a person for a priority pool, citing the records (observations, commendations, deeds of
    any app) that justify it. At least one record; each must be about this person and in scope."""
    policy = policy_for(actor)
    policy.require("evaluation.decide")
    policy.require_covers(person.division_code)
    _choice(pool, Pool, "pool")
    records = list(records)
    if not records:
        raise ValidationError({"records": _("Cite at least one record that justifies the entry.")})
    for record in records:
        if getattr(record, "person_id", person.pk) != person.pk:
            raise ValidationError({"records": _("A cited record is about someone else.")})
        policy.require_covers(getattr(record, "division_code", person.division_code))
    if PoolEntry.objects.filter(person=person, pool=pool, status__in=ACTIVE_STATUSES).exists():
        raise ValidationError({"pool": _("This person already has an open entry in this pool.")})
    entry = PoolEntry.objects.create(
        person=person,
        pool=pool,
        reason=_text(reason, "reason", max_length=2000),
        proposed_on=clock.today(),
        division_code=person.division_code,
        created_by=_user(actor),
    )
    _justify(entry, records)
    audit_record(actor=actor, action="create", obj=entry, detail={"pool": pool, "records": len(records)})
    return entry


_TRANSITIONS = {
    EntryStatus.PROPOSED: {EntryStatus.CONFIRMED, EntryStatus.WITHDRAWN},
    EntryStatus.CONFIRMED: {EntryStatus.USED, EntryStatus.WITHDRAWN},
}


@transaction.atomic
def pool_entry_decide(*, actor, entry: PoolEntry, status: str, note: str = "") -> PoolEntry:
    policy = policy_for(actor)
    policy.require("evaluation.decide")
    entry = policy.get_or_404(PoolEntry.objects.select_for_update(), pk=entry.pk)
    if status not in _TRANSITIONS.get(entry.status, set()):
        raise ValidationError({"status": _("This entry cannot move to that status.")})
    old = entry.status
    entry.status = status
    entry.decided_note = _text(note, "note", required=False, max_length=300)
    entry.save(update_fields=["status", "decided_note"])
    audit_record(actor=actor, action="update", obj=entry, detail={"from": old, "to": status})
    return entry


@transaction.atomic
def adjustment_create(
    *,
    actor,
    person: Person,
    kind: str,
    decided_on,
    reason: str,
    decided_by: str,
    from_position: str = "",
    to_position: str = "",
    document_number: str = "",
    observation: Observation | None = None,
) -> Adjustment:
    policy = policy_for(actor)
    policy.require("evaluation.decide")
    policy.require_covers(person.division_code)
    if observation is not None and observation.person_id != person.pk:
        raise ValidationError({"observation": _("A cited record is about someone else.")})
    adjustment = Adjustment.objects.create(
        person=person,
        kind=_choice(kind, AdjustmentKind, "kind"),
        decided_on=_date(decided_on, "decided_on"),
        reason=_text(reason, "reason", max_length=2000),
        decided_by=_text(decided_by, "decided_by", max_length=100),
        from_position=_text(from_position, "from_position", required=False, max_length=100),
        to_position=_text(to_position, "to_position", required=False, max_length=100),
        document_number=_text(document_number, "document_number", required=False, max_length=60),
        observation=observation,
        division_code=person.division_code,
        created_by=_user(actor),
    )
    audit_record(actor=actor, action="create", obj=adjustment, detail={"kind": kind})
    return adjustment


@transaction.atomic
def title_priority_sync(*, actor, division: str | None = None) -> int:
    """Re-run the medical rule over every outstanding record in scope (e.g. after an import); returns
    how many justifications were added."""
    policy = policy_for(actor)
    policy.require("evaluation.decide")
    qs = policy.scope(
        Observation.objects.filter(rating=Rating.OUTSTANDING, cadre__profession=Profession.MEDICAL)
    ).select_related("cadre")
    if division:
        qs = qs.filter(division_code__startswith=division)
    before = Justification.objects.count()
    for observation in qs.order_by("observed_on", "id"):
        title_priority_for_observation(actor=actor, observation=observation)
    return Justification.objects.count() - before
