"""Demo: the county's 疫情防控 column from 大年初三 (2020-01-27) to 2020-02-19, one post a day, the
three typical deeds the report tells (summarized in our own words), what went upward, and two report
templates. Written in bulk; audit events per step are written by seed_demo."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from frontline.demo.context import COUNTY, GAOXING, JUNCUN, YUANTANG
from frontline.people.models import Person
from frontline.publicity.models import ColumnPost, Deed, DeedRecord, ReportTemplate, Submission

FIRST_DAY = dt.date(2020, 1, 27)

# (title, body): short summaries by theme, one per day.
POSTS = [
    (
        "县委组织部成立疫情防控党建引领工作领导小组",
        "一级响应启动后，县委组织部成立党建引领工作领导小组，下设干部力量保障、党建引领指导、情况信息调研、总结宣传报道四个工作组，分头落实。",
    ),
    (
        "组工干部疫情防控“十严禁”印发",
        "部机关印发组工干部疫情防控“十严禁”规定，明确行动禁区，全县组工干部对照执行。",
    ),
    (
        "“负面清单”管起来：不作为慢作为要记账",
        "对执行部署不坚决、推诿扯皮、不作为慢作为的，记入组工干部个人负面清单并追责问责。",
    ),
    (
        "泉南高速兴国西出口：两班倒守住入县第一道门",
        "哨卡实行两班倒、每班12小时，逐车询问、逐车登记、逐人测温。",
    ),
    ("高兴镇设立联防联控哨卡47个", "高兴镇党委组织村“两委”干部和党员设卡值守，全镇哨卡织成网。"),
    ("部领导分片包乡督导到村", "部领导带队，机关干部分片包乡，跟踪督导基层党组织防控工作并及时反馈。"),
    (
        "全县党员开展疫情防控“十带头”",
        "把疫情防控当作一次党性体检，党员干部带头服从大局、坚守岗位、抵制谣言、严守纪律。",
    ),
    (
        "组工干部全员编入党员突击队",
        "全县组工干部加入党员突击队，参加返乡人员摸排、劝返点值守和居家隔离人员生活保障。",
    ),
    (
        "园塘村：第一书记回村第一时间组队",
        "驻村第一书记和支部书记一起，统筹村“两委”、三类小组长、积极分子和志愿者组建宣传巡逻队。",
    ),
    ("铜锣顺口溜、土味小喇叭：防疫宣传进村入户", "巡逻队用群众听得懂的方式讲防护知识，提醒不串门、不聚集。"),
    ("“三包一”落实到户：居家隔离有人管", "干部、村医、民警三人包一户，体温每日报，生活有人送。"),
    ("高兴镇劝说取消酒席108户", "宣传劝导队逐户上门，说明聚集风险，群众主动取消婚宴寿宴。"),
    ("返乡人员摸排：不漏一户不漏一人", "各村以网格为单位摸排返乡人员来源地、返乡时间和健康状况。"),
    ("网格化管理：每个网格都有人负责", "网格长带领党员守格、巡格，异常情况第一时间上报。"),
    ("党员代购：滞销农产品有了销路", "党员代购生活物资，同时帮农户直销滞销农产品。"),
    ("“农门口”就业信息送到家", "摸排群众生产就业情况，推送就近务工信息。"),
    (
        "37.1万元党费慰问一线医务人员和基层党员",
        "县委组织部下拨党费，慰问战斗在防控一线的医务工作者和基层党员干部。",
    ),
    ("走访慰问援鄂医务人员家属", "组织部门上门走访援鄂医务人员家属，帮助解决实际困难。"),
    ("一线考察识别干部：战场也是考场", "在防控一线近距离考察、识别、评价干部，表现突出的优先使用。"),
    ("关心关爱一线人才若干措施出台", "医疗卫生专业技术人才表现突出的，在职称晋升、评优评先中优先考虑。"),
    ("均村乡：组织干事推迟婚礼返岗", "均村乡党委组织干事推迟婚礼，第一时间回到防控岗位。"),
    ("高兴镇组织委员：正月初二凌晨赶回岗位", "家在外县的组织委员正月初二清晨出发返岗，坚守高速出口哨卡。"),
    ("防控一线党旗红：各乡镇好做法汇编", "汇总各乡镇党组织发挥战斗堡垒作用的做法，供互学互鉴。"),
    ("发挥组织优势 打赢疫情防控阻击战", "回顾近一个月来全县组织系统党建引领疫情防控的主要做法和成效。"),
]

DEEDS = [
    (
        "李良",
        YUANTANG,
        "驻村第一书记李良：把防控宣传唱进村民心里",
        "疫情发生后李良第一时间回到园塘村，与村支书一道组建宣传巡逻队，用铜锣和小喇叭宣传防护；"
        "落实“三包一”，加强网格管理；摸排生产就业，通过党员代购帮农户卖出滞销产品。",
        dt.date(2020, 1, 28),
    ),
    (
        "王姝",
        GAOXING,
        "高兴镇组织委员王姝：高速出口哨卡上的“哑嗓子”",
        "大年三十才到家，正月初二一早出发返岗。组织全镇设卡、组队劝导，自己坚守泉南高速兴国西出口，"
        "两班倒逐车登记测温，车流最多的一天登记一百五十多车次。",
        dt.date(2020, 1, 28),
    ),
    (
        "温存燕",
        JUNCUN,
        "均村乡组织干事温存燕：推迟婚礼 奔赴一线",
        "原定的婚礼主动推迟，她迅速回到工作岗位，投身疫情防控一线。",
        dt.date(2020, 1, 29),
    ),
]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed(ctx) -> dict:
    author = ctx.user("county_publicity")
    editor = ctx.user("county_admin")
    posts = []
    for i, (title, body) in enumerate(POSTS):
        day = FIRST_DAY + dt.timedelta(days=i)
        if day > ctx.day:
            break
        posts.append(
            ColumnPost(
                division_code=COUNTY,
                title=title,
                body=body,
                status="published",
                author=author,
                editor=editor,
                publish_date=day,
                submitted_at=_at(day, 9),
                published_at=_at(day, 18, 30),
            )
        )
    # A draft for tomorrow and one sent back, so the review queue is not empty in the demo.
    posts.append(
        ColumnPost(
            division_code=COUNTY,
            title="复工复产中的党员先锋岗",
            body="各地党组织在企业复工复产中设立党员先锋岗（草稿）。",
            author=author,
            status="in_review",
            submitted_at=_at(ctx.day, 10),
        )
    )
    ColumnPost.objects.bulk_create(posts)
    by_day = {p.publish_date: p for p in ColumnPost.objects.filter(status="published", division_code=COUNTY)}

    deeds = []
    for name, division, title, story, day in DEEDS:
        person = Person.objects.filter(name=name, division_code=division).first()
        deed = Deed.objects.create(
            division_code=division,
            title=title,
            story=story,
            status="submitted",
            occurred_on=day,
            nominated_by=author,
            nominated_at=_at(day + dt.timedelta(days=1), 11),
            reviewed_by=editor,
            reviewed_at=_at(day + dt.timedelta(days=2), 16),
            published_at=_at(day + dt.timedelta(days=2), 18),
        )
        if person is not None:
            deed.people.add(person)
            cadre = getattr(person, "cadre", None)
            if cadre is not None:
                # The record that shows who they are at the front line: their cadre post.
                DeedRecord.objects.create(
                    deed=deed,
                    content_type=ContentType.objects.get_for_model(cadre),
                    object_id=cadre.pk,
                    label=f"{cadre.get_kind_display()}：{cadre.position}",
                )
        deeds.append(deed)

    subs = [
        Submission(
            division_code=COUNTY,
            deed=deeds[0],
            level="city_org",
            recipient="赣州市委组织部",
            sent_at=_at(dt.date(2020, 1, 31), 10),
            sent_by=author,
            status="published",
            status_at=_at(dt.date(2020, 2, 2), 9),
            feedback="已在市委组织部公众号刊发",
        ),
        Submission(
            division_code=COUNTY,
            deed=deeds[1],
            level="province_org",
            recipient="江西省委组织部",
            sent_at=_at(dt.date(2020, 1, 31), 10, 30),
            sent_by=author,
            status="accepted",
            status_at=_at(dt.date(2020, 2, 3), 15),
            feedback="已采用，编入全省组织系统抗疫信息",
        ),
        Submission(
            division_code=COUNTY,
            deed=deeds[2],
            level="city_org",
            recipient="赣州市委组织部",
            sent_at=_at(dt.date(2020, 2, 1), 9),
            sent_by=author,
            status="returned",
            status_at=_at(dt.date(2020, 2, 2), 17),
            feedback="请补充现场照片和本人事迹细节后再报",
        ),
        Submission(
            division_code=COUNTY,
            post=by_day[dt.date(2020, 2, 19)],
            level="people_daily",
            recipient="人民网·中国共产党新闻网",
            sent_at=_at(dt.date(2020, 2, 19), 11),
            sent_by=author,
            status="published",
            status_at=_at(dt.date(2020, 2, 19), 15, 24),
            feedback="人民网-中国共产党新闻网刊发",
        ),
        Submission(
            division_code=COUNTY,
            post=by_day[dt.date(2020, 1, 30)],
            level="city_org",
            recipient="赣州市委组织部",
            sent_at=_at(dt.date(2020, 1, 30), 20),
            sent_by=author,
            status="sent",
        ),
    ]
    Submission.objects.bulk_create(subs)

    templates = [
        ReportTemplate(
            division_code=COUNTY,
            name="乡镇党建引领防控日报表",
            granularity="townships",
            columns=[
                {"key": "party_members", "header": "党员数"},
                {"key": "organizations", "header": "党组织数"},
                {"key": "posts_published", "header": "专栏稿件"},
            ],
            created_by=editor,
        ),
        ReportTemplate(
            division_code=COUNTY,
            name="宣传报道累计情况",
            granularity="self",
            period="cumulative",
            cumulative_from=FIRST_DAY,
            columns=[
                {"key": "posts_published", "header": "专栏更新（篇）"},
                {"key": "deeds_published", "header": "典型事迹（件）"},
                {"key": "submissions_sent", "header": "上报（件）"},
                {"key": "submissions_adopted", "header": "上级采用（件）"},
            ],
            created_by=editor,
        ),
    ]
    ReportTemplate.objects.bulk_create(templates)
    return {
        "posts": len(posts),
        "deeds": len(deeds),
        "submissions": len(subs),
        "report_templates": len(templates),
    }
