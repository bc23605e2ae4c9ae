"""The foundation's demo steps: divisions, the organization, 20,000+ members and cadres, accounts."""

from pathlib import Path

from django.db.models import Count

from frontline.accounts.models import User
from frontline.demo.context import (
    COUNTY,
    DEMO_PASSWORD,
    GAOXING,
    JUNCUN,
    YUANTANG,
    DemoContext,
)
from frontline.people.models import Cadre, Membership, Organization, Person
from frontline.people.services import PersonRow, people_bulk_upsert
from frontline.regions.models import Division
from frontline.regions.services import divisions_load_csv

DIVISIONS_CSV = Path(__file__).resolve().parent.parent / "regions" / "data" / "xingguo_divisions.csv"

WORKING_GROUPS = [
    ("干部力量保障组", "调配干部力量，保障一线防控人手；组工干部编入党员突击队"),
    ("党建引领指导组", "指导基层党组织发挥战斗堡垒作用，推动党员“十带头”"),
    ("情况信息调研组", "掌握干部参加防控工作现实表现的第一手资料，汇总基层情况"),
    ("总结宣传报道组", "更新“疫情防控”专栏，向省市组织部门上报好经验好做法和典型事迹"),
]


def seed_divisions(ctx: DemoContext) -> dict:
    return divisions_load_csv(actor=None, source=DIVISIONS_CSV)


def seed_organizations(ctx: DemoContext) -> dict:
    dept, _ = Organization.objects.get_or_create(
        division_code=COUNTY,
        kind="org_department",
        name="中共兴国县委组织部",
        defaults={"responsibilities": "全县组工干部疫情防控“十严禁”；党建引领疫情防控"},
    )
    group, _ = Organization.objects.get_or_create(
        division_code=COUNTY,
        kind="leading_group",
        name="疫情防控党建引领工作领导小组",
        defaults={"parent": dept, "is_temporary": True, "responsibilities": "统筹全县党建引领疫情防控工作"},
    )
    for name, duty in WORKING_GROUPS:
        Organization.objects.get_or_create(
            division_code=COUNTY,
            kind="working_group",
            name=name,
            defaults={"parent": group, "is_temporary": True, "responsibilities": duty},
        )
    divisions = Division.objects.filter(level__in=["township", "village"]).order_by("code")
    committees = {}
    new = []
    existing = set(Organization.objects.values_list("division_code", "kind", "name"))
    for d in divisions:
        if d.level == "township":
            row = (d.code, "township_committee", f"中共{d.name}委员会")
            if row not in existing:
                new.append(Organization(division_code=d.code, kind=row[1], name=row[2], parent=dept))
    Organization.objects.bulk_create(new)
    committees = {o.division_code: o for o in Organization.objects.filter(kind="township_committee")}
    new = []
    for d in divisions:
        if d.level == "village":
            branch_name = f"中共{d.name}{'委员会' if d.kind == '社区' else '支部委员会'}"
            if (d.code, "village_branch", branch_name) not in existing:
                new.append(
                    Organization(
                        division_code=d.code,
                        kind="village_branch",
                        name=branch_name,
                        parent=committees.get(d.code[:9]),
                    )
                )
    Organization.objects.bulk_create(new, batch_size=1000)
    branches = {o.division_code: o for o in Organization.objects.filter(kind="village_branch")}
    new = []
    for code, branch in branches.items():
        for i in (1, 2):
            name = f"{branch.name[2:].replace('支部委员会', '').replace('委员会', '')}第{'一二'[i - 1]}党小组"
            if (code, "party_group", name) not in existing:
                new.append(Organization(division_code=code, kind="party_group", name=name, parent=branch))
    Organization.objects.bulk_create(new, batch_size=1000)
    return dict(Organization.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))


def seed_members(ctx: DemoContext) -> dict:
    """20,000+ synthetic party members over the villages, plus activists, volunteers and cadres."""
    synth = ctx.synth
    villages = ctx.villages()
    branches = {o.division_code: o for o in Organization.objects.filter(kind="village_branch")}
    committees = {o.division_code: o for o in Organization.objects.filter(kind="township_committee")}
    dept = Organization.objects.get(kind="org_department", division_code=COUNTY)
    rows: list[tuple[PersonRow, str, str]] = []  # (person, organization division, membership kind)

    def add(division: str, kind: str, org_division: str | None = None):
        value, birth, gender = synth.id_number()
        row = PersonRow(
            name=synth.name(),
            division_code=division,
            id_value=value,
            birth_date=birth,
            gender=gender,
            phone=synth.mobile() if synth.rng.random() < 0.9 else "",
        )
        rows.append((row, org_division or division, kind))

    per_village, extra = divmod(ctx.members, len(villages))
    for i, code in enumerate(villages):
        for _ in range(per_village + (1 if i < extra else 0)):
            add(code, "party_member" if synth.rng.random() < 0.96 else "probationary")
        for _ in range(2):
            add(code, "activist")
        for _ in range(3):
            add(code, "volunteer")
    people = people_bulk_upsert(rows=[r for r, _, _ in rows], synthetic=True)
    orgs = {**branches, **committees, COUNTY: dept}
    memberships = []
    joined_base = ctx.day.replace(year=1980)
    for row, org_division, kind in rows:
        person = people[_hash(row.id_value)]
        org = orgs[org_division]
        joined = (
            joined_base.replace(year=synth.rng.randrange(1975, 2019)) if kind in ("party_member",) else None
        )
        memberships.append(
            Membership(
                person=person, organization=org, kind=kind, joined_on=joined, division_code=org.division_code
            )
        )
    Membership.objects.bulk_create(memberships, batch_size=2000, ignore_conflicts=True)
    return {"people": len(people), "memberships": len(memberships)}


