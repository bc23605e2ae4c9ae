"""Writes of 十带头 (pledges, deeds) and 党性体检 (assessments)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.files import stored_name
from frontline.core.policy import policy_for
from frontline.discipline.models import Assessment, Deed, NegativeEntry, Pledge, PledgeItem, Rating
from frontline.discipline.services import check_upload
from frontline.people.models import PARTY_KINDS, Membership, Organization, Person

CAMPAIGN = "2020年疫情防控"


def member_branch(person: Person) -> Organization | None:
    """The party organization a member belongs to (their branch, committee or the department)."""
    m = (
        Membership.objects.filter(person=person, kind__in=PARTY_KINDS)
        .select_related("organization")
        .order_by("-organization__division_code")
        .first()
    )
    return m.organization if m else None


@transaction.atomic
def pledge_bulk_record(*, actor, people: list[Person], pledged_on: dt.date | None = None) -> int:
    """Record the ten-item pledge of many members at once (a branch meeting); returns how many new."""
    policy = policy_for(actor)
    policy.require("discipline.pledges_change")
    for p in people:
        policy.require_covers(p.division_code)
    pledged_on = pledged_on or clock.today()
    if pledged_on > clock.today():
        raise ValidationError({"pledged_on": _("The date cannot be in the future.")})
    done = set(Pledge.objects.filter(person__in=people).values_list("person_id", flat=True))
    new = [
        Pledge(person=p, pledged_on=pledged_on, recorded_by=actor, division_code=p.division_code)
        for p in {p.pk: p for p in people}.values()
        if p.pk not in done
    ]
    Pledge.objects.bulk_create(new, batch_size=1000)
    if new:
        audit_record(
            actor=actor,
            action="bulk_create",
            object_type="discipline.pledge",
            division_code=policy.prefix or "",
            ids=[p.person_id for p in new],
        )
    return len(new)


@transaction.atomic
def deed_create(
    *,
    actor,
    person: Person,
    item: str,
    what: str,
    happened_at: dt.datetime,
    place: str = "",
    confirmed_by: str = "",
    photo=None,
) -> Deed:
    policy = policy_for(actor)
    policy.require("discipline.pledges_change")
    policy.require_covers(person.division_code)
    errors = {}
    if item not in PledgeItem.values:
        errors["item"] = _("Choose a pledge item.")
    what = (what or "").strip()
    if len(what) < 2:
        errors["what"] = _("Say what was done.")
    if happened_at is None:
        errors["happened_at"] = _("Enter a date and time as YYYY-MM-DDTHH:MM.")
    elif happened_at > clock.now():
        errors["happened_at"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    check_upload(photo, "photo")
    deed = Deed(
        person=person,
        item=item,
        what=what[:300],
        happened_at=happened_at,
        place=(place or "").strip()[:100],
        confirmed_by=(confirmed_by or "").strip()[:100],
        confirmed_at=clock.now() if confirmed_by else None,
        source_kind="manual",
        created_by=actor,
        division_code=person.division_code,
    )
    if photo is not None:
        deed.photo.save(stored_name(photo), photo, save=False)
    deed.save()
    audit_record(actor=actor, action="create", obj=deed, detail={"item": item})
    return deed


@transaction.atomic
def deed_confirm(*, actor, deed: Deed, confirmed_by: str) -> Deed:
    policy = policy_for(actor)
    policy.require("discipline.pledges_change")
    policy.require_covers(deed.division_code)
    if not (confirmed_by or "").strip():
        raise ValidationError({"confirmed_by": _("Say who confirmed it.")})
    deed.confirmed_by, deed.confirmed_at = confirmed_by.strip()[:100], clock.now()
    deed.save(update_fields=["confirmed_by", "confirmed_at"])
    audit_record(actor=actor, action="update", obj=deed, detail={"confirmed": True})
    return deed


@transaction.atomic
def assessment_record(
    *, actor, person: Person, rating: str, comments: str = "", campaign: str = CAMPAIGN
) -> Assessment:
    """党性体检 by the member's branch: one per member per campaign (a second call revises it)."""
    policy = policy_for(actor)
    policy.require("discipline.assess")
    branch = member_branch(person)
    if branch is None:
        raise ValidationError({"person": _("This person is not a party member of any organization.")})
    policy.require_covers(branch.division_code)
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Choose a rating.")})
    comments = (comments or "").strip()
    if rating in (Rating.BASIC, Rating.POOR) and not comments:
        raise ValidationError({"comments": _("Give the reasons for this rating.")})
    deeds = Deed.objects.filter(person=person).count()
    negatives = NegativeEntry.objects.filter(cadre__person=person, status="confirmed").count()
    if rating == Rating.EXCELLENT and negatives:
        raise ValidationError(
            {"rating": _("A member with a confirmed negative-list entry cannot be rated excellent.")}
        )
    assessment, created = Assessment.objects.update_or_create(
        person=person,
        campaign=campaign,
        defaults={
            "branch": branch,
            "rating": rating,
            "comments": comments,
            "deeds_count": deeds,
            "assessed_by": actor,
            "assessed_at": clock.now(),
            "division_code": branch.division_code,
        },
    )
    audit_record(
        actor=actor, action="create" if created else "update", obj=assessment, detail={"rating": rating}
    )
    return assessment
