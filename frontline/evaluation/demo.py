"""Demo: front-line observations of organization cadres, village cadres and medical professionals,
commendations, priority-pool entries (medical ones proposed by the title-promotion rule) and two
adjustments of cadres not up to their posts."""

import datetime as dt

from frontline.care.demo import health_centres
from frontline.demo.context import COUNTY, DemoContext
from frontline.evaluation import services
from frontline.evaluation.models import Commendation, Observation, Pool, PoolEntry, Rating
from frontline.people.models import Cadre, Person

EVENTS = [
    ("返乡人员摸排", "逐户上门摸排返乡人员，登记去向和健康状况，当日数据当日上报。"),
    ("劝返点值守", "在劝返点连续值守，耐心劝导外来车辆和人员返回，未发生冲突。"),
    ("联防联控哨卡值守", "两班倒值守哨卡，逐车登记驾乘人员、号牌和往返地，逐一测温。"),
    ("居家隔离人员生活保障", "落实“三包一”，每日为隔离户代购生活物资、送药上门。"),
    ("宣传劝导", "带领宣传巡逻队用“铜锣顺口溜”“土味小喇叭”宣传防疫知识，劝说取消酒席。"),
    ("党员代购", "组织党员代购，直销农户滞销蔬菜，帮助群众解决生活难题。"),
]
MEDICAL_EVENTS = [
    ("发热门诊值守", "连续多日在发热门诊一线接诊，严格落实预检分诊，无院内感染。"),
    ("隔离点医学观察", "承担集中隔离点医学观察，每日两次测温，规范记录。"),
    ("村级巡诊", "配合村“三包一”开展居家隔离人员健康监测，及时转运发热人员。"),
]
CONDUCT = {
    Rating.OUTSTANDING: "敢于担当、冲锋在前，表现突出。",
    Rating.GOOD: "认真履职，完成任务较好。",
    Rating.ADEQUATE: "能完成交办任务，主动性有待加强。",
    Rating.POOR: "执行部署不坚决，工作推诿，群众反映较大。",
}
POSITIONS = ["主治医师", "护士长", "主管护师", "副主任医师", "乡村医生", "护师"]
DAY0 = dt.date(2020, 1, 25)


def _medical_cadres(ctx: DemoContext) -> list[Cadre]:
    """Medical professionals as cadres (profession=medical) at the hospitals and health centres."""
    units = health_centres()
    people = list(
        Person.objects.filter(care_disbursements__category="medical_worker")
        .order_by("id")
        .distinct()[:24]
        .prefetch_related("care_disbursements")
    )
    new = []
    for i, person in enumerate(people):
        if hasattr(person, "cadre"):
            continue
        note = person.care_disbursements.all()[0].notes.removesuffix("一线医务人员")
        unit = units.get(note)
        new.append(
            Cadre(
                person=person,
                kind="cadre",
                unit=unit,
                position=POSITIONS[i % len(POSITIONS)],
                profession="medical",
                division_code=person.division_code,
                since=dt.date(2012 + i % 6, 7, 1),
            )
        )
    Cadre.objects.bulk_create(new, ignore_conflicts=True)
    return list(Cadre.objects.filter(profession="medical").select_related("person").order_by("id"))


def _rating(rng, weights=(30, 50, 15, 5)) -> str:
    return rng.choices([Rating.OUTSTANDING, Rating.GOOD, Rating.ADEQUATE, Rating.POOR], weights=weights)[0]


