"""Every write to people, organizations and memberships. Each function is one use case, audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.policy import Policy, policy_for
from frontline.people.identifiers import mask_id, mask_phone, parse_id_number, parse_mobile
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


@dataclass(slots=True)
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
    ids = people_bulk_upsert_ids(rows=rows, synthetic=synthetic, update_existing=update_existing)
    found = Person.objects.in_bulk(list(ids.values()))
    return {h: found[pk] for h, pk in ids.items()}


_PERSON_INSERT = (
    "name",
    "division_code",
    "id_number_enc",
    "id_hash",
    "id_masked",
    "phone_enc",
    "phone_hash",
    "phone_masked",
    "gender",
    "birth_date",
    "address",
)  # and, the same for every row of a batch: is_synthetic, created_at, updated_at


def people_bulk_upsert_ids(
    *, rows: Iterable[PersonRow], synthetic: bool = False, update_existing: bool = True
) -> dict[str, int]:
    """people_bulk_upsert without model instances, for the bulk paths: {id_hash: person id}.

    A few statements per call whatever the number of rows: one SELECT of the people already known
    (by ID hash), one multi-row INSERT per ~1,000 new people (their identifiers encrypted in one
    batch), one UPDATE per changed person only when update_existing and a name or mobile differs.
    The last row wins when several rows share an ID number. Rows without an ID number are created."""
    from frontline.core.crypto import keyed_hasher

    ric = keyed_hasher("ric")
    by_hash: dict[str, PersonRow] = {}
    anonymous: list[PersonRow] = []
    for r in rows:
        if r.id_value:
            by_hash[ric(r.id_value)] = r
        else:
            anonymous.append(r)
    out = people_bulk_upsert_hashed(
        rows_by_hash=by_hash, synthetic=synthetic, update_existing=update_existing
    )
    if anonymous:
        people_bulk_create_ids(rows=anonymous, synthetic=synthetic)
    return out


def people_bulk_upsert_hashed(
    *, rows_by_hash: dict[str, PersonRow], synthetic: bool = False, update_existing: bool = True
) -> dict[str, int]:
    """people_bulk_upsert_ids for callers that already hold each row's ID hash (they deduplicated on
    it): {id_hash: row with that ID number} → {id_hash: person id}."""
    upsert = PeopleUpsert(synthetic=synthetic, update_existing=update_existing)
    return upsert.write(upsert.stage(list(rows_by_hash.items())))


def people_bulk_create_ids(*, rows: list[PersonRow], synthetic: bool = False) -> list[int]:
    """Create one person per row, whatever their ID number (callers checked it is new or absent);
    their ids in row order."""
    from frontline.core.crypto import keyed_hasher

    ric = keyed_hasher("ric")
    upsert = PeopleUpsert(synthetic=synthetic)
    return upsert.create(upsert.stage([(ric(r.id_value) or None, r) for r in rows]))


@dataclass(slots=True)
class StagedPerson:
    """A person ready to be written: the INSERT values (identifiers encrypted, hashed, masked) and
    what an existing person is compared with."""

    id_hash: str | None
    name: str
    phone: str
    phone_hash: str
    values: list  # as the database gets them (core.bulk_insert.Inserter.prepare)


class PeopleUpsert:
    """people_bulk_upsert_hashed in two halves, for a caller that overlaps them (the Excel import
    stages the next rows while the database writes the previous ones): stage() does the per-row
    work — keyed hashes, AES-GCM encryption, masks, INSERT values — without touching the database;
    write() looks the people up by ID hash, updates the name or mobile of known ones (as
    people_bulk_upsert always did, updated_at untouched) and inserts the others. Encrypting a person
    who turns out to exist already is wasted work (~4 µs); looking up first would make the halves
    wait for each other."""

    def __init__(self, *, synthetic: bool = False, update_existing: bool = True):
        from frontline.core.bulk_insert import Inserter
        from frontline.core.crypto import keyed_hasher

        self.update_existing = update_existing
        self.mobile = keyed_hasher("mobile")
        now = timezone.now()
        self.inserter = Inserter(
            Person,
            _PERSON_INSERT,
            returning=("id", "id_hash"),
            constants={"is_synthetic": synthetic, "created_at": now, "updated_at": now},
        )

    def stage(self, rows: list[tuple[str | None, PersonRow]]) -> list[StagedPerson]:
        """(id hash or None, row) pairs → StagedPerson, same order. Pure Python."""
        from frontline.core.crypto import encrypt_many

        id_tokens = encrypt_many([r.id_value if h else "" for h, r in rows])
        phone_tokens = encrypt_many([r.phone for _h, r in rows])
        mobile, prepare = self.mobile, self.inserter.prepare
        out = []
        for (h, r), id_token, phone_token in zip(rows, id_tokens, phone_tokens, strict=True):
            phone = r.phone
            phone_hash = mobile(phone)
            if h:
                values = (
                    r.name,
                    r.division_code,
                    id_token,
                    h,
                    mask_id(r.id_value),
                    phone_token,
                    phone_hash,
                    mask_phone(phone),
                    r.gender,
                    r.birth_date,
                    r.address,
                )
            else:
                values = (r.name, r.division_code, id_token, h, "", phone_token, phone_hash)
                values += (mask_phone(phone), "", None, r.address)
            out.append(StagedPerson(h, r.name, phone, phone_hash, prepare(values)))
        return out

    def write(self, staged: list[StagedPerson]) -> dict[str, int]:
        """People with an ID hash (one per hash) → {id_hash: person id}: known ones looked up (and
        updated when update_existing), the others inserted."""
        from frontline.core.bulk_insert import select_in

        by_hash = {p.id_hash: p for p in staged}
        table = Person._meta.db_table  # names from the model, values bound: no injection
        known = select_in(
            f"SELECT id_hash, id, name, phone_hash FROM {table} WHERE id_hash {{in_values}}",  # noqa: S608
            list(by_hash),
        )
        out: dict[str, int] = {h: pk for h, pk, _n, _p in known}
        if self.update_existing:
            changes = []
            for h, pk, name, old_phone in known:
                p = by_hash[h]
                new_name = p.name if p.name and p.name != name else None
                new_phone = p.phone if p.phone and p.phone_hash != old_phone else None
                if new_name is not None or new_phone is not None:
                    changes.append((pk, new_name, new_phone))
            _people_apply_changes(changes, self.mobile)
        new = [p.values for h, p in by_hash.items() if h not in out]
        if new:
            out.update((h, pk) for pk, h in self.inserter.execute(new))
        return out

    def create(self, staged: list[StagedPerson]) -> list[int]:
        """Insert every staged person (callers checked their ID numbers are new or absent); their ids
        in the same order."""
        if not staged:
            return []
        return [pk for pk, _h in self.inserter.execute([p.values for p in staged])]


def _people_apply_changes(changes: list[tuple[int, str | None, str | None]], mobile) -> None:
    """Name and/or mobile of known people, as people_bulk_upsert always did (updated_at untouched)."""
    if not changes:
        return
    from django.db import connection

    from frontline.core.crypto import encrypt_many

    tokens = encrypt_many([phone or "" for _pk, _name, phone in changes])
    table = connection.ops.quote_name(Person._meta.db_table)
    names = [(name, pk) for pk, name, _phone in changes if name is not None]
    phones = [
        (token, mobile(phone), mask_phone(phone), pk)
        for (pk, _name, phone), token in zip(changes, tokens, strict=True)
        if phone is not None
    ]
    with connection.cursor() as cursor:
        if names:
            cursor.executemany(f"UPDATE {table} SET name = %s WHERE id = %s", names)  # noqa: S608
        if phones:
            cursor.executemany(
                f"UPDATE {table} SET phone_enc = %s, phone_hash = %s, phone_masked = %s WHERE id = %s",  # noqa: S608
                phones,
            )


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
