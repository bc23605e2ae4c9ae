"""Household production and employment survey, job postings near home and matches (农门口就业)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.community.models import EmploymentSurvey, JobMatch, JobPosting, MatchStatus
from frontline.community.services.common import check_division, person_in, text, user_or_none, writer_policy
from frontline.core import clock
from frontline.people.identifiers import parse_mobile
from frontline.people.protection import protected_phone_fields

SURVEY_COUNTS = ("working_away", "seeking_work", "farming", "business", "other")
PAY_PERIODS = ("month", "day", "hour", "piece")


def _count(value, field: str, *, maximum: int = 50) -> int:
    if value in (None, ""):
        return 0
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number.")}) from None
    if not 0 <= value <= maximum:
        raise ValidationError({field: _("Value out of range.")})
    return value


@transaction.atomic
def employment_survey_create(
    *,
    actor,
    division_code: str,
    household_head: str,
    members_surveyed,
    address: str = "",
    person=None,
    surveyed_on: dt.date | None = None,
    surveyed_by=None,
    notes: str = "",
    **counts,
) -> EmploymentSurvey:
    policy = writer_policy(actor)
    division_code = check_division(policy, division_code)
    unknown = set(counts) - set(SURVEY_COUNTS)
    if unknown:
        raise TypeError(f"unknown survey counts {sorted(unknown)}")
    members = _count(members_surveyed, "members_surveyed")
    if members < 1:
        raise ValidationError({"members_surveyed": _("At least one household member.")})
    values = {k: _count(counts.get(k), k) for k in SURVEY_COUNTS}
    if sum(values.values()) > members:
        raise ValidationError(
            {"members_surveyed": _("The situations add up to more people than were surveyed.")}
        )
    surveyed_on = surveyed_on or clock.today()
    if surveyed_on > clock.today():
        raise ValidationError({"surveyed_on": _("The date cannot be in the future.")})
    survey = EmploymentSurvey.objects.create(
        division_code=division_code,
        household_head=text(household_head, "household_head", max_length=50, required=True),
        address=text(address, "address", max_length=200),
        person=person_in(policy, person, "person"),
        surveyed_on=surveyed_on,
        members_surveyed=members,
        surveyed_by=person_in(policy, surveyed_by, "surveyed_by"),
        notes=text(notes, "notes", max_length=500),
        created_by=user_or_none(actor),
        **values,
    )
    audit_record(actor=actor, action="create", obj=survey, detail=values)
    return survey


@transaction.atomic
def job_posting_create(
    *,
    actor,
    division_code: str,
    employer: str,
    title: str,
    place: str,
    positions,
    valid_until: dt.date,
    pay_min_yuan=None,
    pay_max_yuan=None,
    pay_period: str = "month",
    contact_name: str = "",
    contact_phone: str = "",
    notes: str = "",
) -> JobPosting:
    policy = writer_policy(actor)
    division_code = check_division(policy, division_code)
    positions = _count(positions, "positions", maximum=10_000)
    if positions < 1:
        raise ValidationError({"positions": _("At least one position.")})
    pay_min = (
        _count(pay_min_yuan, "pay_min_yuan", maximum=1_000_000) if pay_min_yuan not in (None, "") else None
    )
    pay_max = (
        _count(pay_max_yuan, "pay_max_yuan", maximum=1_000_000) if pay_max_yuan not in (None, "") else None
    )
    if pay_min is not None and pay_max is not None and pay_min > pay_max:
        raise ValidationError({"pay_max_yuan": _("The upper end of the pay is below the lower end.")})
    if pay_period not in PAY_PERIODS:
        raise ValidationError({"pay_period": _("Not one of the allowed values.")})
    if valid_until is None:
        raise ValidationError({"valid_until": _("This field is required.")})
    if valid_until < clock.today():
        raise ValidationError({"valid_until": _("The posting would already have expired.")})
    phone = parse_mobile(contact_phone) if (contact_phone or "").strip() else None
    posting = JobPosting.objects.create(
        division_code=division_code,
        employer=text(employer, "employer", max_length=100, required=True),
        title=text(title, "title", max_length=100, required=True),
        place=text(place, "place", max_length=200, required=True),
        positions=positions,
        pay_min_yuan=pay_min,
        pay_max_yuan=pay_max,
        pay_period=pay_period,
        contact_name=text(contact_name, "contact_name", max_length=50),
        posted_on=clock.today(),
        valid_until=valid_until,
        notes=text(notes, "notes", max_length=500),
        created_by=user_or_none(actor),
        **protected_phone_fields(phone),
    )
    audit_record(actor=actor, action="create", obj=posting, detail={"positions": positions})
    return posting


@transaction.atomic
def job_match_create(*, actor, posting: JobPosting, person, notes: str = "") -> JobMatch:
    """Introduce a job seeker of one's jurisdiction to a posting one can see (the township's and the
    county's postings are visible to the villages beneath them)."""
    from frontline.community.selectors import posting_visible

    policy = writer_policy(actor)
    if not posting_visible(policy, posting):
        raise ValidationError({"posting": _("No such job posting.")})
    if posting.valid_until < clock.today():
        raise ValidationError({"posting": _("This posting has expired.")})
    seeker = person_in(policy, person, "person")
    if seeker is None:
        raise ValidationError({"person": _("Choose a person from the list.")})
    if JobMatch.objects.filter(posting=posting, person=seeker).exists():
        raise ValidationError({"person": _("This person was already introduced to this job.")})
    match = JobMatch.objects.create(
        posting=posting,
        person=seeker,
        division_code=seeker.division_code,
        introduced_on=clock.today(),
        notes=text(notes, "notes", max_length=300),
        created_by=user_or_none(actor),
    )
    audit_record(actor=actor, action="create", obj=match, detail={"posting": posting.pk})
    return match


@transaction.atomic
def job_match_decide(*, actor, match: JobMatch, status: str, notes: str | None = None) -> JobMatch:
    policy = writer_policy(actor)
    policy.require_covers(match.division_code)
    if status not in (MatchStatus.HIRED, MatchStatus.DECLINED):
        raise ValidationError({"status": _("Choose hired or declined.")})
    if match.status != MatchStatus.INTRODUCED:
        raise ValidationError(
            {"status": _("This match is already %(status)s.") % {"status": match.get_status_display()}}
        )
    if status == MatchStatus.HIRED:
        hired = match.posting.matches.filter(status=MatchStatus.HIRED).count()
        if hired >= match.posting.positions:
            raise ValidationError({"status": _("All positions of this posting are already filled.")})
    match.status, match.decided_on = status, clock.today()
    if notes is not None:
        match.notes = text(notes, "notes", max_length=300)
    match.save()
    audit_record(actor=actor, action="update", obj=match, detail={"status": status})
    return match