def seed(ctx: DemoContext) -> dict:
    rng = ctx.rng
    admin = ctx.user("county_admin")
    medical = _medical_cadres(ctx)
    org_cadres = list(
        Cadre.objects.filter(kind__in=["org_cadre", "first_secretary"]).select_related("person")
    )
    village = list(Cadre.objects.filter(kind="village_cadre").select_related("person").order_by("id")[:300:5])
    named = {c.person.name: c for c in org_cadres if c.person.name in ("李良", "王姝", "温存燕")}
    observations = []

    def observe(cadre, day, event, conduct, rating, observer, assessment=""):
        observations.append(
            Observation(
                cadre=cadre,
                person_id=cadre.person_id,
                observed_on=day,
                event=event,
                conduct=conduct,
                rating=rating,
                assessment=assessment,
                observer=observer,
                division_code=cadre.division_code,
                created_by=admin,
            )
        )

    for cadre in org_cadres + village:
        if cadre.person.name in named:
            continue
        for _k in range(rng.choice((1, 1, 2))):
            event, conduct = rng.choice(EVENTS)
            rating = _rating(rng)
            observer = "县委组织部考察组" if cadre.division_code == COUNTY else "乡镇党委书记"
            observe(
                cadre,
                DAY0 + dt.timedelta(days=rng.randrange(25)),
                event,
                conduct + CONDUCT[rating],
                rating,
                observer,
            )
    for i, cadre in enumerate(medical):
        event, conduct = MEDICAL_EVENTS[i % len(MEDICAL_EVENTS)]
        rating = Rating.OUTSTANDING if i % 3 == 0 else _rating(rng, (20, 60, 20, 0))
        observe(
            cadre,
            DAY0 + dt.timedelta(days=3 + i % 20),
            event,
            conduct + CONDUCT[rating],
            rating,
            "县卫健委党委",
        )
    if "王姝" in named:
        observe(
            named["王姝"],
            dt.date(2020, 1, 28),
            "泉南高速兴国西出口哨卡值守",
            "正月初二凌晨5:30重返岗位；组织设置联防联控哨卡47个、宣传劝导队47个，劝说取消酒席108户；"
            "两班倒一班12小时，1月28日登记150多车次。",
            Rating.OUTSTANDING,
            "县委组织部考察组",
            "政治坚定，敢于担当，组织能力强。",
        )
    if "温存燕" in named:
        observe(
            named["温存燕"],
            dt.date(2020, 1, 27),
            "主动推迟婚礼返岗",
            "主动延迟婚礼，迅速返回工作岗位，积极投身疫情防控一线。",
            Rating.OUTSTANDING,
            "均村乡党委",
        )
    if "李良" in named:
        observe(
            named["李良"],
            dt.date(2020, 2, 3),
            "园塘村疫情防控",
            "第一时间回村，组建宣传巡逻队，严格落实“三包一”，通过“党员代购”直销滞销农产品。",
            Rating.OUTSTANDING,
            "县委组织部考察组",
        )
    Observation.objects.bulk_create(observations, batch_size=500)

    commendations = []
    outstanding = list(
        Observation.objects.filter(rating=Rating.OUTSTANDING).select_related("person").order_by("id")
    )
    for obs in outstanding[:12]:
        commendations.append(
            Commendation(
                person_id=obs.person_id,
                level="county",
                title="兴国县疫情防控一线优秀党员干部",
                awarded_on=dt.date(2020, 2, 18),
                awarded_by="中共兴国县委",
                document_number="兴发〔2020〕5号",
                division_code=obs.division_code,
                created_by=admin,
            )
        )
    for name, title, level in (
        ("王姝", "全市组织系统疫情防控先进个人", "city"),
        ("温存燕", "全县疫情防控“最美组工干部”", "county"),
        ("李良", "全县优秀驻村第一书记", "county"),
    ):
        if name in named:
            commendations.append(
                Commendation(
                    person_id=named[name].person_id,
                    level=level,
                    title=title,
                    awarded_on=dt.date(2020, 2, 18),
                    awarded_by="中共赣州市委组织部" if level == "city" else "中共兴国县委组织部",
                    division_code=named[name].division_code,
                    created_by=admin,
                )
            )
    Commendation.objects.bulk_create(commendations)

    # Medical professionals' outstanding records → 职称晋升 priority, through the service's rule.
    services.title_priority_sync(actor=admin)
    proposals = [("王姝", Pool.POST_PROMOTION), ("温存燕", Pool.HONOURS), ("李良", Pool.HONOURS)]
    entries = 0
    for name, pool in proposals:
        if name not in named:
            continue
        person = named[name].person
        records = list(Observation.objects.filter(person=person)) + list(
            Commendation.objects.filter(person=person)
        )
        services.pool_entry_propose(
            actor=admin, person=person, pool=pool, reason="疫情防控一线表现突出，优先考虑。", records=records
        )
        entries += 1
    # Outstanding village cadres → 考试录用 (定向考录乡镇公务员); county cadres → 职级晋升.
    seen = {c.pk for c in named.values()}
    quota = {Pool.EXAM_RECRUITMENT: 6, Pool.RANK_PROMOTION: 6}
    for obs in Observation.objects.filter(rating=Rating.OUTSTANDING).select_related("person", "cadre"):
        pool = Pool.EXAM_RECRUITMENT if obs.cadre.kind == "village_cadre" else Pool.RANK_PROMOTION
        if obs.cadre_id in seen or obs.cadre.profession == "medical" or not quota[pool]:
            continue
        seen.add(obs.cadre_id)
        quota[pool] -= 1
        services.pool_entry_propose(
            actor=admin, person=obs.person, pool=pool, reason="一线考察表现突出。", records=[obs]
        )
        entries += 1
    adjustments = 0
    for obs in (
        Observation.objects.filter(rating=Rating.POOR).select_related("person", "cadre").order_by("id")[:2]
    ):
        services.adjustment_create(
            actor=admin,
            person=obs.person,
            kind="transfer" if adjustments == 0 else "non_leading",
            decided_on=dt.date(2020, 2, 18),
            reason="疫情防控中执行部署不坚决、推诿扯皮，不胜任现职。",
            decided_by="中共兴国县委组织部",
            from_position=obs.cadre.position,
            to_position="一般工作人员",
            observation=obs,
        )
        adjustments += 1
    return {
        "medical_cadres": len(medical),
        "observations": len(observations),
        "commendations": len(commendations),
        "pool_entries": entries,
        "title_priority_entries": PoolEntry.objects.filter(automatic=True).count(),
        "adjustments": adjustments,
    }
