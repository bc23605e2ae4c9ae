"""The checkpoint demo: 高兴镇's 47 checkpoints (泉南高速兴国西出口 among them) and a plausible number in
every other township, two-shift rosters drawn from each township's members and cadres, and vehicle
registrations from 2020-01-24 to 2020-02-19, written in bulk as ordinary records. At 兴国西出口 the
busiest day is 2020-01-28 with 150+ vehicles, as in the report; 鄂 plates, arrivals from Hubei and a
few fevers raised alerts, most of them followed up by now."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.utils import timezone

from frontline.checkpoints.models import (
    Alert,
    AlertKind,
    AlertStatus,
    Checkpoint,
    HighRiskArea,
    Occupant,
    Registration,
    Shift,
    ShiftAssignment,
)
from frontline.checkpoints.plates import PROVINCES
from frontline.checkpoints.shifts import slots_on
from frontline.checkpoints.temperature import is_fever
from frontline.demo.context import COUNTY, GAOXING, DemoContext
from frontline.people.identifiers import id_check_digit
from frontline.people.models import Organization, Person
from frontline.people.protection import id_hash, protected_phone_fields
from frontline.people.services import PersonRow, people_bulk_upsert
from frontline.regions.models import Division

XGWEST = "泉南高速兴国西出口"
START = dt.date(2020, 1, 24)
BUSIEST = dt.date(2020, 1, 28)
HUBEI_FROM = dt.date(2020, 1, 23)
# Where vehicles came from: (plate prefix, origin code, ID-number region, weight).
ORIGINS = [
    ("赣B", "3607", "360732", 42),
    ("赣B", "", "360732", 14),  # a village in the county: origin picked from the division tree
    ("粤S", "4419", "441900", 12),
    ("粤B", "4403", "440305", 9),
    ("闽D", "3502", "350203", 6),
    ("浙C", "3303", "330302", 4),
    ("赣A", "3601", "360102", 5),
    ("鄂A", "4201", "420102", 3),
    ("鄂J", "4209", "420902", 1),
    ("赣B", "4201", "360732", 2),  # a local car back from Wuhan
    ("沪A", "3101", "310101", 2),
]
LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def seed(ctx: DemoContext) -> dict:
    tz = timezone.get_current_timezone()
    committees = {o.division_code: o for o in Organization.objects.filter(kind="township_committee")}
    HighRiskArea.objects.get_or_create(
        code="42",
        valid_from=HUBEI_FROM,
        defaults={
            "name": "湖北",
            "division_code": COUNTY,
            "note": "湖北省全域（2020-01-23 武汉离汉通道关闭）",
        },
    )
    checkpoints = _checkpoints(ctx, committees)
    xgwest = next(c for c in checkpoints if c.name == XGWEST)
    assignments = _rosters(ctx, checkpoints, xgwest)
    regs, occupants, alerts = _registrations(ctx, checkpoints, xgwest, tz)
    return {
        "checkpoints": len(checkpoints),
        "gaoxing_checkpoints": sum(1 for c in checkpoints if c.division_code.startswith(GAOXING)),
        "shift_members": assignments,
        "registrations": regs,
        "occupants": occupants,
        "alerts": alerts,
    }


def _checkpoints(ctx, committees) -> list[Checkpoint]:
    rng = ctx.rng
    villages: dict[str, list[Division]] = {}
    for d in Division.objects.filter(level="village").order_by("code"):
        villages.setdefault(d.code[:9], []).append(d)
    rows = []

    def add(name, kind, division, location=""):
        rows.append(
            Checkpoint(
                name=name,
                kind=kind,
                division_code=division,
                location=location,
                responsible=committees.get(division[:9]),
                active_from=START,
            )
        )

    for township in Division.objects.filter(level="township").order_by("code"):
        vs = villages.get(township.code, [])
        if township.code == GAOXING:
            add(XGWEST, "highway_exit", GAOXING, "G72泉南高速兴国西收费站出口")
            add("G319国道高兴段卡点", "road", GAOXING, "G319国道与镇区交叉口")
            add("S218省道高兴南卡点", "road", GAOXING, "S218省道高兴镇南入口")
            for v in vs:
                add(f"{v.name}村口卡点", "road", v.code, f"{v.name}主要进村路口")
                add(f"{v.name}劝返点", "persuasion_point", v.code, f"{v.name}村委会")
            n = 1
            while sum(1 for r in rows if r.division_code.startswith(GAOXING)) < 47:
                v = vs[n % len(vs)]
                add(f"{v.name}{n}组路口卡点", "road", v.code, f"{v.name}第{n}村民小组路口")
                n += 1
            continue
        count = min(len(vs), rng.randint(6, 14)) if vs else 2
        if count == 0:
            continue
        add(f"{township.name}集镇卡点", "road", township.code, f"{township.name}集镇入口")
        for v in rng.sample(vs, min(len(vs), count - 1)):
            kind = "persuasion_point" if rng.random() < 0.3 else "road"
            add(
                f"{v.name}{'劝返点' if kind == 'persuasion_point' else '卡点'}",
                kind,
                v.code,
                f"{v.name}进村路口",
            )
    Checkpoint.objects.bulk_create(rows, batch_size=1000)
    return list(Checkpoint.objects.order_by("id"))


def _rosters(ctx, checkpoints, xgwest) -> int:
    """Every shift of 高兴镇 from 01-24 to 02-20; the last three days elsewhere. A few of the coming
    shifts stay empty so the township's unstaffed-shift list has something to show."""
    from frontline.accounts.models import User

    rng = ctx.rng
    day = ctx.day
    pools: dict[str, list[int]] = {}
    for pid, division in (
        Person.objects.filter(is_synthetic=True, memberships__kind__in=["party_member", "volunteer", "staff"])
        .values_list("id", "division_code")
        .distinct()
    ):
        pools.setdefault(division[:9], []).append(pid)
    duty = User.objects.filter(username="xgwest_duty").first()
    admin = User.objects.filter(username="gaoxing_admin").first()
    # The two demo accounts stand at 兴国西出口 only, never drawn onto another checkpoint's shift.
    reserved = {u.person_id for u in (duty, admin) if u and u.person_id}
    pools = {k: [p for p in v if p not in reserved] for k, v in pools.items()}
    now = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    shifts, members = [], []
    for cp in checkpoints:
        township = cp.division_code[:9]
        pool = pools.get(township) or []
        if len(pool) < 3:
            continue
        full = township == GAOXING and (ctx.members >= 20_400 or cp.pk == xgwest.pk)
        first = START if full else day - dt.timedelta(days=2)
        d = first
        while d <= day + dt.timedelta(days=1):
            for start, end in slots_on(cp.shift_starts, d):
                empty = (
                    start > now
                    and rng.random() < (0.08 if township == GAOXING else 0.2)
                    and cp.pk != xgwest.pk
                )
                if empty:
                    continue
                shift = Shift(checkpoint=cp, start=start, end=end, division_code=cp.division_code)
                shifts.append(shift)
                crew = rng.sample(pool, 3 if cp.kind == "highway_exit" else 2)
                for i, pid in enumerate(crew):
                    members.append((shift, pid, None, i == 0, start, end))
                if cp.pk == xgwest.pk and duty and duty.person_id:
                    daytime = start.astimezone(start.tzinfo).hour == 8
                    around_today = day - dt.timedelta(days=1) <= d <= day
                    if (daytime and d >= dt.date(2020, 1, 26)) or around_today:
                        members.append((shift, duty.person_id, duty.pk, False, start, end))
                    if daytime and admin and admin.person_id and d >= dt.date(2020, 1, 26):
                        members.append((shift, admin.person_id, admin.pk, True, start, end))
            d += dt.timedelta(days=1)
    Shift.objects.bulk_create(shifts, batch_size=2000)
    rows, seen = [], set()
    for shift, pid, user_id, leader, start, end in members:
        if (shift.pk, pid) in seen:
            continue
        seen.add((shift.pk, pid))
        served = end <= now
        rows.append(
            ShiftAssignment(
                shift=shift,
                person_id=pid,
                user_id=user_id,
                is_leader=leader,
                checked_in_at=start - dt.timedelta(minutes=rng.randint(2, 20)) if start <= now else None,
                checked_out_at=end + dt.timedelta(minutes=rng.randint(0, 15)) if served else None,
                division_code=shift.division_code,
            )
        )
    # Leaders: the admin leads the shifts they are on; otherwise the first drawn member.
    led = {r.shift.pk for r in rows if r.is_leader and r.user_id}
    for r in rows:
        if r.is_leader and not r.user_id and r.shift.pk in led:
            r.is_leader = False
    ShiftAssignment.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _daily_counts(ctx, checkpoints, xgwest) -> dict[tuple[int, dt.date], int]:
    rng = ctx.rng
    counts = {}
    days = (ctx.day - START).days + 1
    # Tests seed a small county (fewer members): other checkpoints get proportionally less traffic;
    # 兴国西出口 keeps its story.
    scale = min(1.0, ctx.members / 20_400)
    for i in range(days):
        d = START + dt.timedelta(days=i)
        # The returning wave peaks around 01-28, then lockdown thins the traffic.
        wave = max(0.25, 1.0 - abs((d - BUSIEST).days) * 0.07) if d >= BUSIEST else 0.55 + 0.1 * i
        for cp in checkpoints:
            if cp.pk == xgwest.pk:
                n = (
                    156
                    if d == BUSIEST
                    else int(min(138, int(140 * wave + rng.randint(-12, 8))) * max(scale, 0.15))
                )
            elif cp.kind == "highway_exit":
                n = int(40 * wave)
            elif cp.kind == "persuasion_point":
                n = rng.randint(0, 2) if rng.random() < scale else 0
            else:
                top = 4 if cp.division_code.startswith(GAOXING) else 3
                n = max(0, int(rng.randint(0, top) * wave)) if rng.random() < scale else 0
            if n > 0:
                counts[(cp.pk, d)] = n
    return counts