def _hash(value):
    from frontline.people.protection import id_hash

    return id_hash(value)


def seed_cadres(ctx: DemoContext) -> dict:
    """Organization cadres (county department staff, each township's 组织委员 and 组织干事), village
    secretaries, and the three people the report names (no identifiers attached to them)."""
    synth = ctx.synth
    dept = Organization.objects.get(kind="org_department", division_code=COUNTY)
    committees = {o.division_code: o for o in Organization.objects.filter(kind="township_committee")}
    branches = {o.division_code: o for o in Organization.objects.filter(kind="village_branch")}
    cadres: list[Cadre] = []
    memberships: list[Membership] = []
    named = {
        "李良": (YUANTANG, "first_secretary", "驻村第一书记", dept),
        "王姝": (GAOXING, "org_cadre", "党委组织委员", committees[GAOXING]),
        "温存燕": (JUNCUN, "org_cadre", "党委组织干事", committees[JUNCUN]),
    }
    for name, (division, kind, position, unit) in named.items():
        person, _ = Person.objects.get_or_create(
            name=name, division_code=division, id_hash=None, defaults={"address": ""}
        )
        cadres.append(
            Cadre(
                person=person,
                kind=kind,
                unit=unit,
                position=position,
                division_code=division,
                sent_by=dept if kind == "first_secretary" else None,
                since=ctx.day.replace(year=2018),
            )
        )
    positions: list[tuple[str, str, str, Organization]] = []
    for i in range(24):
        positions.append((COUNTY, "org_cadre", ["部务委员", "科长", "副科长", "科员"][i % 4], dept))
    for code, committee in committees.items():
        if code != GAOXING:
            positions.append((code, "org_cadre", "党委组织委员", committee))
        if code != JUNCUN:
            positions.append((code, "org_cadre", "党委组织干事", committee))
    for code, branch in branches.items():
        positions.append((code, "village_cadre", "村党支部书记", branch))
    rows = []
    for division, kind, position, unit in positions:
        value, birth, gender = synth.id_number(synth.birth_date(1965, 1995))
        rows.append(
            (
                PersonRow(
                    name=synth.name(),
                    division_code=division,
                    id_value=value,
                    birth_date=birth,
                    gender=gender,
                    phone=synth.mobile(),
                ),
                kind,
                position,
                unit,
            )
        )
    people = people_bulk_upsert(rows=[r for r, *_ in rows], synthetic=True)
    for row, kind, position, unit in rows:
        person = people[_hash(row.id_value)]
        cadres.append(
            Cadre(person=person, kind=kind, unit=unit, position=position, division_code=row.division_code)
        )
        memberships.append(
            Membership(
                person=person,
                organization=unit,
                kind="party_member",
                title=position,
                is_leader=position in ("村党支部书记",),
                division_code=unit.division_code,
            )
        )
    Cadre.objects.bulk_create(cadres, batch_size=1000, ignore_conflicts=True)
    Membership.objects.bulk_create(memberships, batch_size=1000, ignore_conflicts=True)
    # Working groups: department cadres, six to each group, the first as group leader.
    groups = list(Organization.objects.filter(kind="working_group").order_by("id"))
    dept_cadres = list(
        Cadre.objects.filter(unit=dept, kind="org_cadre").select_related("person").order_by("id")
    )
    staff = [
        Membership(
            person=c.person,
            organization=groups[i % len(groups)],
            kind="staff",
            title="组长" if i < len(groups) else "成员",
            is_leader=i < len(groups),
            division_code=COUNTY,
        )
        for i, c in enumerate(dept_cadres)
    ]
    Membership.objects.bulk_create(staff, ignore_conflicts=True)
    return {"cadres": Cadre.objects.count()}


DEMO_USERS = [
    # username, display name, division, roles, staff
    ("county_admin", "县委组织部管理员", COUNTY, ["county_admin"], True),
    ("county_leader", "领导小组成员", COUNTY, ["county_leader"], False),
    ("county_discipline", "县纪检监察干部", COUNTY, ["discipline_inspector"], False),
    ("county_finance", "县委组织部财务", COUNTY, ["finance"], False),
    ("county_publicity", "总结宣传报道组编辑", COUNTY, ["publicity_editor"], False),
    ("gaoxing_admin", "高兴镇党委", GAOXING, ["township_admin"], False),
    ("junchun_admin", "均村乡党委", JUNCUN, ["township_admin"], False),
    (
        "yuantang_secretary",
        "李良（园塘村第一书记）",
        YUANTANG,
        ["first_secretary", "village_secretary"],
        False,
    ),
    ("xgwest_duty", "兴国西出口值守", GAOXING, ["checkpoint_duty"], False),
]


def seed_accounts(ctx: DemoContext) -> dict:
    links = {
        "yuantang_secretary": Person.objects.filter(name="李良", division_code=YUANTANG).first(),
        "gaoxing_admin": Person.objects.filter(name="王姝", division_code=GAOXING).first(),
        "junchun_admin": Person.objects.filter(name="温存燕", division_code=JUNCUN).first(),
    }
    duty_person = (
        Person.objects.filter(division_code__startswith=GAOXING, is_synthetic=True).order_by("id").first()
    )
    links["xgwest_duty"] = duty_person
    created = 0
    for username, display, division, roles, staff in DEMO_USERS:
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={"display_name": display, "division_id": division, "roles": roles, "is_staff": staff},
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.person = links.get(username)
            user.save()
            created += 1
    return {"users": created}


STEPS = [
    ("divisions", seed_divisions),
    ("organizations", seed_organizations),
    ("members", seed_members),
    ("cadres", seed_cadres),
    ("accounts", seed_accounts),
]
