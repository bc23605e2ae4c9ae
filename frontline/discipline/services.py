"""Writes of 十严禁 (versions, acknowledgements) and 负面清单 / 追责问责. Every function checks the
actor's policy, validates, writes, and records its audit event in the same transaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.files import stored_name
from frontline.core.policy import policy_for
from frontline.discipline.models import (
    COUNTY,
    ENTRY_TRANSITIONS,
    AccountabilityCase,
    Acknowledgement,
    EntryCategory,
    EntryStatus,
    NegativeEntry,
    Outcome,
    Rule,
    RuleSet,
)
from frontline.people.models import Cadre, CadreKind

MAX_RULES = 30
EVIDENCE_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx"}
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def check_upload(upload, field: str = "evidence") -> None:
    """Evidence and photos: a short list of document/picture types, at most 5 MB."""
    if upload is None:
        return
    if Path(upload.name or "").suffix.lower() not in EVIDENCE_TYPES:
        raise ValidationError({field: _("Upload a PDF, picture, Word or Excel file.")})
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({field: _("The file is larger than 5 MB.")})


# -- 十严禁 ------------------------------------------------------------------------------------
def in_force(division_code: str = COUNTY) -> RuleSet | None:
    return RuleSet.objects.filter(division_code=division_code, in_force=True).first()


@transaction.atomic
def ruleset_publish(
    *, actor, title: str, rules: list[str], issued_on: dt.date | None = None, note: str = ""
) -> RuleSet:
    """A new version with its ordered rules; it goes into force and the old one is kept, retired."""
    policy = policy_for(actor)
    policy.require("discipline.rules_change")
    policy.require_covers(COUNTY)
    title = (title or "").strip()
    texts = [t.strip() for t in rules if t and t.strip()]
    errors = {}
    if not title:
        errors["title"] = _("Title is required.")
    if not texts:
        errors["rules"] = _("Write at least one rule, one per line.")
    elif len(texts) > MAX_RULES:
        errors["rules"] = _("At most %(n)s rules.") % {"n": MAX_RULES}
    elif any(len(t) > 300 for t in texts):
        errors["rules"] = _("A rule is at most 300 characters.")
    if errors:
        raise ValidationError(errors)
    current = RuleSet.objects.select_for_update().filter(division_code=COUNTY, in_force=True).first()
    last = RuleSet.objects.filter(division_code=COUNTY).order_by("-version").first()
    if current:
        current.in_force = False
        current.save(update_fields=["in_force"])
    ruleset = RuleSet.objects.create(
        version=(last.version + 1) if last else 1,
        title=title,
        issued_on=issued_on or clock.today(),
        note=note,
        in_force=True,
        division_code=COUNTY,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    Rule.objects.bulk_create([Rule(ruleset=ruleset, number=i, text=t) for i, t in enumerate(texts, 1)])
    audit_record(
        actor=actor,
        action="create",
        obj=ruleset,
        detail={
            "version": ruleset.version,
            "rules": len(texts),
            "replaces": current.version if current else None,
        },
    )
    return ruleset


def _org_cadre(cadre: Cadre) -> None:
    if cadre.kind != CadreKind.ORG_CADRE:
        raise ValidationError({"cadre": _("The ten prohibitions bind organization cadres only.")})


@transaction.atomic
def acknowledgement_record(*, actor, cadres: list[Cadre], ruleset: RuleSet | None = None) -> int:
    """Cadres acknowledge the version in force: a cadre for themself, or an administrator for the
    cadres of their jurisdiction (a signed paper form brought in). Returns how many were new."""
    policy = policy_for(actor)
    ruleset = ruleset or in_force()
    if ruleset is None or not ruleset.in_force:
        raise ValidationError({"ruleset": _("No version of the rules is in force.")})
    own = getattr(actor, "person_id", None)
    for cadre in cadres:
        _org_cadre(cadre)
        if cadre.person_id != own:
            policy.require("discipline.ack_record")
            policy.require_covers(cadre.division_code)
    done = set(
        Acknowledgement.objects.filter(ruleset=ruleset, cadre__in=cadres).values_list("cadre_id", flat=True)
    )
    now = clock.now()
    new = [
        Acknowledgement(
            ruleset=ruleset, cadre=c, acknowledged_at=now, recorded_by=actor, division_code=c.division_code
        )
        for c in {c.pk: c for c in cadres}.values()
        if c.pk not in done
    ]
    Acknowledgement.objects.bulk_create(new)
    if new:
        audit_record(
            actor=actor,
            action="bulk_create" if len(new) > 1 else "create",
            object_type="discipline.acknowledgement",
            division_code=policy.prefix or COUNTY,
            detail={"ruleset": ruleset.pk, "version": ruleset.version},
            ids=[a.cadre_id for a in new],
        )
    return len(new)


# -- 负面清单 ----------------------------------------------------------------------------------
@transaction.atomic
def negative_entry_create(
    *,
    actor,
    cadre: Cadre,
    category: str,
    facts: str,
    occurred_on: dt.date,
    rule: Rule | None = None,
    evidence=None,
) -> NegativeEntry:
    policy = policy_for(actor)
    policy.require("discipline.negative_change")
    policy.require_covers(cadre.division_code)
    errors = {}
    if category not in EntryCategory.values:
        errors["category"] = _("Choose a category.")
    elif category == EntryCategory.RULE:
        if rule is None:
            errors["rule"] = _("Choose the rule that was breached.")
        elif not rule.ruleset.in_force:
            errors["rule"] = _("That rule belongs to a version no longer in force.")
    facts = (facts or "").strip()
    if len(facts) < 5:
        errors["facts"] = _("Describe the facts (at least 5 characters).")
    if occurred_on is None:
        errors["occurred_on"] = _("Enter a date as YYYY-MM-DD.")
    elif occurred_on > clock.today():
        errors["occurred_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    check_upload(evidence)
    entry = NegativeEntry(
        cadre=cadre,
        category=category,
        rule=rule if category == EntryCategory.RULE else None,
        facts=facts,
        occurred_on=occurred_on,
        recorded_by=actor,
        recorded_at=clock.now(),
        division_code=cadre.division_code,
    )
    if evidence is not None:
        entry.evidence.save(stored_name(evidence), evidence, save=False)
    entry.save()
    audit_record(actor=actor, action="create", obj=entry, detail={"category": category, "cadre": cadre.pk})
    return entry


@transaction.atomic
def negative_entry_review(*, actor, entry: NegativeEntry, status: str, note: str = "") -> NegativeEntry:
    """recorded → under_review → confirmed / dismissed (a recorded entry may be dismissed at once)."""
    policy = policy_for(actor)
    policy.require("discipline.negative_change")
    policy.require_covers(entry.division_code)
    entry = NegativeEntry.objects.select_for_update().get(pk=entry.pk)
    if status not in ENTRY_TRANSITIONS.get(entry.status, set()):
        raise ValidationError(
            {
                "status": _("An entry that is %(status)s cannot move there.")
                % {"status": entry.get_status_display()}
            }
        )
    if status in (EntryStatus.CONFIRMED, EntryStatus.DISMISSED) and not (note or "").strip():
        raise ValidationError({"note": _("Say why (the review note).")})
    before = entry.status
    entry.status = status
    if note:
        entry.review_note = note.strip()
    entry.reviewed_by = actor
    entry.reviewed_at = clock.now()
    entry.save()
    audit_record(actor=actor, action="update", obj=entry, detail={"status": [before, status]})
    return entry


# -- 追责问责 ----------------------------------------------------------------------------------
@transaction.atomic
def case_open(*, actor, entry: NegativeEntry) -> AccountabilityCase:
    policy = policy_for(actor)
    policy.require("discipline.negative_change")
    policy.require_covers(entry.division_code)
    entry = NegativeEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != EntryStatus.CONFIRMED:
        raise ValidationError({"entry": _("Only a confirmed entry leads to an accountability case.")})
    if AccountabilityCase.objects.filter(entry=entry).exists():
        raise ValidationError({"entry": _("This entry already has an accountability case.")})
    case = AccountabilityCase.objects.create(
        entry=entry, opened_at=clock.now(), opened_by=actor, division_code=entry.division_code
    )
    audit_record(actor=actor, action="create", obj=case, detail={"entry": entry.pk})
    return case


@transaction.atomic
def case_decide(
    *,
    actor,
    case: AccountabilityCase,
    outcome: str,
    decision: str,
    decided_by: str,
    decided_on: dt.date | None,
) -> AccountabilityCase:
    policy = policy_for(actor)
    policy.require("discipline.negative_change")
    policy.require_covers(case.division_code)
    if case.is_closed:
        raise ValidationError({"outcome": _("The case is closed.")})
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose an outcome.")
    if not (decided_by or "").strip():
        errors["decided_by"] = _("Say who decided.")
    if decided_on is None:
        errors["decided_on"] = _("Enter a date as YYYY-MM-DD.")
    elif decided_on > clock.today():
        errors["decided_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    case.outcome, case.decision = outcome, (decision or "").strip()
    case.decided_by, case.decided_on = decided_by.strip(), decided_on
    case.save()
    audit_record(actor=actor, action="update", obj=case, detail={"outcome": outcome})
    return case


@transaction.atomic
def case_close(*, actor, case: AccountabilityCase, note: str) -> AccountabilityCase:
    policy = policy_for(actor)
    policy.require("discipline.negative_change")
    policy.require_covers(case.division_code)
    if case.is_closed:
        raise ValidationError({"note": _("The case is already closed.")})
    if not case.outcome:
        raise ValidationError({"outcome": _("Record the outcome before closing the case.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("Say how the case was concluded.")})
    case.closed_at, case.closing_note = clock.now(), note.strip()
    case.save()
    audit_record(actor=actor, action="close", obj=case, detail={"outcome": case.outcome})
    return case
