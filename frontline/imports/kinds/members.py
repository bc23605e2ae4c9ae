"""Party members into their village branch (or township committee when the row names only a
township): person by ID number (created or updated), membership 正式/预备 党员 with 入党时间."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frontline.core.policy import policy_for
from frontline.imports import parsers
from frontline.imports.kinds.common import ID_NUMBER, MOBILE, NAME, TOWNSHIP, VILLAGE, place
from frontline.imports.registry import CommitResult, ImportColumn, ImportKind, register
from frontline.people.models import Membership, MembershipKind, Organization, OrgKind, Person
from frontline.people.protection import id_hash, phone_hash, protected_phone_fields
from frontline.people.services import PersonRow, people_bulk_upsert
from frontline.regions.models import Division

KINDS = {
    "正式": MembershipKind.PARTY_MEMBER,
    "正式党员": MembershipKind.PARTY_MEMBER,
    "党员": MembershipKind.PARTY_MEMBER,
    "预备": MembershipKind.PROBATIONARY,
    "预备党员": MembershipKind.PROBATIONARY,
    "partymember": MembershipKind.PARTY_MEMBER,
    "probationary": MembershipKind.PROBATIONARY,
}
PARTY = (MembershipKind.PARTY_MEMBER, MembershipKind.PROBATIONARY)

COLUMNS = (
    NAME,
    ID_NUMBER,
    MOBILE,
    TOWNSHIP,
    VILLAGE,
    ImportColumn(
        "organization",
        gettext_lazy("Party organization"),
        ("党组织", "支部", "所在支部", "所在党支部", "党支部", "所在党组织", "党组织名称"),
        width=24,
        example="中共园塘村支部委员会",
    ),
    ImportColumn(
        "joined_on",
        gettext_lazy("Date joined the party"),
        ("入党时间", "入党日期", "入党年月", "加入党组织日期"),
        lambda v, c: parsers.date(v, today=c.today),
        width=12,
        is_date=True,
        example="2010-07-01",
    ),
    ImportColumn(
        "membership",
        gettext_lazy("Member type"),
        ("党员类型", "类别", "人员类别", "党籍状态", "正式/预备"),
        lambda v, c: parsers.choice(KINDS, "membership")(v),
        width=10,
        example="正式",
    ),
)


def validate(row: dict, ctx) -> dict:
    row["division_code"] = place(row, ctx)
    row["membership"] = row.get("membership") or MembershipKind.PARTY_MEMBER
    idn = row["id_number"]
    joined = row.get("joined_on")
    if joined and (joined > ctx.today or joined < idn.birth_date):
        raise ValidationError({"joined_on": _("The date joined is impossible for this person.")})
    return row


def dedup_key(row: dict):
    return row["id_number"].value


def _organizations(rows: list[dict]) -> dict[tuple[str, str], Organization]:
    """(division code, named organization or "") → Organization; default bodies created if missing."""
    codes = {r["division_code"] for r in rows}
    existing = list(
        Organization.objects.filter(
            division_code__in=codes,
            kind__in=[OrgKind.VILLAGE_BRANCH, OrgKind.TOWNSHIP_COMMITTEE, OrgKind.PARTY_GROUP],
        )
    )
    by_name = {(o.division_code, o.name): o for o in existing}
    default = {}
    for o in existing:
        wanted = OrgKind.VILLAGE_BRANCH if len(o.division_code) >= 12 else OrgKind.TOWNSHIP_COMMITTEE
        if o.kind == wanted:
            default.setdefault(o.division_code, o)
    names = dict(Division.objects.filter(code__in=codes).values_list("code", "name"))
    missing = [c for c in codes if c not in default]
    new = []
    for code in missing:
        village = len(code) >= 12
        new.append(
            Organization(
                division_code=code,
                kind=OrgKind.VILLAGE_BRANCH if village else OrgKind.TOWNSHIP_COMMITTEE,
                name=f"中共{names.get(code, code)}{'支部委员会' if village else '委员会'}",
                parent=default.get(code[:9]) if village else None,
            )
        )
    for org in Organization.objects.bulk_create(new):
        default[org.division_code] = org
    out = {}
    for r in rows:
        code, name = r["division_code"], (r.get("organization") or "").replace(" ", "")
        out[(code, name)] = by_name.get((code, name)) or default[code]
    return out


def commit(rows: list[dict], actor, dry_run: bool) -> CommitResult:
    policy = policy_for(actor)
    hashes = [id_hash(r["id_number"].value) for r in rows]
    people = {p.id_hash: p for p in Person.objects.filter(id_hash__in=hashes)}
    orgs = _organizations(rows)
    memberships = {
        (m.person_id, m.organization_id): m
        for m in Membership.objects.filter(person__id_hash__in=hashes, kind__in=PARTY)
    }
    result = CommitResult()
    person_rows, person_updates = [], []
    for r, h in zip(rows, hashes, strict=True):
        p = people.get(h)
        if p is None:
            idn = r["id_number"]
            person_rows.append(
                PersonRow(
                    name=r["name"],
                    division_code=r["division_code"],
                    id_value=idn.value,
                    birth_date=idn.birth_date,
                    gender=idn.gender,
                    phone=r.get("mobile") or "",
                )
            )
        elif policy.covers(p.division_code):
            # Only people of one's own jurisdiction are corrected; others just join the branch.
            dirty = p.name != r["name"]
            p.name = r["name"]
            if r.get("mobile") and p.phone_hash != phone_hash(r["mobile"]):
                for k, v in protected_phone_fields(r["mobile"]).items():
                    setattr(p, k, v)
                dirty = True
            if dirty:
                person_updates.append(p)
    created_people = people_bulk_upsert(rows=person_rows, update_existing=False) if person_rows else {}
    people.update(created_people)
    if person_updates:
        Person.objects.bulk_update(person_updates, ["name", "phone_enc", "phone_hash", "phone_masked"])
    touched = {p.pk for p in person_updates}
    new_members, changed = [], []
    for r, h in zip(rows, hashes, strict=True):
        person = people[h]
        org = orgs[(r["division_code"], (r.get("organization") or "").replace(" ", ""))]
        m = memberships.get((person.pk, org.pk))
        if m is None:
            m = Membership(
                person=person,
                organization=org,
                kind=r["membership"],
                joined_on=r.get("joined_on"),
                division_code=org.division_code,
            )
            new_members.append(m)
            memberships[(person.pk, org.pk)] = m
            result.created += 1
            continue
        dirty = False
        if m.kind != r["membership"]:
            m.kind, dirty = r["membership"], True
        if r.get("joined_on") and m.joined_on != r["joined_on"]:
            m.joined_on, dirty = r["joined_on"], True
        if dirty:
            changed.append(m)
        if dirty or person.pk in touched:
            result.updated += 1
        else:
            result.unchanged += 1
    Membership.objects.bulk_create(new_members, batch_size=1000)
    if changed:
        Membership.objects.bulk_update(changed, ["kind", "joined_on"], batch_size=1000)
    result.ids = [m.pk for m in new_members + changed]
    return result


MEMBERS = register(
    ImportKind(
        key="members",
        label=gettext_lazy("Party members"),
        perm="imports.members",
        title=gettext_lazy("Party member roster"),
        columns=COLUMNS,
        validate=validate,
        commit=commit,
        dedup_key=dedup_key,
        notes=(
            gettext_lazy("One row per party member. The ID number column must be formatted as Text."),
            gettext_lazy(
                "Township and village: the row is filed under the deepest one named, within your jurisdiction."
            ),
            gettext_lazy("Member type: 正式 (full) or 预备 (probationary); blank means full."),
        ),
    )
)
