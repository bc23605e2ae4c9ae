"""Returnee screening (返乡人员摸排): one record per person per campaign, classified by the risk table."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.policy import policy_for
from frontline.people.models import Person
from frontline.people.protection import id_hash
from frontline.people.services import PersonRow, people_bulk_upsert
from frontline.quarantine import rules
from frontline.quarantine.models import (
    SYMPTOM_KEYS,
    Campaign,
    Contact,
    Household,
    Returnee,
    RiskClass,
    RiskRule,
    Source,
    TravelMode,
)
from frontline.regions.models import Division


class DuplicateScreening(ValidationError):
    """The person was already screened in this campaign; `existing` is that record."""

    def __init__(self, existing: Returnee):
        self.existing = existing
        division = Division.objects.filter(code=existing.division_code).values_list("name", flat=True).first()
        super().__init__(
            {
                "id_number": _(
                    "Already screened in this campaign on %(day)s in %(place)s (record %(id)s). "
                    "Open that record, or give a reason to record a re-screening."
                )
                % {
                    "day": timezone.localtime(existing.screened_at).date().isoformat(),
                    "place": division or existing.division_code,
                    "id": existing.pk,
                }
            }
        )


# The choices as sets, once (TextChoices.values builds a new list at every access).
_TRAVEL_MODES = frozenset(TravelMode.values)
_CONTACTS = frozenset(Contact.values)
_SOURCES = frozenset(Source.values)
_SYMPTOMS = frozenset(SYMPTOM_KEYS)


@dataclass(slots=True)
class _Checked:
    division_code: str
    returned_from_code: str
    returned_from_text: str
    return_date: dt.date
    travel_mode: str
    travel_number: str
    contact: str
    symptoms: list[str]
    temperature: object
    source: str
    source_ref: str


def _check(
    *,
    division_code,
    returned_from_code,
    returned_from_text,
    return_date,
    travel_mode,
    travel_number,
    contact,
    symptoms,
    temperature,
    source,
    source_ref,
    known_divisions: set[str],
    today: dt.date,
    fever_threshold=None,
    parse_temperature=rules.parse_temperature,
) -> _Checked:
    errors: dict[str, str] = {}
    code = (division_code or "").strip()
    if len(code) not in (12, 15) or code not in known_divisions:
        errors["division_code"] = _("Choose the village (or grid) where the person is staying.")
    from_code = (returned_from_code or "").strip()
    from_text = (returned_from_text or "").strip()[:100]
    if from_code and (not from_code.isdigit() or len(from_code) not in (2, 4, 6, 9, 12)):
        errors["returned_from_code"] = _("A division code has 2, 4, 6, 9 or 12 digits (e.g. 42 for Hubei).")
    if not from_code and not from_text:
        errors["returned_from_text"] = _("Say where the person returned from.")
    if isinstance(return_date, str):
        try:
            return_date = dt.date.fromisoformat(return_date)
        except ValueError:
            errors["return_date"] = _("Enter a date as YYYY-MM-DD.")
            return_date = None
    if not isinstance(return_date, dt.date):
        errors.setdefault("return_date", _("The return date is required."))
    elif return_date > today:
        errors["return_date"] = _("The return date cannot be in the future.")
    elif (today - return_date).days > 366:
        errors["return_date"] = _("The return date is more than a year ago: please check it.")
    if travel_mode not in _TRAVEL_MODES:
        errors["travel_mode"] = _("Choose how the person travelled.")
    contact = contact or Contact.NONE
    if contact not in _CONTACTS:
        errors["contact"] = _("Not one of the allowed values.")
    symptoms = list(dict.fromkeys(symptoms)) if symptoms else []
    if symptoms and not _SYMPTOMS.issuperset(symptoms):
        errors["symptoms"] = _("Unknown symptom.")
    if source not in _SOURCES:
        errors["source"] = _("Choose the source of this screening.")
    temp = None
    # (`not in (None, "")` would compare a Decimal with "", which goes through the numbers ABCs: slow.)
    if temperature is not None and not (isinstance(temperature, str) and temperature == ""):
        try:
            temp = parse_temperature(temperature)
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    fever = (
        temp is not None and temp >= fever_threshold if fever_threshold is not None else rules.is_fever(temp)
    )
    if fever and "fever" not in symptoms:
        symptoms.insert(0, "fever")
    return _Checked(
        division_code=code,
        returned_from_code=from_code,
        returned_from_text=from_text,
        return_date=return_date,
        travel_mode=travel_mode,
        travel_number=(travel_number or "").strip().upper()[:30],
        contact=contact,
        symptoms=symptoms,
        temperature=temp,
        source=source,
        source_ref=(source_ref or "")[:100],
    )


def _classify(c: _Checked, risk_rules, today):
    screening = rules.Screening(
        returned_from_code=c.returned_from_code,
        return_date=c.return_date,
        contact=c.contact,
        symptoms=tuple(c.symptoms),
        fever="fever" in c.symptoms,
    )
    return rules.classify(screening, risk_rules, today)


def _active_campaign(campaign: Campaign):
    if not campaign.is_active:
        raise ValidationError({"campaign": _("This campaign is closed.")})


@transaction.atomic
def returnee_screen(
    *,
    actor,
    campaign: Campaign,
    person: Person | None = None,
    person_row: PersonRow | None = None,
    returned_from_code: str = "",
    returned_from_text: str = "",
    return_date,
    travel_mode: str,
    travel_number: str = "",
    contact: str = Contact.NONE,
    symptoms=(),
    source: str,
    source_ref: str = "",
    temperature=None,
    division_code: str | None = None,
    household: Household | None = None,
    rescreen_reason: str = "",
) -> Returnee:
    """Record one screening. The person is found (or created) by ID number; a second screening of the
    same person in the campaign raises DuplicateScreening unless a reason is given by a role that may
    re-screen. `source_ref` points at the origin, e.g. "checkpoints.registration:123"."""
    policy = policy_for(actor)
    policy.require("quarantine.screen")
    if (person is None) == (person_row is None):
        raise ValidationError({"person": _("Give the person or their details.")})
    _active_campaign(campaign)
    code = division_code or (person.division_code if person else person_row.division_code)
    policy.require_covers(code)
    today = clock.today()
    known = set(Division.objects.filter(code=code).values_list("code", flat=True))
    c = _check(
        division_code=code,
        returned_from_code=returned_from_code,
        returned_from_text=returned_from_text,
        return_date=return_date,
        travel_mode=travel_mode,
        travel_number=travel_number,
        contact=contact,
        symptoms=symptoms,
        temperature=temperature,
        source=source,
        source_ref=source_ref,
        known_divisions=known,
        today=today,
    )
    if person is None:
        if not (person_row.name or "").strip():
            raise ValidationError({"name": _("Name is required.")})
        if person_row.id_value:
            person = Person.objects.filter(id_hash=id_hash(person_row.id_value)).first()
        if person is None:
            found = people_bulk_upsert(rows=[person_row], update_existing=False)
            person = (
                found[id_hash(person_row.id_value)]
                if person_row.id_value
                else Person.objects.filter(name=person_row.name, division_code=person_row.division_code)
                .order_by("-id")
                .first()
            )
    rescreen_of = None
    if person.id_hash:
        existing = (
            Returnee.objects.filter(campaign=campaign, id_hash=person.id_hash, rescreen_of__isnull=True)
            .order_by("id")
            .first()
        )
        if existing is not None:
            reason = (rescreen_reason or "").strip()
            if not reason:
                raise DuplicateScreening(existing)
            policy.require("quarantine.rescreen")
            rescreen_of = existing
    risk_class, rule = _classify(c, list(RiskRule.objects.filter(is_active=True)), today)
    record = Returnee(
        campaign=campaign,
        person=person,
        id_hash=person.id_hash,
        household=household,
        risk_class=risk_class,
        risk_rule=rule,
        rescreen_of=rescreen_of,
        rescreen_reason=(rescreen_reason or "").strip()[:200] if rescreen_of else "",
        screened_at=clock.now(),
        screened_by=actor if getattr(actor, "is_authenticated", False) else None,
        **dataclasses.asdict(c),
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        # Someone else screened the same person a moment ago.
        raise DuplicateScreening(
            Returnee.objects.get(campaign=campaign, id_hash=person.id_hash, rescreen_of__isnull=True)
        ) from None
    audit_record(
        actor=actor,
        action="create",
        obj=record,
        detail={
            "campaign": campaign.pk,
            "risk_class": risk_class,
            "source": c.source,
            "source_ref": c.source_ref,
            "rescreen_of": rescreen_of.pk if rescreen_of else None,
        },
    )
    return record


@dataclass(slots=True)
class ReturneeRow:
    """One row of a bulk screening (Excel import, big-data push list). Identifiers already parsed."""

    person_row: PersonRow
    return_date: object
    travel_mode: str
    source: str
    returned_from_code: str = ""
    returned_from_text: str = ""
    travel_number: str = ""
    contact: str = Contact.NONE
    symptoms: list = field(default_factory=list)
    temperature: object = None
    source_ref: str = ""
    division_code: str = ""
    screened_at: dt.datetime | None = None  # historical records (paper lists): when they were screened


@dataclass
class BulkScreenResult:
    created: list = field(default_factory=list)  # Returnee rows created (when asked for records)
    duplicates: list = field(default_factory=list)  # (row index, existing Returnee id or None if in-file)
    errors: list = field(default_factory=list)  # (row index, {field: message})
    created_ids: list = field(default_factory=list)  # ids of the created rows, in row order


# Every column of a first screening written in bulk (rescreens are one by one, with a reason); the
# campaign, the household (none), rescreen_of (none), its reason ("") and who screened are the same
# for every row of a batch (ScreeningBatch's constants).
_RETURNEE_INSERT = (
    "person_id",
    "id_hash",
    "division_code",
    "returned_from_code",
    "returned_from_text",
    "return_date",
    "travel_mode",
    "travel_number",
    "contact",
    "symptoms",
    "temperature",
    "source",
    "source_ref",
    "risk_class",
    "risk_rule_id",
    "screened_at",
)


@transaction.atomic
def returnees_bulk_screen(
    *,
    actor,
    campaign: Campaign,
    rows: list[ReturneeRow],
    synthetic: bool = False,
    audit: bool = True,
    records: bool = True,
) -> BulkScreenResult:
    """Many screenings in a few queries: bad rows and duplicates are reported, the rest created, with
    one audit event. Rows whose person is already screened in the campaign are never re-created.

    The number of statements does not grow with the rows (a multi-row INSERT per ~1,000 rows aside):
    rows are checked in memory, people are upserted by ID hash in bulk, screenings are written with
    multi-row INSERTs (core.bulk_insert) and the partial unique index stays the judge of "once per
    campaign". records=False (the Excel import) skips loading the created rows back as model
    instances: result.created stays empty and result.created_ids says what was made."""
    batch = ScreeningBatch(actor=actor, campaign=campaign, synthetic=synthetic)
    result = batch.write(batch.stage(rows))
    if records:
        found = Returnee.objects.in_bulk(result.created_ids)
        result.created = [found[pk] for pk in result.created_ids]
    if audit:
        audit_record(
            actor=actor,
            action="bulk_create",
            object_type="quarantine.returnee",
            division_code=batch.policy.prefix if batch.policy is not None else campaign.division_code,
            ids=result.created_ids,
            detail={
                "campaign": campaign.pk,
                "duplicates": len(result.duplicates),
                "errors": len(result.errors),
            },
        )
    return result


@dataclass
class StagedScreenings:
    """ScreeningBatch.stage's answer for some rows (indexes are positions in those rows)."""

    errors: list  # (row index, {field: message})
    duplicates: list  # (row index, id hash): the person appears earlier among the batch's rows
    entries: list  # (row index, id hash or None) of the rows to write
    people: list  # (id hash or None, PersonRow) of the entries, same order
    values: list  # screening INSERT values of the entries, same order; person_id still None


