"""Demo: Xingguo's 37.1万元 of party dues (371,000 yuan = 37,100,000 fen), fully disbursed to
front-line medical workers, grassroots members and cadres, families of Hubei-aid medical staff and
front-line organizations; and the visits of the organization department."""

import datetime as dt

from frontline.care.models import Allocation, Disbursement, RecipientCategory, Visit
from frontline.demo.context import COUNTY, DemoContext
from frontline.people.models import Organization, Person
from frontline.people.protection import id_hash
from frontline.people.services import PersonRow, people_bulk_upsert
from frontline.regions.models import Division

TOTAL_FEN = 37_100_000
COUNTY_UNITS = [("兴国县人民医院", 1_000_000), ("兴国县疾病预防控制中心", 800_000), ("兴国县中医院", 600_000)]
HUBEI_ROLES = ["护士", "主管护师", "主治医师", "呼吸科医师", "重症医学科护士", "检验技师"]
RELATIONS = ["父亲", "母亲", "爱人", "公公", "婆婆", "岳母"]
APPROVER = "县委组织部部务会"


def health_centres() -> dict[str, Organization]:
    """County hospitals and one health centre (卫生院) per township; shared with evaluation's demo."""
    townships = list(Division.objects.filter(level="township").order_by("code"))
    wanted = [(COUNTY, name) for name, _fen in COUNTY_UNITS] + [
        (t.code, f"{t.name}卫生院") for t in townships
    ]
    existing = {(o.division_code, o.name) for o in Organization.objects.filter(kind="department")}
    Organization.objects.bulk_create(
        [
            Organization(division_code=code, kind="department", name=name, responsibilities="医疗卫生机构")
            for code, name in wanted
            if (code, name) not in existing
        ]
    )
    orgs = Organization.objects.filter(kind="department", name__in=[n for _c, n in wanted])
    return {o.name: o for o in orgs}


def _new_people(ctx: DemoContext, divisions: list[str]) -> list[Person]:
    rows = []
    for code in divisions:
        value, birth, gender = ctx.synth.id_number(ctx.synth.birth_date(1960, 1996))
        rows.append(
            PersonRow(
                name=ctx.synth.name(),
                division_code=code,
                id_value=value,
                birth_date=birth,
                gender=gender,
                phone=ctx.synth.mobile(),
            )
        )
    people = people_bulk_upsert(rows=rows, synthetic=True)
    return [people[id_hash(r.id_value)] for r in rows]


