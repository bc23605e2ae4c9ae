"""Demo: grids and households, the 2020 Spring Festival returnee screening, home quarantines in progress
on 2020-02-19 with their 三包一 teams and twice-daily temperatures, living support. 园塘村 in full.

Everything is written in bulk; screenings go through returnees_bulk_screen (the import path) so the
risk table classifies them exactly as in production.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from frontline.accounts.models import User
from frontline.core.events import emit_work_done
from frontline.demo.context import CHANGGANG, COUNTY, GAOXING, YUANTANG, DemoContext
from frontline.people.models import PARTY_KINDS, Cadre, Membership, Person
from frontline.people.protection import id_hash
from frontline.people.services import PersonRow, people_bulk_upsert
from frontline.quarantine import rules
from frontline.quarantine.models import (
    AlertStatus,
    Campaign,
    CheckIn,
    CheckInSource,
    Grid,
    Household,
    Quarantine,
    QuarantineEvent,
    RiskClass,
    Slot,
    Source,
    Status,
    SupportRequest,
    SupportStatus,
    TeamMember,
)
from frontline.quarantine.services import ReturneeRow, returnees_bulk_screen
from frontline.regions.models import Division, Level

PLACES = [
    # code, place, weight
    ("4201", "湖北省武汉市", 6),
    ("4211", "湖北省黄冈市", 3),
    ("4209", "湖北省孝感市", 2),
    ("4403", "广东省深圳市", 12),
    ("4419", "广东省东莞市", 10),
    ("4401", "广东省广州市", 7),
    ("4413", "广东省惠州市", 3),
    ("3307", "浙江省金华市义乌市", 6),
    ("3301", "浙江省杭州市", 4),
    ("3302", "浙江省宁波市", 3),
    ("3502", "福建省厦门市", 4),
    ("31", "上海市", 3),
    ("3601", "江西省南昌市", 4),
]
TRAINS = ["G1377", "G1325", "D2241", "K1451", "Z133", "G1393"]
FLIGHTS = ["CZ3611", "MU5587", "ZH9871"]
ITEMS = {
    "supplies": [
        "大米10斤、食用油1桶",
        "蔬菜、鸡蛋30个",
        "猪肉2斤、青菜",
        "卫生纸、洗衣粉",
        "面条、酱油、盐",
    ],
    "medicine": ["降压药（硝苯地平）", "感冒灵颗粒", "布洛芬、体温计", "胰岛素", "口罩20个、消毒液"],
    "other": ["煤气罐换气", "孩子网课流量充值", "代缴电费"],
}
GRID_NAMES = ["第一网格", "第二网格", "第三网格", "第四网格"]
STREETS = ["上屋", "下屋", "新屋", "老屋场", "塘背", "岭下", "坳上", "田心", "水口", "围里"]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _people(ctx, n: int, division: str, **kw) -> list[PersonRow]:
    synth = ctx.synth
    rows = []
    for _ in range(n):
        value, birth, gender = synth.id_number(kw.get("birth") or synth.birth_date(1950, 2005))
        rows.append(
            PersonRow(
                name=synth.name(),
                division_code=division,
                id_value=value,
                birth_date=birth,
                gender=gender,
                phone=synth.mobile() if synth.rng.random() < 0.85 else "",
            )
        )
    return rows


def seed_grids(ctx: DemoContext) -> dict[str, list[Grid]]:
    """Profiles for 园塘村's five grids; two to four new grids in every village of 长冈乡 and 高兴镇."""
    rng = ctx.rng
    villages = {
        d.code: d for d in Division.objects.filter(level=Level.VILLAGE, parent_id__in=[CHANGGANG, GAOXING])
    }
    existing = set(Division.objects.filter(level=Level.GRID).values_list("code", flat=True))
    new = []
    for code, village in villages.items():
        if code == YUANTANG:
            continue
        for i in range(rng.randint(2, 4)):
            grid_code = f"{code}{i + 1:03d}"
            if grid_code not in existing:
                new.append(
                    Division(
                        code=grid_code,
                        name=f"{village.name}{GRID_NAMES[i]}",
                        level=Level.GRID,
                        parent=village,
                        kind="网格",
                        full_name=f"{village.full_name} {village.name}{GRID_NAMES[i]}",
                    )
                )
    Division.objects.bulk_create(new, batch_size=1000)
    divisions = list(Division.objects.filter(level=Level.GRID, parent_id__in=list(villages)).order_by("code"))
    members: dict[str, list[int]] = {}
    for pid, code in Membership.objects.filter(
        kind__in=PARTY_KINDS, division_code__in=list(villages)
    ).values_list("person_id", "division_code"):
        members.setdefault(code, []).append(pid)
    grids = []
    for d in divisions:
        pool = members.get(d.parent_id) or [None]
        grids.append(Grid(division=d, division_code=d.code, leader_id=pool[int(d.code[-3:]) % len(pool)]))
    Grid.objects.bulk_create(grids, ignore_conflicts=True)
    by_village: dict[str, list[Grid]] = {}
    for g in Grid.objects.filter(division_code__startswith=COUNTY).order_by("division_code"):
        by_village.setdefault(g.division_code[:12], []).append(g)
    return by_village