def _registrations(ctx, checkpoints, xgwest, tz):
    from frontline.accounts.models import User

    rng = ctx.rng
    synth = ctx.synth
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["xgwest_duty", "gaoxing_admin", "junchun_admin", "county_admin"]
        )
    }
    handlers = {"360732104": users.get("gaoxing_admin"), "360732209": users.get("junchun_admin")}
    village_codes = list(Division.objects.filter(level="village").values_list("code", flat=True))
    locals_ = list(Person.objects.filter(is_synthetic=True).values_list("id", flat=True)[:6000])
    weights = [w for *_, w in ORIGINS]
    counts = _daily_counts(ctx, checkpoints, xgwest)
    cps = {c.pk: c for c in checkpoints}
    regs, occ_specs, traveller_rows = [], [], []
    for (cp_id, d), n in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        cp = cps[cp_id]
        last_hour = 8 if d == ctx.day else 24
        for k in range(n):
            prefix, origin, region, _w = rng.choices(ORIGINS, weights)[0]
            hour = rng.choices(range(last_hour), [1 if h < 6 or h > 22 else 4 for h in range(last_hour)])[0]
            at = dt.datetime.combine(d, dt.time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=tz)
            plate = _plate(rng, prefix)
            inbound = rng.random() < 0.75
            origin_code = origin or rng.choice(village_codes)
            here = cp.division_code
            reg = Registration(
                client_uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                checkpoint=cp,
                plate=plate,
                plate_province=PROVINCES[plate[0]][0],
                vehicle_type=rng.choices(["car", "bus", "truck", "other"], [82, 4, 10, 4])[0],
                direction="in" if inbound else "out",
                origin_code=origin_code if inbound else here,
                origin_text="" if inbound else "",
                destination_code=here if inbound else origin_code,
                destination_text=rng.choice(["", "", "返乡", "探亲", "运送物资"]) if inbound else "",
                registered_at=at,
                registered_by=users.get("xgwest_duty")
                if cp.pk == xgwest.pk and 8 <= hour < 20
                else handlers.get(cp.division_code[:9]),
                division_code=here,
            )
            regs.append(reg)
            people = rng.choices([1, 2, 3, 4, 5], [36, 32, 18, 10, 4])[0]
            if reg.vehicle_type == "bus":
                people = rng.randint(6, 12)
            specs = []
            for pos in range(people):
                t = Decimal(str(round(rng.uniform(36.0, 37.1), 1)))
                # A few fevers: at random, and every fourth day at 兴国西出口 for the story.
                if rng.random() < 0.0022 or (cp.pk == xgwest.pk and k == 7 and pos == 0 and d.day % 4 == 0):
                    t = Decimal(str(round(rng.uniform(37.3, 38.6), 1)))
                if region == "360732" and rng.random() < 0.75 and locals_:
                    specs.append({"person_id": rng.choice(locals_), "name": None, "t": t, "pos": pos})
                else:
                    birth = synth.birth_date(1950, 2015)
                    first17 = f"{region}{birth:%Y%m%d}{rng.randrange(1000):03d}"
                    value = first17 + id_check_digit(first17)
                    row = PersonRow(
                        name=synth.name(),
                        division_code=here,
                        id_value=value,
                        birth_date=birth,
                        gender="M" if int(value[16]) % 2 else "F",
                    )
                    traveller_rows.append(row)
                    specs.append({"hash": id_hash(value), "name": row.name, "t": t, "pos": pos})
            occ_specs.append(specs)
    # Counts first, so every row is written once (no bulk_update).
    for reg, specs in zip(regs, occ_specs, strict=True):
        reg.occupant_count = len(specs)
        reg.has_fever = any(is_fever(s["t"]) for s in specs)
    Registration.objects.bulk_create(regs, batch_size=2000)
    people = people_bulk_upsert(rows=traveller_rows, synthetic=True, update_existing=False)
    local_ids = {s["person_id"] for ss in occ_specs for s in ss if "person_id" in s}
    local_names = dict(Person.objects.filter(pk__in=local_ids).values_list("id", "name"))
    occupants = []
    for reg, specs in zip(regs, occ_specs, strict=True):
        for s in specs:
            pid = s.get("person_id") or people[s["hash"]].pk
            phone = protected_phone_fields(synth.mobile()) if s["pos"] == 0 else {}
            occupants.append(
                Occupant(
                    registration=reg,
                    person_id=pid,
                    position=s["pos"],
                    name=s["name"] or local_names[pid],
                    temperature=s["t"],
                    is_fever=is_fever(s["t"]),
                    division_code=reg.division_code,
                    **phone,
                )
            )
    Occupant.objects.bulk_create(occupants, batch_size=4000)
    alerts = _alerts(ctx, regs, occupants, handlers, users.get("county_admin"))
    return len(regs), len(occupants), alerts