def seed(ctx: DemoContext) -> dict:
    rng = ctx.rng
    admin = ctx.user("county_admin")
    units = health_centres()
    townships = list(Division.objects.filter(level="township").order_by("code"))
    allocation = Allocation.objects.create(
        title="2020年党费慰问疫情防控一线医务工作者和基层党员干部",
        source="party_dues",
        amount_fen=TOTAL_FEN,
        decided_on=dt.date(2020, 2, 5),
        decided_by="中共兴国县委组织部",
        document_number="兴组字〔2020〕9号",
        notes="县委组织部下拨37.1万元党费，慰问战斗在疫情防控一线的医务工作者和基层党员、干部，"
        "支持基层党组织开展疫情防控工作。",
        division_code=COUNTY,
        created_by=admin,
    )
    plan: list[tuple] = []  # (category, person|None, org|None, fen, note)

    # 120 front-line medical workers, 1,000 yuan each: 36 at the county hospitals, the rest at
    # township health centres.
    county_units = [units[name] for name, _fen in COUNTY_UNITS]
    medical_divisions = [COUNTY] * 36 + [townships[i % len(townships)].code for i in range(84)]
    medical = _new_people(ctx, medical_divisions)
    for i, person in enumerate(medical):
        unit = county_units[i % 3] if i < 36 else units[f"{townships[(i - 36) % len(townships)].name}卫生院"]
        plan.append((RecipientCategory.MEDICAL_WORKER, person, None, 100_000, f"{unit.name}一线医务人员"))
    # 12 families of medical staff sent to Hubei, 2,000 yuan each.
    family_divisions = [rng.choice(townships).code for _ in range(12)]
    families = _new_people(ctx, family_divisions)
    for i, person in enumerate(families):
        note = (
            f"援鄂医务人员（{county_units[i % 2].name}{HUBEI_ROLES[i % len(HUBEI_ROLES)]}）"
            f"之{RELATIONS[i % len(RELATIONS)]}"
        )
        plan.append((RecipientCategory.HUBEI_AID_FAMILY, person, None, 200_000, note))
    # 150 grassroots cadres (village party secretaries on duty), 500 yuan each.
    cadres = list(
        Person.objects.filter(cadre__kind="village_cadre").order_by("division_code", "id")[:300:2]
    ) or list(Person.objects.filter(cadre__isnull=False).order_by("id")[:150])
    for i in range(150):
        plan.append(
            (RecipientCategory.GRASSROOTS_CADRE, cadres[i % len(cadres)], None, 50_000, "卡点值守一线村干部")
        )
    # 100 grassroots party members (commando teams, persuasion points), 500 yuan each.
    members = list(
        Person.objects.filter(memberships__kind="party_member", cadre__isnull=True, is_synthetic=True)
        .order_by("id")
        .distinct()[:2000:20]
    )
    for i in range(100):
        plan.append(
            (RecipientCategory.PARTY_MEMBER, members[i % len(members)], None, 50_000, "党员突击队队员")
        )
    # 26 township party committees 3,000 yuan each, and the county hospitals.
    for committee in Organization.objects.filter(kind="township_committee").order_by("division_code"):
        plan.append((RecipientCategory.FRONTLINE_ORG, None, committee, 300_000, "支持基层党组织开展疫情防控"))
    for name, fen in COUNTY_UNITS:
        plan.append((RecipientCategory.FRONTLINE_ORG, None, units[name], fen, "慰问一线医务工作者"))

    # Anything the demo cast could not fill (small test seeds) still adds up to the allocation.
    total = sum(p[3] for p in plan)
    if total != TOTAL_FEN:
        category, person, org, fen, note = plan[-1]
        plan[-1] = (category, person, org, fen + TOTAL_FEN - total, note)
    days = [dt.date(2020, 2, 6) + dt.timedelta(days=d) for d in range(13)]
    rows = []
    for n, (category, person, org, fen, note) in enumerate(plan, start=1):
        recipient = person or org
        rows.append(
            Disbursement(
                allocation=allocation,
                recipient_person=person,
                recipient_org=org,
                category=category,
                amount_fen=fen,
                approver=APPROVER,
                voucher_number=f"DF2020-{n:04d}",
                paid_on=days[min(n * len(days) // len(plan), len(days) - 1)],
                notes=note,
                division_code=recipient.division_code,
                created_by=admin,
            )
        )
    Disbursement.objects.bulk_create(rows, batch_size=500)
    Allocation.objects.filter(pk=allocation.pk).update(disbursed_fen=sum(d.amount_fen for d in rows))

    # Visits (走访慰问): every Hubei-aid family, the township committees, county hospitals, cadres.
    visitors = list(
        Person.objects.filter(cadre__kind="org_cadre", cadre__division_code=COUNTY).order_by("id")[:8]
    )
    paid = {
        (d.recipient_person_id, d.recipient_org_id): d
        for d in Disbursement.objects.filter(allocation=allocation)
    }
    visits = []
    for i, person in enumerate(families):
        d = paid[(person.pk, None)]
        visits.append(
            Visit(
                visited_on=d.paid_on,
                recipient_person=person,
                household=d.notes,
                category=RecipientCategory.HUBEI_AID_FAMILY,
                items="慰问金2000元、口罩、大米、食用油",
                disbursement=d,
                visitor_names="县委组织部部务委员" if i % 3 == 0 else "",
                notes="了解家庭生活困难，承诺由村党支部安排党员结对帮扶（代购、接送就医）。",
                division_code=person.division_code,
                created_by=admin,
            )
        )
    for committee in Organization.objects.filter(kind="township_committee").order_by("division_code")[:10]:
        d = paid[(None, committee.pk)]
        visits.append(
            Visit(
                visited_on=d.paid_on,
                recipient_org=committee,
                category=RecipientCategory.FRONTLINE_ORG,
                items="慰问金3000元、口罩200个、测温枪2把",
                disbursement=d,
                notes="走访劝返点、联防联控哨卡，看望值守党员干部。",
                division_code=committee.division_code,
                created_by=admin,
            )
        )
    for unit in county_units:
        d = paid[(None, unit.pk)]
        visits.append(
            Visit(
                visited_on=d.paid_on,
                recipient_org=unit,
                category=RecipientCategory.MEDICAL_WORKER,
                items="慰问金、方便食品",
                disbursement=d,
                visitor_names="县委常委、组织部部长",
                notes="看望发热门诊、隔离病区医务人员。",
                division_code=unit.division_code,
                created_by=admin,
            )
        )
    named = Person.objects.filter(name__in=["李良", "王姝", "温存燕"], cadre__isnull=False)
    for person in named:
        visits.append(
            Visit(
                visited_on=dt.date(2020, 2, 17),
                recipient_person=person,
                category=RecipientCategory.GRASSROOTS_CADRE,
                items="口罩、消毒液",
                notes="看望坚守一线的组工干部。",
                division_code=person.division_code,
                created_by=admin,
            )
        )
    Visit.objects.bulk_create(visits)
    through = Visit.visitors.through
    links = []
    for i, visit in enumerate(Visit.objects.order_by("id")):
        for person in visitors[i % max(len(visitors) - 1, 1) :][:2]:
            links.append(through(visit_id=visit.pk, person_id=person.pk))
    through.objects.bulk_create(links, ignore_conflicts=True)
    return {
        "allocations": 1,
        "disbursements": len(rows),
        "disbursed": "371,000.00 元",
        "visits": len(visits),
        "medical_workers": len(medical),
    }