def seed_households(ctx: DemoContext, grids: dict[str, list[Grid]]) -> dict[str, list[Household]]:
    """园塘村: 150 households (every one in a grid, 2–5 members each); elsewhere 8 per grid."""
    rng = ctx.rng
    plan = []  # (grid, address, [PersonRow])
    for village, village_grids in grids.items():
        per_grid = 30 if village == YUANTANG else 8
        for g in village_grids:
            for i in range(per_grid):
                address = f"{g.division.name.replace('网格', '')}{rng.choice(STREETS)}{i + 1}号"
                plan.append(
                    (g, address, _people(ctx, rng.randint(2, 5) if village == YUANTANG else 2, village))
                )
    people = people_bulk_upsert(rows=[r for _g, _a, rows in plan for r in rows], synthetic=True)
    households = [Household(grid=g, division_code=g.division_code, address=a) for g, a, _rows in plan]
    for h, (_g, _a, rows) in zip(households, plan, strict=True):
        h.head = people[id_hash(rows[0].id_value)]
    Household.objects.bulk_create(households, batch_size=1000)
    through = Household.members.through
    links = [
        through(household_id=h.pk, person_id=people[id_hash(r.id_value)].pk)
        for h, (_g, _a, rows) in zip(households, plan, strict=True)
        for r in rows
    ]
    through.objects.bulk_create(links, batch_size=2000)
    # People live at their household's address.
    persons = []
    for _h, (_g, a, rows) in zip(households, plan, strict=True):
        for r in rows:
            p = people[id_hash(r.id_value)]
            p.address = a
            persons.append(p)
    Person.objects.bulk_update(persons, ["address"], batch_size=2000)
    by_village: dict[str, list[Household]] = {}
    for h in households:
        by_village.setdefault(h.division_code[:12], []).append(h)
    return by_village


def seed_returnees(ctx: DemoContext, households: dict[str, list[Household]], now: dt.datetime) -> list:
    """About 420 returnees county-wide, 36 of them in 园塘村, screened 2020-01-20 … 2020-02-19."""
    rng = ctx.rng
    campaign, _ = Campaign.objects.get_or_create(
        name="2020年春节返乡人员摸排",
        division_code=COUNTY,
        defaults={"starts_on": dt.date(2020, 1, 20), "ends_on": dt.date(2020, 3, 31)},
    )
    villages = ctx.villages()
    targets = [YUANTANG] * 36 + [rng.choice(villages) for _ in range(380)]
    weights = [w for *_x, w in PLACES]
    rows = []
    meta = {}
    for i, village in enumerate(targets):
        code, place, _w = rng.choices(PLACES, weights=weights)[0]
        if village == YUANTANG and i < 12:
            code, place = ("4201", "湖北省武汉市") if i % 2 else ("4211", "湖北省黄冈市")
        # Most came home for the Spring Festival (25 January); some later, some on the demo day itself.
        if village == YUANTANG and (i < 3 or 12 <= i < 16):
            return_day = ctx.day - dt.timedelta(days=1)  # new returnees on the workbench
        elif village == YUANTANG and i < 12:
            return_day = ctx.day - dt.timedelta(days=rng.randint(0, 12))
        elif rng.random() < 0.3:
            return_day = ctx.day - dt.timedelta(days=rng.randint(1, 14))
        else:
            return_day = dt.date(2020, 1, 18) + dt.timedelta(days=min(int(rng.expovariate(1 / 8)), 31))
        screened_day = min(return_day + dt.timedelta(days=rng.choice((0, 0, 1, 2))), ctx.day)
        if return_day == ctx.day - dt.timedelta(days=1) and village == YUANTANG:
            screened_day = return_day
        hh = households.get(village)
        household = rng.choice(hh) if hh else None
        mode = rng.choices(["train", "car", "bus", "flight", "other"], weights=[40, 35, 15, 6, 4])[0]
        number = {
            "train": rng.choice(TRAINS),
            "flight": rng.choice(FLIGHTS),
            "car": f"赣B{rng.randrange(10000, 99999)}",
            "bus": f"赣B{rng.randrange(10000, 99999)}",
        }.get(mode, "")
        symptoms = []
        temperature = Decimal(f"36.{rng.randint(1, 9)}")
        roll = rng.random()
        if roll < 0.03:
            temperature = Decimal(f"37.{rng.randint(4, 9)}")
        elif roll < 0.06:
            symptoms = ["cough"]
        contact = "confirmed" if rng.random() < 0.01 else ("suspected" if rng.random() < 0.02 else "none")
        person = _people(ctx, 1, (household.division_code if household else village))[0]
        if household is not None:
            person.address = household.address
        rows.append(
            ReturneeRow(
                person_row=person,
                return_date=return_day,
                travel_mode=mode,
                travel_number=number,
                source=rng.choices(
                    [Source.DOOR_TO_DOOR, Source.CHECKPOINT, Source.SELF_REPORT, Source.BIG_DATA],
                    weights=[50, 25, 15, 10],
                )[0],
                returned_from_code=code,
                returned_from_text=place,
                contact=contact,
                symptoms=symptoms,
                temperature=temperature,
                division_code=household.division_code if household else village,
                screened_at=min(
                    _at(screened_day, rng.randint(8, 17), rng.randrange(60)), now - dt.timedelta(minutes=90)
                ),
            )
        )
        meta[id_hash(person.id_value)] = household
    result = returnees_bulk_screen(actor=None, campaign=campaign, rows=rows, synthetic=True, audit=False)
    return [(r, meta.get(r.id_hash)) for r in result.created]


