"""Demo: the ten prohibitions (two versions), acknowledgements, pledges, deeds, assessments, negative
entries with one closed accountability case, and commando teams holding every organization cadre."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from frontline.audit.services import audit_record
from frontline.discipline import services
from frontline.discipline.models import (
    Acknowledgement,
    Assessment,
    CommandoTeam,
    Deed,
    EntryCategory,
    Pledge,
    PledgeItem,
    Rating,
    RuleSet,
    TaskKind,
    TeamMember,
    TeamTask,
)
from frontline.discipline.pledges import CAMPAIGN
from frontline.people.models import PARTY_KINDS, Cadre, CadreKind, Membership, Organization

# Demo text. The report names the county's 《组工干部疫情防控“十严禁”规定》 but does not list the rules;
# these ten are written in its spirit so the demo reads true. A county enters its own as a new version.
TEN_PROHIBITIONS = [
    "严禁对党委政府疫情防控决策部署态度不坚决、执行不到位、搞变通打折扣",
    "严禁在疫情防控工作中推诿扯皮、敷衍塞责、不作为慢作为",
    "严禁未经批准擅离职守、无故脱岗，或在防控一线临阵退缩",
    "严禁瞒报、漏报、迟报疫情信息和干部参加防控工作情况",
    "严禁编造、传播涉疫谣言和不实信息，或在网络上发表不当言论",
    "严禁在干部力量调配、突击队编组中优亲厚友、搞照顾",
    "严禁借疫情防控之机吃拿卡要、优亲厚友或违规收受礼品礼金",
    "严禁违规举办或参加聚餐、宴席等聚集性活动",
    "严禁截留、挪用、虚报防控物资和党费慰问资金",
    "严禁泄露返乡人员、隔离人员等群众个人信息",
]
# The first draft, kept as a retired version: nine rules, without the personal-data rule.
FIRST_DRAFT = TEN_PROHIBITIONS[:9]

DAY0 = dt.date(2020, 1, 27)  # 大年初三: the department's response began


# The deeds the report tells of: who, pledge item, what, day, where, confirmed by, hour.
# fmt: off
NAMED_DEEDS = [
    ("王姝", PledgeItem.POST, "正月初二凌晨5:30从遂川出发重返岗位", dt.date(2020, 1, 26), "高兴镇", "高兴镇党委", 5),
    ("王姝", PledgeItem.POST, "泉南高速兴国西出口哨卡值守，逐车登记150多车次", dt.date(2020, 1, 28), "泉南高速兴国西出口", "高兴镇党委", 9),
    ("王姝", PledgeItem.ORDER, "组织宣传劝导队劝说取消酒席108户", dt.date(2020, 2, 2), "高兴镇", "高兴镇党委", 9),
    ("温存燕", PledgeItem.OBEY, "主动延迟婚礼，迅速返回工作岗位", dt.date(2020, 1, 27), "均村乡", "均村乡党委", 9),
    ("李良", PledgeItem.STUDY, "组建宣传巡逻队，以“铜锣顺口溜”“土味小喇叭”宣传防疫知识", dt.date(2020, 1, 29), "长冈乡园塘村", "园塘村党支部", 9),
    ("李良", PledgeItem.VOLUNTEER, "通过“党员代购”直销农户滞销农产品", dt.date(2020, 2, 12), "长冈乡园塘村", "", 9),
]
# fmt: on


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed(ctx) -> dict:
    admin = ctx.user("county_admin")
    inspector = ctx.user("county_discipline")
    rng = ctx.rng
    # -- 十严禁: two versions, the second in force --------------------------------------------
    v1 = services.ruleset_publish(
        actor=admin, title="组工干部疫情防控“十严禁”规定（试行）", rules=FIRST_DRAFT, issued_on=DAY0
    )
    v2 = services.ruleset_publish(
        actor=admin,
        title="组工干部疫情防控“十严禁”规定",
        rules=TEN_PROHIBITIONS,
        issued_on=DAY0 + dt.timedelta(days=2),
        note="增加第十条：严禁泄露群众个人信息。",
    )
    org_cadres = list(Cadre.objects.filter(kind=CadreKind.ORG_CADRE).select_related("person").order_by("id"))
    # Most but not all acknowledged the version in force (every 9th has not yet).
    acks = [
        Acknowledgement(
            ruleset=v2,
            cadre=c,
            acknowledged_at=_at(DAY0 + dt.timedelta(days=2 + i % 4), 8 + i % 10),
            recorded_by=admin,
            division_code=c.division_code,
        )
        for i, c in enumerate(org_cadres)
        if i % 9 != 5
    ]
    acks += [
        Acknowledgement(
            ruleset=v1, cadre=c, acknowledged_at=_at(DAY0), recorded_by=admin, division_code=c.division_code
        )
        for c in org_cadres[:20]
    ]
    Acknowledgement.objects.bulk_create(acks)

    # -- 十带头 pledges: every party member at the branch meeting of 28 Jan -------------------------
    members = list(
        Membership.objects.filter(kind__in=PARTY_KINDS)
        .values_list("person_id", "person__division_code")
        .distinct()
    )
    seen = set()
    pledges = []
    for person_id, division in members:
        if person_id in seen:
            continue
        seen.add(person_id)
        pledges.append(
            Pledge(person_id=person_id, pledged_on=DAY0 + dt.timedelta(days=1), division_code=division)
        )
    Pledge.objects.bulk_create(pledges, batch_size=2000)

    # -- deeds by hand: the report's three, then a sample across items --------------------------
    named = {
        c.person.name: c.person
        for c in Cadre.objects.filter(person__name__in=["王姝", "温存燕", "李良"]).select_related("person")
    }
    deeds = []

    def deed(person, item, what, day, place, confirmed="", hour=9):
        deeds.append(
            Deed(
                person=person,
                item=item,
                what=what,
                happened_at=_at(day, hour),
                place=place,
                confirmed_by=confirmed,
                confirmed_at=_at(day, 20) if confirmed else None,
                source_kind="manual",
                created_by=admin,
                division_code=person.division_code,
            )
        )

    for name, item, what, day, place, confirmed, hour in NAMED_DEEDS:
        if name in named:
            deed(named[name], item, what, day, place, confirmed, hour)
    samples = {
        PledgeItem.OBEY: "服从村党支部安排，到卡点轮班",
        PledgeItem.POLICY: "入户宣讲居家隔离政策",
        PledgeItem.POST: "春节期间坚守卡点值守",
        PledgeItem.STUDY: "在村微信群转发防控知识",
        PledgeItem.RUMOURS: "在群里澄清“喝高度酒防病毒”谣言",
        PledgeItem.VOLUNTEER: "为居家隔离户代购生活物资",
        PledgeItem.PROTECTION: "带头戴口罩、勤洗手，劝导家人做好防护",
        PledgeItem.HEALTH: "取消走亲访友，居家健康生活",
        PledgeItem.ORDER: "劝导村民取消聚集打牌",
        PledgeItem.DISCIPLINE: "严格执行村卡点登记制度",
    }
    items = list(samples)
    sample_people = [pid for pid in list(seen)[:: max(1, len(seen) // 600)]][:600]
    divisions = dict((pid, div) for pid, div in members)
    for i, pid in enumerate(sample_people):
        item = items[i % len(items)]
        day = DAY0 + dt.timedelta(days=rng.randrange(0, 23))
        deeds.append(
            Deed(
                person_id=pid,
                item=item,
                what=samples[item],
                happened_at=_at(day, 8 + i % 12),
                place="",
                confirmed_by="村党支部" if i % 3 else "",
                confirmed_at=_at(day, 20) if i % 3 else None,
                source_kind="manual",
                created_by=admin,
                division_code=divisions[pid],
            )
        )
    Deed.objects.bulk_create(deeds, batch_size=1000)

    # -- 党性体检: members of 长冈乡 assessed by their branches ------------------------------------
    branch_of = dict(
        Membership.objects.filter(
            kind__in=PARTY_KINDS, division_code__startswith="360732217", organization__kind="village_branch"
        ).values_list("person_id", "organization_id")
    )
    ratings = [Rating.EXCELLENT, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.BASIC]
    assessments = [
        Assessment(
            person_id=pid,
            branch_id=org_id,
            campaign=CAMPAIGN,
            rating=ratings[i % len(ratings)],
            comments=""
            if ratings[i % len(ratings)] in (Rating.EXCELLENT, Rating.GOOD)
            else "参加值守次数偏少，需加强",
            assessed_by=admin,
            assessed_at=_at(ctx.day - dt.timedelta(days=1), 15),
            division_code=divisions.get(pid, "360732217"),
        )
        for i, (pid, org_id) in enumerate(list(branch_of.items())[:200])
    ]
    Assessment.objects.bulk_create(assessments)

    # -- 负面清单 and one closed accountability case -----------------------------------------------
    township_cadres = [c for c in org_cadres if len(c.division_code) == 9 and c.person.name not in named]
    picks = township_cadres[1::8][:6]
    rules = list(v2.rules.all())
    entries = []
    texts = [
        (EntryCategory.INACTION, "村卡点值守排班表未按时上报，经两次催办仍未落实"),
        (EntryCategory.BUCK_PASSING, "对返乡人员摸排名单核对工作互相推诿，延误半天"),
        (EntryCategory.NOT_FIRM, "未按要求落实劝返点24小时值守，夜间无人在岗"),
        (EntryCategory.RULE, "在亲属宴席问题上未带头劝阻，参加聚集性聚餐"),
        (EntryCategory.INACTION, "居家隔离人员生活保障需求反映后两天未处理"),
        (EntryCategory.OTHER, "防控工作台账填报不实，数据前后矛盾"),
    ]
    for cadre, (category, facts) in zip(picks, texts, strict=False):
        entries.append(
            services.negative_entry_create(
                actor=inspector,
                cadre=cadre,
                category=category,
                facts=facts,
                occurred_on=ctx.day - dt.timedelta(days=rng.randrange(3, 18)),
                rule=rules[7] if category == EntryCategory.RULE else None,
            )
        )
    if len(entries) >= 4:
        services.negative_entry_review(actor=inspector, entry=entries[0], status="under_review")
        services.negative_entry_review(
            actor=inspector, entry=entries[0], status="confirmed", note="经核实属实"
        )
        case = services.case_open(actor=inspector, entry=entries[0])
        services.case_decide(
            actor=inspector,
            case=case,
            outcome="talk",
            decision="由乡党委书记进行谈话提醒，限期整改",
            decided_by="县委组织部部务会",
            decided_on=ctx.day - dt.timedelta(days=5),
        )
        services.case_close(actor=inspector, case=case, note="已谈话提醒，排班表已按时上报")
        services.negative_entry_review(actor=inspector, entry=entries[1], status="under_review")
        services.negative_entry_review(actor=inspector, entry=entries[2], status="under_review")
        services.negative_entry_review(actor=inspector, entry=entries[2], status="confirmed", note="属实")
        services.case_open(actor=inspector, entry=entries[2])
        services.negative_entry_review(
            actor=inspector, entry=entries[3], status="dismissed", note="经核实系家庭内部用餐，不属聚集性活动"
        )

    # -- 党员突击队: every organization cadre in one -----------------------------------------------
    dept = Organization.objects.get(kind="org_department", division_code="360732")
    committees = {o.division_code: o for o in Organization.objects.filter(kind="township_committee")}
    teams = [
        CommandoTeam(
            name=f"县委组织部党员突击队第{n}队", organization=dept, formed_on=DAY0, division_code="360732"
        )
        for n in ("一", "二", "三")
    ]
    teams += [
        CommandoTeam(
            name=f"{o.name.removeprefix('中共').removesuffix('委员会')}党员突击队",
            organization=o,
            formed_on=DAY0 + dt.timedelta(days=1),
            division_code=code,
        )
        for code, o in sorted(committees.items())
    ]
    CommandoTeam.objects.bulk_create(teams)
    teams = list(CommandoTeam.objects.order_by("id"))
    by_division = {t.division_code: t for t in teams if t.division_code != "360732"}
    dept_teams = [t for t in teams if t.division_code == "360732"]
    team_members = []
    leaders = {}
    dept_i = 0
    for c in org_cadres:
        if c.division_code in by_division:
            team = by_division[c.division_code]
        elif c.division_code.startswith("360732") and len(c.division_code) == 6:
            team = dept_teams[dept_i % len(dept_teams)]
            dept_i += 1
        else:
            team = by_division.get(c.division_code[:9], dept_teams[0])
        team_members.append(
            TeamMember(team=team, person=c.person, joined_on=team.formed_on, division_code=team.division_code)
        )
        leaders.setdefault(team.pk, c.person_id)
    TeamMember.objects.bulk_create(team_members, ignore_conflicts=True)
    for t in teams:
        t.leader_id = leaders.get(t.pk)
    CommandoTeam.objects.bulk_update(teams, ["leader"])
    tasks = []
    task_titles = {
        TaskKind.SCREENING: "返乡人员摸排",
        TaskKind.PERSUASION: "劝返点值守",
        TaskKind.SUPPORT: "居家隔离人员生活保障",
    }
    for t in teams:
        for kind, title in task_titles.items():
            tasks.append(
                TeamTask(
                    team=t,
                    kind=kind,
                    title=title,
                    area_code=t.division_code,
                    starts_on=t.formed_on,
                    division_code=t.division_code,
                )
            )
    TeamTask.objects.bulk_create(tasks)
    audit_record(
        actor=admin,
        action="bulk_create",
        object_type="discipline.demo",
        division_code="360732",
        count=len(pledges) + len(deeds) + len(team_members),
        detail={"pledges": len(pledges), "deeds": len(deeds), "team_members": len(team_members)},
    )
    missing = (
        Cadre.objects.filter(kind=CadreKind.ORG_CADRE).exclude(person__team_memberships__isnull=False).count()
    )
    assert missing == 0, f"{missing} organization cadres are in no commando team"
    return {
        "rulesets": RuleSet.objects.count(),
        "acknowledgements": len(acks),
        "pledges": len(pledges),
        "deeds": len(deeds),
        "assessments": len(assessments),
        "negative_entries": len(entries),
        "teams": len(teams),
        "team_members": len(team_members),
    }