class ScreeningBatch:
    """returnees_bulk_screen in halves, for a caller that overlaps them (the Excel import stages the
    next rows in one thread while the database writes the previous ones in another):

    - the constructor does the lookups every row needs, once: the campaign, the active risk table, the
      divisions, the fever threshold;
    - stage(rows) is pure Python, no database: the checks, the risk class, the keyed hash, the
      screening's INSERT values; duplicates among all rows staged so far;
    - write(staged) is the database: screenings already in the campaign, then, for the new ones only,
      people encrypted (PeopleUpsert.stage), looked up, updated or inserted, screenings inserted.

    The rules are the same as returnee_screen's (_check, _classify): they live once."""

    def __init__(self, *, actor, campaign: Campaign, synthetic: bool = False):
        from frontline.core.bulk_insert import Inserter
        from frontline.core.crypto import keyed_hasher
        from frontline.people.services import PeopleUpsert

        self.policy = policy_for(actor) if actor is not None else None
        if self.policy is not None:
            self.policy.require("quarantine.screen")
        _active_campaign(campaign)
        self.campaign = campaign
        self.today, self.now = clock.today(), clock.now()
        self.threshold = rules.fever_threshold()
        # The villages and grids a row may name (the checks need "exists"; jurisdiction is separate).
        prefix = self.policy.prefix if self.policy is not None else ""
        self.known = {
            code
            for code in Division.objects.filter(code__startswith=prefix or "").values_list("code", flat=True)
            if len(code) in (12, 15)
        }
        self.risk_rules = list(RiskRule.objects.filter(is_active=True))
        self.user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
        self.ric = keyed_hasher("ric")
        self.people = PeopleUpsert(synthetic=synthetic)
        self.inserter = Inserter(
            Returnee,
            _RETURNEE_INSERT,
            returning=("id",),
            constants={
                "campaign_id": campaign.pk,
                "household_id": None,
                "rescreen_of_id": None,
                "rescreen_reason": "",
                "screened_by_id": self.user_id,
            },
        )
        self._temperatures: dict = {}
        self._classified: dict = {}
        self._seen: set[str] = set()

    def _parse_temperature(self, raw):
        """rules.parse_temperature, each distinct reading once (a list has a dozen of them)."""
        key = (type(raw), raw)
        if key not in self._temperatures:
            self._temperatures[key] = rules.parse_temperature(raw)
        return self._temperatures[key]

    def stage(self, rows: list[ReturneeRow]) -> StagedScreenings:
        policy, now, today, ric = self.policy, self.now, self.today, self.ric
        staged = StagedScreenings(errors=[], duplicates=[], entries=[], people=[], values=[])
        keep = []
        for i, r in enumerate(rows):
            code = r.division_code or r.person_row.division_code
            day = timezone.localtime(r.screened_at).date() if r.screened_at else today
            try:
                if r.screened_at and r.screened_at > now:
                    raise ValidationError({"screened_at": _("The screening time cannot be in the future.")})
                if policy is not None and not policy.covers(code):
                    raise ValidationError({"division_code": _("Outside your jurisdiction.")})
                if not (r.person_row.name or "").strip():
                    raise ValidationError({"name": _("Name is required.")})
                c = _check(
                    division_code=code,
                    returned_from_code=r.returned_from_code,
                    returned_from_text=r.returned_from_text,
                    return_date=r.return_date,
                    travel_mode=r.travel_mode,
                    travel_number=r.travel_number,
                    contact=r.contact,
                    symptoms=r.symptoms,
                    temperature=r.temperature,
                    source=r.source,
                    source_ref=r.source_ref,
                    known_divisions=self.known,
                    today=day,
                    fever_threshold=self.threshold,
                    parse_temperature=self._parse_temperature,
                )
            except ValidationError as exc:
                staged.errors.append((i, {k: v[0] for k, v in exc.message_dict.items()}))
                continue
            h = ric(r.person_row.id_value) if r.person_row.id_value else None
            if h:
                if h in self._seen:
                    staged.duplicates.append((i, h))
                    continue
                self._seen.add(h)
            keep.append((i, r, c, h))
        # People without an ID number: a new person each, with what a screening knows of them.
        # Their identifiers are encrypted in write(), once it is known the screening is new: a
        # re-imported list then costs no encryption (100,000 rows again: 6.7–9.3 s before, 5.7–6.5 s).
        staged.people = [
            (h, r.person_row)
            if h
            else (
                None,
                PersonRow(
                    name=r.person_row.name,
                    division_code=r.person_row.division_code,
                    address=r.person_row.address,
                ),
            )
            for _i, r, _c, h in keep
        ]
        classified, prepare = self._classified, self.inserter.prepare
        for i, r, c, h in keep:
            at = r.screened_at or now
            key = (
                c.returned_from_code,
                c.return_date,
                c.contact,
                tuple(c.symptoms),
                at if r.screened_at else None,
            )
            risk = classified.get(key)
            if risk is None:
                risk = classified[key] = _classify(c, self.risk_rules, timezone.localtime(at).date())
            risk_class, rule = risk
            staged.entries.append((i, h))
            staged.values.append(
                prepare(
                    (
                        None,  # person_id: known once the people are written
                        h,
                        c.division_code,
                        c.returned_from_code,
                        c.returned_from_text,
                        c.return_date,
                        c.travel_mode,
                        c.travel_number,
                        c.contact,
                        c.symptoms,
                        c.temperature,
                        c.source,
                        c.source_ref,
                        risk_class,
                        rule.pk if rule else None,
                        at,
                    )
                )
            )
        return staged

    def write(self, staged: StagedScreenings) -> BulkScreenResult:
        """The database half: rows whose person is already screened in the campaign become duplicates,
        the others are written. Inside the caller's transaction."""
        from frontline.core.bulk_insert import select_in

        result = BulkScreenResult(errors=list(staged.errors))
        hashes = [h for _i, h in staged.entries if h]
        hashes += [h for _i, h in staged.duplicates]
        table = Returnee._meta.db_table  # names from the model, values bound
        existing = dict(
            select_in(
                f"SELECT id_hash, id FROM {table} WHERE campaign_id = %s AND rescreen_of_id IS NULL"  # noqa: S608
                " AND id_hash {in_values}",
                hashes,
                fixed=[self.campaign.pk],
            )
        )
        result.duplicates = [(i, existing.get(h)) for i, h in staged.duplicates]
        named, anonymous, values = [], [], []
        for (i, h), person, row in zip(staged.entries, staged.people, staged.values, strict=True):
            if h and h in existing:
                result.duplicates.append((i, existing[h]))
                continue
            (named if h else anonymous).append(person)
            values.append(row)
        result.duplicates.sort(key=lambda d: d[0])
        ids = self.people.write(self.people.stage(named)) if named else {}
        new_ids = iter(self.people.create(self.people.stage(anonymous)) if anonymous else ())
        for row in values:
            h = row[1]
            row[0] = ids[h] if h else next(new_ids)
        result.created_ids = [pk for (pk,) in self.inserter.execute(values)]
        return result