def _teams(ctx, quarantines: list[Quarantine]) -> int:
    """三包一: the village secretary (李良 in 园塘村), a village doctor, a police officer of the township."""
    rng = ctx.rng
    villages = {q.division_code[:12] for q in quarantines}
    townships = {v[:9] for v in villages}
    secretaries = dict(
        Cadre.objects.filter(kind="village_cadre", division_code__in=villages).values_list(
            "division_code", "person_id"
        )
    )
    li_liang = Person.objects.filter(name="李良", division_code=YUANTANG).first()
    doctor_rows = {v: _people(ctx, 1, v)[0] for v in sorted(villages)}
    police_rows = {t: _people(ctx, 2, t) for t in sorted(townships)}
    found = people_bulk_upsert(
        rows=[*doctor_rows.values(), *(r for rs in police_rows.values() for r in rs)], synthetic=True
    )
    doctor_of = {v: found[id_hash(r.id_value)] for v, r in doctor_rows.items()}
    police_of = {t: [found[id_hash(r.id_value)] for r in rs] for t, rs in police_rows.items()}
    posts = [(p, "乡村医生", "medical") for p in doctor_of.values()]
    posts += [(p, "派出所民警", "police") for ps in police_of.values() for p in ps]
    Cadre.objects.bulk_create(
        [
            Cadre(
                person=p,
                kind="cadre",
                position=position,
                profession=profession,
                division_code=p.division_code,
            )
            for p, position, profession in posts
        ],
        ignore_conflicts=True,
    )
    secretary_user = User.objects.filter(username="yuantang_secretary").first()
    rows = []
    for i, q in enumerate(quarantines):
        village = q.division_code[:12]
        cadre_id = secretaries.get(village)
        user = None
        if village == YUANTANG and li_liang is not None and i % 3 != 2:
            cadre_id, user = li_liang.pk, secretary_user
        if cadre_id:
            rows.append(
                TeamMember(
                    quarantine=q, role="cadre", person_id=cadre_id, user=user, division_code=q.division_code
                )
            )
        rows.append(
            TeamMember(quarantine=q, role="doctor", person=doctor_of[village], division_code=q.division_code)
        )
        rows.append(
            TeamMember(
                quarantine=q,
                role="police",
                person=rng.choice(police_of[village[:9]]),
                division_code=q.division_code,
            )
        )
    TeamMember.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _checkins(ctx, quarantines: list[Quarantine], now: dt.datetime) -> list[CheckIn]:
    """Temperatures for every slot up to the demo moment, with a few slots missed and a few fevers."""
    rng = ctx.rng
    teams: dict[int, dict[str, TeamMember]] = {}
    for m in TeamMember.objects.filter(quarantine__in=quarantines):
        teams.setdefault(m.quarantine_id, {})[m.role] = m
    out = []
    yesterday = ctx.day - dt.timedelta(days=1)
    for n, q in enumerate(quarantines):
        team = teams.get(q.pk, {})
        lazy = q.division_code.startswith(YUANTANG) and n % 4 == 1  # a household the team missed last night
        for day, slot, start, stop in rules.expected_slots(q, now):
            if stop > now and rng.random() < 0.5:
                continue  # this morning's round is still going on
            missed = (day, slot) in (
                (yesterday, Slot.MORNING),
                (yesterday - dt.timedelta(days=1), Slot.EVENING),
            )
            if rng.random() < 0.03 or (lazy and missed):
                continue
            member = team.get("doctor" if slot == Slot.MORNING else "cadre") or team.get("doctor")
            household = rng.random() < 0.15
            rounds = start + dt.timedelta(hours=7 if slot == Slot.MORNING else 5)  # 7:00 and 17:00 rounds
            taken = max(rounds, q.started_at) + dt.timedelta(minutes=rng.randint(0, 150))
            taken = min(taken, now - dt.timedelta(minutes=5))
            temp = (
                Decimal(f"36.{rng.randint(0, 9)}")
                if rng.random() < 0.8
                else Decimal(f"37.{rng.randint(0, 1)}")
            )
            fever = rng.random() < 0.006
            if fever:
                temp = Decimal(f"37.{rng.randint(4, 9)}") if rng.random() < 0.7 else Decimal("38.2")
            out.append(
                CheckIn(
                    quarantine=q,
                    division_code=q.division_code,
                    slot_date=day,
                    slot=slot,
                    taken_at=taken,
                    temperature=temp,
                    symptoms=["fever"] if fever else [],
                    source=CheckInSource.HOUSEHOLD if household else CheckInSource.TEAM,
                    by_user=member.user if member and not household else None,
                    by_person=member.person if member and not household else None,
                    fever=fever,
                    alert_status=(AlertStatus.OPEN if day >= yesterday else AlertStatus.CLOSED)
                    if fever
                    else "",
                    alert_note="" if not fever or day >= yesterday else "复测体温正常，村医随访",
                    alert_updated_at=taken if fever else None,
                )
            )
    # 园塘村's doctor has a fever to follow up on the demo day.
    latest = [c for c in out if c.division_code.startswith(YUANTANG) and c.slot_date >= yesterday]
    if latest:
        c = latest[-1]
        c.temperature, c.symptoms, c.fever = Decimal("37.8"), ["fever", "cough"], True
        c.alert_status, c.alert_updated_at = AlertStatus.OPEN, c.taken_at
    CheckIn.objects.bulk_create(out, batch_size=2000)
    return out


