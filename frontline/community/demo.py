"""Community demo: 高兴镇's 47 persuasion teams and 108 households talked out of their banquets (as
records), 园塘村's patrol team under 李良 with gongs and loudspeakers, produce sold through party members
(orders for quarantined households), the household employment
survey and jobs near home; other places plausible but modest. Bulk writes; one audit event per step
(written by seed_demo)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from frontline.community.models import (
    BANQUET_KINDS,
    EmploymentSurvey,
    Gathering,
    JobMatch,
    JobPosting,
    ListingStatus,
    OrderStatus,
    Outcome,
    PatrolLog,
    PatrolMethod,
    ProduceListing,
    ProduceOrder,
    Team,
    TeamKind,
)
from frontline.demo.context import CHANGGANG, GAOXING, YUANTANG, DemoContext
from frontline.people.models import PARTY_KINDS, Membership, Person
from frontline.regions.models import Division

GAOXING_TEAMS = 47
GAOXING_CANCELLED = 108
# Besides the 108 cancelled: banquets postponed, downsized, held anyway or still being talked about.
GAOXING_OTHER = {Outcome.POSTPONED: 17, Outcome.DOWNSIZED: 9, Outcome.HELD: 3, Outcome.PENDING: 6}
START = dt.date(2020, 1, 25)  # 正月初一: the first-level response had just begun

ROUTES = ["村主干道—新屋下—老屋场", "上屋组—下屋组—村部", "圩镇—村小—祠堂", "河背组—塘背组", "各村民小组巡回"]
PRODUCE = [
    ("赣南脐橙", "斤", "3.50", 2000),
    ("土鸡蛋", "个", "1.20", 600),
    ("红薯", "斤", "1.50", 800),
    ("土蜂蜜", "斤", "60.00", 40),
    ("腊肉", "斤", "38.00", 60),
    ("生姜", "斤", "4.00", 300),
    ("灰鹅", "只", "120.00", 25),
]


# Jobs near home (农门口就业), one row per posting, in the order of POSTING_FIELDS.
# fmt: off
POSTING_FIELDS = (
    "division_code", "employer", "title", "place", "positions",
    "pay_min_yuan", "pay_max_yuan", "pay_period", "contact_name", "posted_on",
)
POSTINGS = [
    (CHANGGANG, "长冈乡扶贫车间", "缝纫工", "长冈乡圩镇扶贫车间", 20, 2500, 3500, "month", "钟主任", dt.date(2020, 2, 10)),
    (YUANTANG, "园塘村脐橙专业合作社", "果园管护工", "园塘村脐橙基地", 8, 100, 120, "day", "李良", dt.date(2020, 2, 12)),
    (CHANGGANG, "兴国县工业园电子厂", "普工（复工返岗）", "兴国县工业园", 50, 3000, 4500, "month", "人事部", dt.date(2020, 2, 14)),
    (GAOXING, "高兴镇蔬菜基地", "种植工", "高兴镇蔬菜基地", 12, 90, 110, "day", "王站长", dt.date(2020, 2, 13)),
]
# fmt: on


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _members_by_division(prefix: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    rows = Membership.objects.filter(kind__in=PARTY_KINDS, division_code__startswith=prefix).values_list(
        "division_code", "person_id"
    )
    for code, pid in rows.order_by("person_id"):
        out.setdefault(code, []).append(pid)
    return out


def _day(ctx: DemoContext, lo: dt.date = START) -> dt.date:
    return lo + dt.timedelta(days=ctx.rng.randrange((ctx.day - lo).days + 1))


def _teams(
    ctx: DemoContext, township: str, count: int, members: dict, kind=TeamKind.PERSUASION
) -> list[Team]:
    """`count` teams over the township's villages (the township itself keeps one when there are more
    teams than villages)."""
    rng = ctx.rng
    villages = list(Division.objects.filter(parent_id=township, level="village").order_by("code"))
    names = {v.code: v.name for v in villages}
    names[township] = Division.objects.filter(code=township).values_list("name", flat=True).first() or ""
    slots = [v.code for v in villages]
    while len(slots) < count:
        slots.extend([v.code for v in villages][: count - len(slots)] or [township])
    slots = slots[:count]
    seen: dict[str, int] = {}
    teams = []
    for code in slots:
        seen[code] = seen.get(code, 0) + 1
        suffix = "" if seen[code] == 1 else f"第{'一二三四五六七八九'[seen[code] - 1]}"
        label = "宣传劝导队" if kind == TeamKind.PERSUASION else "宣传巡逻队"
        pool = members.get(code, [])
        leader = pool[rng.randrange(len(pool))] if pool else None
        teams.append(
            Team(
                kind=kind,
                name=f"{names.get(code, '')}疫情防控{suffix}{label}",
                division_code=code,
                leader_id=leader,
                formed_on=START + dt.timedelta(days=rng.randrange(0, 4)),
                notes="村“两委”干部、党员、志愿者",
            )
        )
    Team.objects.bulk_create(teams, batch_size=500)
    _link_members(ctx, teams, members)
    return teams


def _link_members(ctx: DemoContext, teams: list[Team], members: dict) -> None:
    through = Team.members.through
    links = []
    for t in teams:
        pool = members.get(t.division_code, [])
        chosen = set(ctx.rng.sample(pool, min(len(pool), ctx.rng.randint(4, 8))))
        if t.leader_id:
            chosen.add(t.leader_id)
        links.extend(through(team_id=t.pk, person_id=pid) for pid in chosen)
    through.objects.bulk_create(links, batch_size=2000)


def _gatherings(ctx: DemoContext, teams: list[Team], plan: dict[str, int], members: dict) -> list[Gathering]:
    rng, synth = ctx.rng, ctx.synth
    rows = []
    for outcome, n in plan.items():
        for i in range(n):
            team = teams[i % len(teams)]
            found = _day(ctx)
            kind = BANQUET_KINDS[rng.randrange(len(BANQUET_KINDS))]
            persuaded = outcome not in (Outcome.PENDING, Outcome.HELD)
            rows.append(
                Gathering(
                    division_code=team.division_code,
                    household_head=synth.name(),
                    address=f"{rng.choice(['新屋', '老屋', '上屋', '下屋', '塘背', '河背'])}组{rng.randint(1, 60)}号",
                    kind=kind,
                    planned_date=found + dt.timedelta(days=rng.randint(2, 20)),
                    expected_guests=rng.choice([80, 100, 120, 150, 200, 300]),
                    source=rng.choice(["found", "found", "reported"]),
                    found_on=found,
                    outcome=outcome,
                    outcome_on=None
                    if outcome == Outcome.PENDING
                    else min(ctx.day, found + dt.timedelta(days=rng.randint(0, 2))),
                    persuaded_by_id=team.leader_id if persuaded else None,
                    team=team if persuaded else None,
                )
            )
    Gathering.objects.bulk_create(rows, batch_size=1000)
    return rows


def _patrol_logs(ctx: DemoContext, team: Team, *, every: int = 1, methods=None) -> int:
    rng = ctx.rng
    logs = []
    day = team.formed_on
    i = 0
    while day <= ctx.day:
        chosen = methods[i % len(methods)] if methods else [rng.choice(PatrolMethod.values[:5])]
        logs.append(
            PatrolLog(
                team=team,
                division_code=team.division_code,
                date=day,
                route=rng.choice(ROUTES),
                methods=chosen,
                households_reached=rng.randint(30, 140),
                logged_by_id=team.leader_id,
                notes="",
            )
        )
        day += dt.timedelta(days=every)
        i += 1
    PatrolLog.objects.bulk_create(logs, batch_size=1000)
    return len(logs)


def seed(ctx: DemoContext) -> dict:
    rng = ctx.rng
    out = {}
    # 高兴镇: 47 persuasion teams, 108 banquets cancelled after persuasion.
    gx_members = _members_by_division(GAOXING)
    gx_teams = _teams(ctx, GAOXING, GAOXING_TEAMS, gx_members)
    _gatherings(ctx, gx_teams, {Outcome.CANCELLED: GAOXING_CANCELLED, **GAOXING_OTHER}, gx_members)
    patrols = sum(_patrol_logs(ctx, t, every=rng.randint(3, 5)) for t in gx_teams[:10])

    # Other townships: a few teams each and a handful of gatherings; 长冈乡 apart (园塘村 below).
    others = list(
        Division.objects.filter(level="township")
        .exclude(code__in=[GAOXING])
        .order_by("code")
        .values_list("code", flat=True)
    )
    all_members = _members_by_division("360732")
    for code in others:
        teams = _teams(ctx, code, rng.randint(2, 5), all_members)
        if teams:
            _gatherings(
                ctx,
                teams,
                {
                    Outcome.CANCELLED: rng.randint(1, 8),
                    Outcome.POSTPONED: rng.randint(0, 3),
                    Outcome.PENDING: rng.randint(0, 2),
                },
                all_members,
            )
            patrols += sum(_patrol_logs(ctx, t, every=7) for t in teams[:1])

    # 园塘村: the patrol team of first secretary 李良 (铜锣顺口溜, 土味小喇叭).
    li = Person.objects.filter(name="李良", division_code=YUANTANG, id_hash=None).first()
    yt_members = all_members.get(YUANTANG, [])
    patrol = Team.objects.create(
        kind=TeamKind.PATROL,
        name="园塘村疫情防控宣传巡逻队",
        division_code=YUANTANG,
        leader=li,
        formed_on=dt.date(2020, 1, 26),
        notes="村“两委”干部、“三类小组长”、入党积极分子和志愿服务队",
    )
    crew = set(yt_members[:8]) | ({li.pk} if li else set())
    extra = Membership.objects.filter(division_code=YUANTANG, kind__in=["activist", "volunteer"]).values_list(
        "person_id", flat=True
    )[:4]
    patrol.members.set(list(crew | set(extra)))
    patrols += _patrol_logs(
        ctx,
        patrol,
        methods=[
            [PatrolMethod.GONG, PatrolMethod.LOUDSPEAKER],
            [PatrolMethod.LOUDSPEAKER],
            [PatrolMethod.GONG, PatrolMethod.DOOR],
        ],
    )
    _gatherings(ctx, [patrol], {Outcome.CANCELLED: 4, Outcome.POSTPONED: 2, Outcome.PENDING: 2}, all_members)
    out["teams"] = Team.objects.count()
    out["patrol_logs"] = patrols
    out["gatherings"] = Gathering.objects.count()
    out.update(_produce(ctx, li, yt_members))
    out.update(_jobs(ctx, li, yt_members))
    return out


def _produce(ctx: DemoContext, li, members: list[int]) -> dict:
    rng, synth = ctx.rng, ctx.synth
    listings = []
    for product, unit, price, qty in PRODUCE:
        listings.append(
            ProduceListing(
                division_code=YUANTANG,
                household_head=synth.name(),
                address=f"园塘村{rng.choice(['新屋', '老屋', '上屋', '下屋'])}组",
                product=product,
                quantity=Decimal(qty),
                unit=unit,
                price_fen=int(Decimal(price) * 100),
                listed_on=dt.date(2020, 2, 1) + dt.timedelta(days=rng.randrange(10)),
                notes="疫情期间滞销，党员代购直销",
            )
        )
    ProduceListing.objects.bulk_create(listings)
    handlers = [li.pk] if li else []
    handlers += members[:3]
    orders = []
    for listing in listings:
        for _ in range(rng.randint(2, 4)):
            q = Decimal(rng.choice([5, 10, 20, 30])) if listing.unit != "只" else Decimal(rng.randint(1, 3))
            q = min(q, listing.quantity)
            amount = int(q * listing.price_fen)
            delivered = rng.random() < 0.7
            ordered = _aware(listing.listed_on + dt.timedelta(days=rng.randint(0, 6)), rng.randint(8, 18))
            ordered = min(ordered, _aware(ctx.day, 9))
            delivered_at = (
                min(ordered + dt.timedelta(hours=rng.randint(3, 30)), _aware(ctx.day, 17))
                if delivered
                else None
            )
            orders.append(
                ProduceOrder(
                    division_code=YUANTANG,
                    listing=listing,
                    buyer_name=synth.name(),
                    buyer_address=rng.choice(["潋江镇", "兴国县城", "赣州市章贡区", "长冈乡圩镇"]),
                    items=f"{listing.product} {q.normalize():f}{listing.unit}",
                    quantity=q,
                    amount_fen=amount,
                    handler_id=rng.choice(handlers) if handlers else None,
                    status=OrderStatus.DELIVERED if delivered else OrderStatus.OPEN,
                    ordered_at=ordered,
                    delivered_at=delivered_at,
                    received_fen=amount if delivered else 0,
                    received_at=delivered_at,
                )
            )
    ProduceOrder.objects.bulk_create(orders)
    sold = sum(1 for o in orders if o.status == OrderStatus.DELIVERED)
    # One listing sold out, one withdrawn: what a real list looks like after three weeks.
    ProduceListing.objects.filter(pk=listings[-1].pk).update(status=ListingStatus.SOLD_OUT)
    quarantine_orders = _quarantine_orders(ctx)
    return {
        "produce_listings": len(listings),
        "produce_orders": len(orders) + quarantine_orders,
        "delivered": sold,
        "quarantine_orders": quarantine_orders,
    }


def _quarantine_orders(ctx: DemoContext) -> int:
    """Two proxy purchases for households under home quarantine in 园塘村, through the service (so they
    appear among the quarantines' living-support requests)."""
    from frontline.community.services import produce_order_create
    from frontline.quarantine.models import Quarantine

    actor = ctx.user("yuantang_secretary")
    open_q = list(
        Quarantine.objects.filter(division_code__startswith=YUANTANG, status__in=["active", "extended"])
        .select_related("person")
        .order_by("id")[:2]
    )
    items = ["大米10斤、食用油1桶、青菜", "脐橙5斤、鸡蛋30个、感冒药"]
    for q, text in zip(open_q, items, strict=False):
        produce_order_create(
            actor=actor,
            buyer_name=q.person.name,
            buyer_address=q.address or "园塘村",
            items=text,
            amount_yuan="68.50",
            handler=actor.person_id,
            quarantine_id=q.pk,
            notes="居家隔离户生活保障，党员代购",
        )
    return len(open_q)


def _jobs(ctx: DemoContext, li, members: list[int]) -> dict:
    rng = ctx.rng
    until = ctx.day + dt.timedelta(days=45)
    postings = [
        JobPosting(**dict(zip(POSTING_FIELDS, row, strict=True)), valid_until=until) for row in POSTINGS
    ]
    JobPosting.objects.bulk_create(postings)
    # Survey 40 households of 园塘村; people back home looking for work are matched to the postings.
    seekers = list(
        Person.objects.filter(division_code=YUANTANG, is_synthetic=True)
        .exclude(pk__in=members[:8])
        .order_by("-id")[:12]
    )
    surveys = []
    for i in range(40):
        person = seekers[i] if i < len(seekers) else None
        n = rng.randint(2, 6)
        away = rng.randint(0, n - 1)
        seeking = min(n - away, rng.randint(0, 2))
        farming = min(n - away - seeking, rng.randint(0, 2))
        business = 1 if n - away - seeking - farming > 0 and rng.random() < 0.15 else 0
        surveys.append(
            EmploymentSurvey(
                division_code=YUANTANG,
                household_head=person.name if person else ctx.synth.name(),
                person=person,
                address=(person.address if person else "")
                or f"园塘村{rng.choice(['新屋', '老屋', '上屋', '下屋'])}组",
                surveyed_on=dt.date(2020, 2, 3) + dt.timedelta(days=i % 12),
                members_surveyed=n,
                working_away=away,
                seeking_work=seeking,
                farming=farming,
                business=business,
                other=n - away - seeking - farming - business,
                surveyed_by_id=li.pk if li else None,
            )
        )
    EmploymentSurvey.objects.bulk_create(surveys)
    matches = []
    statuses = ["hired", "hired", "hired", "introduced", "declined", "hired", "introduced", "hired"]
    for i, person in enumerate(seekers[:8]):
        status = statuses[i]
        introduced = dt.date(2020, 2, 14) + dt.timedelta(days=i % 5)
        matches.append(
            JobMatch(
                posting=postings[i % 3],
                person=person,
                division_code=person.division_code,
                status=status,
                introduced_on=introduced,
                decided_on=None
                if status == "introduced"
                else min(ctx.day, introduced + dt.timedelta(days=2)),
            )
        )
    JobMatch.objects.bulk_create(matches)
    return {"surveys": len(surveys), "job_postings": len(postings), "job_matches": len(matches)}