@transaction.atomic
def campaign_create(*, actor, name: str, division_code: str, starts_on: dt.date, ends_on=None) -> Campaign:
    policy = policy_for(actor)
    policy.require("quarantine.rules")
    policy.require_covers(division_code)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": pgettext("thing", "Name is required.")})
    campaign = Campaign.objects.create(
        name=name, division_code=division_code, starts_on=starts_on, ends_on=ends_on
    )
    audit_record(actor=actor, action="create", obj=campaign)
    return campaign


RULE_FIELDS = (
    "order",
    "name",
    "requires_fever",
    "requires_symptoms",
    "contact_levels",
    "area_prefixes",
    "within_days",
    "risk_class",
    "is_active",
)


@transaction.atomic
def risk_rule_save(*, actor, rule: RiskRule | None = None, **values) -> RiskRule:
    """Create or change one row of the risk table (county admins). Applies to later screenings only."""
    policy = policy_for(actor)
    policy.require("quarantine.rules")
    rule = rule or RiskRule()
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field."))
    for k, v in values.items():
        setattr(rule, k, v)
    prefixes = rule.prefixes
    if any(not p.isdigit() for p in prefixes):
        raise ValidationError({"area_prefixes": _("Division code prefixes are digits, separated by commas.")})
    if any(c not in (Contact.SUSPECTED, Contact.CONFIRMED) for c in rule.contacts):
        raise ValidationError({"contact_levels": _("Use suspected and/or confirmed.")})
    if rule.risk_class not in RiskClass.values:
        raise ValidationError({"risk_class": _("Not one of the allowed values.")})
    rule.full_clean()
    created = rule.pk is None
    rule.save()
    audit_record(
        actor=actor,
        action="create" if created else "update",
        obj=rule,
        division_code=policy.prefix,
        detail={k: str(getattr(rule, k)) for k in RULE_FIELDS},
    )
    return rule