def seed_quarantines(ctx: DemoContext, screened: list, now: dt.datetime) -> dict:
    rng = ctx.rng
    quarantines, events = [], []
    days = rules.quarantine_days()
    for r, household in screened:
        if r.risk_class == RiskClass.MONITORING:
            continue
        started = r.screened_at + dt.timedelta(hours=1)
        if started > now:
            continue
        start_date = timezone.localtime(started).date()
        ends_on = start_date + dt.timedelta(days=days - 1)
        q = Quarantine(
            person=r.person,
            returnee=r,
            household=household,
            division_code=r.division_code,
            address=r.person.address,
            started_at=started,
            start_date=start_date,
            ends_on=ends_on,
            status=Status.ACTIVE,
        )
        if r.risk_class == RiskClass.REFERRAL:
            q.status, q.ended_at = Status.REFERRED, started + dt.timedelta(hours=3)
            q.ended_on = timezone.localtime(q.ended_at).date()
        elif ends_on < ctx.day - dt.timedelta(days=1):
            q.status, q.ended_at = Status.RELEASED, _at(ends_on + dt.timedelta(days=1), 9)
            q.ended_on = ends_on + dt.timedelta(days=1)
        elif rng.random() < 0.1:
            q.status, q.ends_on = Status.EXTENDED, ends_on + dt.timedelta(days=7)
        quarantines.append(q)
    Quarantine.objects.bulk_create(quarantines, batch_size=1000)
    for q in quarantines:
        events.append(
            QuarantineEvent(
                quarantine=q,
                division_code=q.division_code,
                at=q.started_at,
                to_status=Status.ACTIVE,
                reason="摸排后居家隔离"
                if q.returnee.risk_class == RiskClass.HOME_QUARANTINE
                else "发热，先行登记",
                new_ends_on=q.start_date + dt.timedelta(days=days - 1),
            )
        )
        if q.status == Status.EXTENDED:
            events.append(
                QuarantineEvent(
                    quarantine=q,
                    division_code=q.division_code,
                    at=q.started_at + dt.timedelta(days=10),
                    from_status=Status.ACTIVE,
                    to_status=Status.EXTENDED,
                    reason="同住人员返乡，延长观察",
                    old_ends_on=q.ends_on - dt.timedelta(days=7),
                    new_ends_on=q.ends_on,
                )
            )
        elif q.ended_at:
            reason = (
                "转诊县人民医院发热门诊" if q.status == Status.REFERRED else "隔离期满，体温正常，解除隔离"
            )
            events.append(
                QuarantineEvent(
                    quarantine=q,
                    division_code=q.division_code,
                    at=q.ended_at,
                    from_status=Status.ACTIVE,
                    to_status=q.status,
                    reason=reason,
                )
            )
    QuarantineEvent.objects.bulk_create(events, batch_size=1000)
    kept = [q for q in quarantines if q.status != Status.REFERRED]
    team_rows = _teams(ctx, kept)
    checkins = _checkins(ctx, kept, now)
    support = _support(
        ctx,
        [
            q
            for q in kept
            if q.status in (Status.ACTIVE, Status.EXTENDED) or q.ended_on >= ctx.day - dt.timedelta(days=6)
        ],
        now,
    )
    _announce(checkins, support)
    return {
        "quarantines": len(quarantines),
        "active": sum(1 for q in quarantines if q.status in (Status.ACTIVE, Status.EXTENDED)),
        "team_members": team_rows,
        "checkins": len(checkins),
        "support_requests": len(support),
    }