def _plate(rng, prefix):
    if rng.random() < 0.06:
        return f"{prefix}{rng.choice('DF')}{rng.choice(LETTERS + '0123456789')}{rng.randrange(10000):04d}"
    tail = "".join(rng.choice("0123456789" if i else LETTERS + "0123456789") for i in range(5))
    return prefix + tail


def _alerts(ctx, regs, occupants, handlers, county_admin) -> int:
    rng = ctx.rng
    rows = []
    for o in occupants:
        if o.is_fever:
            rows.append(
                Alert(
                    registration=o.registration,
                    occupant=o,
                    kind=AlertKind.FEVER,
                    detail=f"{o.name} {o.temperature}°C",
                )
            )
    for r in regs:
        if r.registered_at.date() < HUBEI_FROM:
            continue
        if r.origin_code.startswith("42") and r.direction == "in":
            rows.append(Alert(registration=r, kind=AlertKind.HIGH_RISK_ORIGIN, detail="湖北"))
        if r.plate_province == "42":
            rows.append(Alert(registration=r, kind=AlertKind.HIGH_RISK_PLATE, detail=f"{r.plate} 湖北"))
    recent = timezone.make_aware(dt.datetime.combine(ctx.day - dt.timedelta(days=1), dt.time(0, 0)))
    notes = {
        AlertStatus.CLEARED: "复测体温正常，已排除",
        AlertStatus.REFERRED: "已由120转送县人民医院发热门诊",
        AlertStatus.HOME_QUARANTINE: "已通知村委会，落实居家隔离14天，“三包一”到位",
        AlertStatus.TURNED_BACK: "经劝导原路返回",
    }
    for a in rows:
        reg = a.registration
        a.raised_at = reg.registered_at
        a.division_code = reg.division_code
        if reg.registered_at >= recent and rng.random() < 0.8:
            continue  # still open
        if a.kind == AlertKind.FEVER:
            status = rng.choice([AlertStatus.REFERRED, AlertStatus.CLEARED, AlertStatus.CLEARED])
        else:
            status = rng.choice(
                [
                    AlertStatus.HOME_QUARANTINE,
                    AlertStatus.HOME_QUARANTINE,
                    AlertStatus.TURNED_BACK,
                    AlertStatus.CLEARED,
                ]
            )
        if rng.random() < 0.05:
            continue  # a few old ones were never followed up: they show in the open list
        handler = handlers.get(reg.division_code[:9]) or county_admin
        a.status = status
        a.handled_by = handler
        a.handled_at = reg.registered_at + dt.timedelta(minutes=rng.randint(20, 300))
        a.note = (
            f"[{a.handled_at.astimezone(reg.registered_at.tzinfo):%m-%d %H:%M} {handler}] {notes[status]}"
        )
    Alert.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
