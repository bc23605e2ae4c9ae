"""Every write to people, organizations and memberships. Each function is one use case, audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.fastsql import fetch_where_in, insert_objects
from frontline.core.policy import Policy, policy_for
from frontline.people.identifiers import parse_id_number, parse_mobile
from frontline.people.models import Membership, Organization, Person
from frontline.people.protection import (
    id_hash,
    protected_id_fields,
    protected_phone_fields,
    reveal,
)
from frontline.regions.models import Division


def _check_division(policy: Policy, code: str) -> None:
    if not Division.objects.filter(code=code).exists():
        raise ValidationError({"division_code": _("Unknown division %(code)s.") % {"code": code}})
    policy.require_covers(code)


def person_find_by_id_number(id_number: str) -> Person | None:
    """Exact lookup by the keyed hash; never decrypts. Unscoped: callers scope what they show."""
    idn = parse_id_number(id_number, today=clock.today())
    return Person.objects.filter(id_hash=id_hash(idn.value)).first()


@transaction.atomic
def person_create(
    *, actor, name: str, division_code: str, id_number: str = "", phone: str = "", address: str = ""
) -> Person:
    policy = policy_for(actor)
    policy.require("people.change")
    _check_division(policy, division_code)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name is required.")})
    fields = {}
    if id_number:
        idn = parse_id_number(id_number, today=clock.today())
        if Person.objects.filter(id_hash=id_hash(idn.value)).exists():
            raise ValidationError({"id_number": _("A person with this ID number already exists.")})
        fields.update(protected_id_fields(idn))
    if phone:
        fields.update(protected_phone_fields(parse_mobile(phone)))
    person = Person.objects.create(name=name, division_code=division_code, address=address, **fields)
    audit_record(actor=actor, action="create", obj=person, detail={"id_masked": person.id_masked})
    return person


@transaction.atomic
def person_update(
    *,
    actor,
    person: Person,
    name: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    division_code: str | None = None,
) -> Person:
    policy = policy_for(actor)
    policy.require("people.change")
    policy.require_covers(person.division_code)
    changed = []
    if name is not None and name.strip() and name.strip() != person.name:
        person.name = name.strip()
        changed.append("name")
    if phone is not None:
        for k, v in protected_phone_fields(parse_mobile(phone) if phone else None).items():
            setattr(person, k, v)
        changed.append("phone")
    if address is not None and address != person.address:
        person.address = address
        changed.append("address")
    if division_code is not None and division_code != person.division_code:
        _check_division(policy, division_code)
        person.division_code = division_code
        changed.append("division_code")
    if changed:
        person.save()
        audit_record(actor=actor, action="update", obj=person, detail={"fields": changed})
    return person


@transaction.atomic
def person_unmask(*, actor, person: Person, field: str, request=None) -> str:
    """The whole ID number or mobile of one person. A permission, and an audited action every time."""
    policy = policy_for(actor)
    if not policy.may_unmask:
        raise PermissionDenied("people.unmask")
    policy.require_covers(person.division_code)
    if field == "id_number":
        value = reveal(person.id_number_enc)
    elif field == "phone":
        value = reveal(person.phone_enc)
    else:
        raise ValidationError(_("Unknown identifier field."))
    audit_record(
        actor=actor,
        action="unmask",
        obj=person,
        request=request,
        detail={"field": field, "masked": person.id_masked if field == "id_number" else person.phone_masked},
    )
    return value


@dataclass
class PersonRow:
    """One person to upsert in bulk (imports, registrations, demo). Identifiers already validated."""

    name: str
    division_code: str
    id_value: str = ""
    birth_date: object = None
    gender: str = ""
    phone: str = ""
    address: str = ""


def people_bulk_upsert(
    *, rows: Iterable[PersonRow], synthetic: bool = False, update_existing: bool = True
) -> dict[str, Person]:
    """Get or create people by ID hash in a few queries; returns {id_hash: Person}. Rows without an ID
    number are always created. Callers hold the transaction and write one audit event for the batch."""
    from frontline.people.identifiers import IdNumber

    rows = list(rows)
    hashes = {id_hash(r.id_value): r for r in rows if r.id_value}
    existing = {p.id_hash: p for p in fetch_where_in(Person, "id_hash", hashes)}
    to_create, to_update = [], []
    out: dict[str, Person] = dict(existing)
    for h, r in hashes.items():
        if h in existing:
            p = existing[h]
            if update_existing:
                dirty = False
                if r.phone:
                    phone_fields = protected_phone_fields(r.phone)
                    if p.phone_hash != phone_fields["phone_hash"]:
                        for k, v in phone_fields.items():
                            setattr(p, k, v)
                        dirty = True
                if r.name and p.name != r.name:
                    p.name, dirty = r.name, True
                if dirty:
                    to_update.append(p)
            continue
        idn = IdNumber(value=r.id_value, birth_date=r.birth_date, gender=r.gender, region_known=True)
        p = Person(
            name=r.name,
            division_code=r.division_code,
            address=r.address,
            is_synthetic=synthetic,
            **protected_id_fields(idn),
            **protected_phone_fields(r.phone),
        )
        to_create.append(p)
        out[h] = p
    anonymous = [
        Person(
            name=r.name,
            division_code=r.division_code,
            address=r.address,
            is_synthetic=synthetic,
            **protected_phone_fields(r.phone),
        )
        for r in rows
        if not r.id_value
    ]
    insert_objects(to_create + anonymous)
    if to_update:
        Person.objects.bulk_update(
            to_update, ["name", "phone_enc", "phone_hash", "phone_masked"], batch_size=1000
        )
    return out


@transaction.atomic
def organization_create(
    *,
    actor,
    name: str,
    kind: str,
    division_code: str,
    parent: Organization | None = None,
    responsibilities: str = "",
    is_temporary: bool = False,
) -> Organization:
    policy = policy_for(actor)
    policy.require("organizations.change")
    _check_division(policy, division_code)
    org = Organization.objects.create(
        name=name,
        kind=kind,
        division_code=division_code,
        parent=parent,
        responsibilities=responsibilities,
        is_temporary=is_temporary,
    )
    audit_record(actor=actor, action="create", obj=org)
    return org


@transaction.atomic
def membership_create(
    *,
    actor,
    person: Person,
    organization: Organization,
    kind: str,
    title: str = "",
    is_leader: bool = False,
    joined_on=None,
) -> Membership:
    policy = policy_for(actor)
    policy.require("members.change")
    policy.require_covers(organization.division_code)
    policy.require_covers(person.division_code)
    membership, created = Membership.objects.get_or_create(
        person=person,
        organization=organization,
        kind=kind,
        defaults={
            "title": title,
            "is_leader": is_leader,
            "joined_on": joined_on,
            "division_code": organization.division_code,
        },
    )
    if created:
        audit_record(actor=actor, action="create", obj=membership)
    return membership