def _support(ctx, quarantines: list[Quarantine], now: dt.datetime) -> list[SupportRequest]:
    rng = ctx.rng
    members: dict[str, list[int]] = {}
    for pid, code in Membership.objects.filter(
        kind__in=PARTY_KINDS, division_code__in={q.division_code[:12] for q in quarantines}
    ).values_list("person_id", "division_code"):
        members.setdefault(code, []).append(pid)
    out = []
    for q in quarantines:
        village = q.division_code[:12]
        n = rng.choice((1, 2)) if village == YUANTANG else (1 if rng.random() < 0.5 else 0)
        for k in range(n):
            kind = rng.choices(["supplies", "medicine", "other"], weights=[65, 25, 10])[0]
            age_h = (
                rng.randint(1, 70)
                if village != YUANTANG
                else rng.choice([(1, 8), (26, 40), (50, 70)][k::2] or [(1, 8)])
            )
            age_h = rng.randint(*age_h) if isinstance(age_h, tuple) else age_h
            requested = max(now - dt.timedelta(hours=age_h), q.started_at + dt.timedelta(hours=2))
            req = SupportRequest(
                quarantine=q,
                division_code=q.division_code,
                kind=kind,
                items=rng.choice(ITEMS[kind]),
                source="phone",
                requested_at=requested,
            )
            pool = members.get(village)
            older = now - requested > dt.timedelta(hours=20)
            if pool and older and rng.random() < 0.7:
                req.assignee_id, req.assigned_at = rng.choice(pool), requested + dt.timedelta(hours=1)
                req.status, req.delivered_at = (
                    SupportStatus.DELIVERED,
                    requested + dt.timedelta(hours=rng.randint(2, 8)),
                )
                if req.delivered_at > now:
                    req.status, req.delivered_at = SupportStatus.ASSIGNED, None
            elif pool and rng.random() < 0.4:
                req.assignee_id, req.assigned_at, req.status = (
                    rng.choice(pool),
                    requested + dt.timedelta(minutes=40),
                    SupportStatus.ASSIGNED,
                )
            out.append(req)
    SupportRequest.objects.bulk_create(out, batch_size=1000)
    return out


def _announce(checkins: list[CheckIn], support: list[SupportRequest]) -> None:
    """Work events for 园塘村 only (the rest of the county would flood other modules' demo data)."""
    for c in checkins:
        if c.by_person_id and c.division_code.startswith(YUANTANG):
            emit_work_done(
                kind="checkin_done", person=c.by_person, obj=c, division_code=c.division_code, at=c.taken_at
            )
    for s in support:
        if s.status == SupportStatus.DELIVERED and s.division_code.startswith(YUANTANG):
            emit_work_done(
                kind="support_delivered",
                person=s.assignee,
                obj=s,
                division_code=s.division_code,
                at=s.delivered_at,
            )


def seed(ctx: DemoContext) -> dict:
    # The demo moment: the demo day at the real time of day (as the clock answers), never later than now.
    from frontline.core import clock

    now = clock.now() if clock.today() == ctx.day else _at(ctx.day, 10)
    grids = seed_grids(ctx)
    households = seed_households(ctx, grids)
    screened = seed_returnees(ctx, households, now)
    result = seed_quarantines(ctx, screened, now)
    return {
        "grids": sum(len(g) for g in grids.values()),
        "households": sum(len(h) for h in households.values()),
        "returnees": len(screened),
        **result,
    }
