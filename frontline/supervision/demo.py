"""Demo: department leaders each own a set of townships (all 25 and the industrial park), visit them,
record findings and feedback, and follow rectification items (some overdue on 2020-02-19, some closed)."""

from __future__ import annotations

import datetime as dt

from frontline.people.models import Cadre, CadreKind
from frontline.regions.models import Division
from frontline.supervision import services
from frontline.supervision.models import Assignment

CHECKS = [
    "卡点设置与值守排班、“三包一”落实情况、返乡人员摸排台账",
    "党员“十带头”活动开展情况、党员突击队编组与任务落实",
    "居家隔离人员生活保障、宣传劝导队工作情况",
]
FINDINGS = [
    ("部分村卡点夜间值守人员不足", "补齐夜间值守力量，落实两班倒", "乡党委组织委员"),
    ("返乡人员摸排台账信息不全，缺少健康状况记录", "逐户补录健康状况，建立每日更新机制", "乡党政办"),
    ("个别居家隔离户生活物资代购不及时", "明确代购党员，24小时内响应", "村党支部书记"),
    ("党员“十带头”事迹记录不及时", "各支部每周汇总上报典型事迹", "乡党委组织干事"),
]


def seed(ctx) -> dict:
    admin = ctx.user("county_admin")
    rng = ctx.rng
    leaders = [
        c.person
        for c in Cadre.objects.filter(
            unit__kind="org_department", kind=CadreKind.ORG_CADRE, position="部务委员"
        )
        .select_related("person")
        .order_by("id")
    ]
    townships = list(
        Division.objects.filter(level="township").order_by("code").values_list("code", flat=True)
    )
    if not leaders or not townships:
        return {}
    # 分片包乡: the townships dealt round to the department leaders, so every one is covered.
    Assignment.objects.bulk_create(
        [
            Assignment(leader=leaders[i % len(leaders)], division_code=code, assigned_on=dt.date(2020, 1, 27))
            for i, code in enumerate(townships)
        ]
    )
    leader_of = {code: leaders[i % len(leaders)] for i, code in enumerate(townships)}
    visits = findings = items = closed = 0
    for i, code in enumerate(townships):
        for n in range(1 + (i % 3 == 0)):
            visited_on = ctx.day - dt.timedelta(days=18 - 7 * n - i % 5)
            visit = services.visit_create(
                actor=admin,
                leader=leader_of[code],
                division_code=code,
                visited_on=visited_on,
                checked=CHECKS[(i + n) % len(CHECKS)],
                summary="基层党组织战斗堡垒作用发挥较好，个别环节需加强。",
                companions="部机关干部",
            )
            visits += 1
            services.visit_feedback(
                actor=admin,
                visit=visit,
                sent_on=visited_on + dt.timedelta(days=1),
                to="乡镇党委书记",
                feedback="已当面反馈督导发现的问题，要求限期整改并报送整改情况。",
            )
            for k in range(1 + (i + n) % 2):
                text, action, owner = FINDINGS[(i + n + k) % len(FINDINGS)]
                finding = services.finding_create(
                    actor=admin, visit=visit, text=text, serious=(i + k) % 7 == 0
                )
                findings += 1
                deadline = visited_on + dt.timedelta(days=rng.choice([3, 5, 7, 10]))
                if (i + k) % 4 == 0:
                    deadline = max(
                        deadline, ctx.day + dt.timedelta(days=2 + k)
                    )  # still running on the demo day
                item = services.rectification_create(
                    actor=admin, finding=finding, action=action, owner=owner, deadline=deadline
                )
                items += 1
                # Two in three fixed (some late); the rest open, overdue where the deadline has passed.
                if (i + k + n) % 3 != 2:
                    services.rectification_close(
                        actor=admin,
                        item=item,
                        note="已按要求整改到位，整改情况已报县委组织部。",
                        closed_on=min(ctx.day, deadline + dt.timedelta(days=(i % 4) - 1)),
                    )
                    closed += 1
    return {
        "assignments": len(townships),
        "visits": visits,
        "findings": findings,
        "rectifications": items,
        "closed": closed,
    }
