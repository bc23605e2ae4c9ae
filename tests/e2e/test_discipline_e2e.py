"""Discipline and supervision on a 390 px phone: the rules, recording a negative-list entry, the
rectification list with its overdue flag."""

import datetime as dt

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


@pytest.fixture
def scene(e2e_users, settings):
    from frontline import testing
    from frontline.discipline.tests import factories as f
    from frontline.supervision import services as sup

    settings.FRONTLINE_TODAY = "2020-02-19"
    f.rules(e2e_users)
    cadre = f.org_cadre(testing.GAOXING, "高兴干部")
    leader = f.org_cadre(testing.COUNTY, "部领导甲").person
    admin = e2e_users["county_admin"]
    sup.assignment_create(actor=admin, leader=leader, division_code=testing.GAOXING)
    visit = sup.visit_create(
        actor=admin,
        leader=leader,
        division_code=testing.GAOXING,
        visited_on=dt.date(2020, 2, 10),
        checked="卡点值守情况",
    )
    finding = sup.finding_create(actor=admin, visit=visit, text="夜间值守不足")
    sup.rectification_create(
        actor=admin,
        finding=finding,
        action="补齐夜间值守力量",
        owner="组织委员",
        deadline=dt.date(2020, 2, 15),
    )
    return cadre


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_inspector_records_a_negative_list_entry_on_a_phone(phone_page, scene):
    page = phone_page("county_discipline")
    page.goto(page.base_url + "/discipline/negative/new/")
    page.select_option("select[name=cadre]", str(scene.pk))
    page.select_option("select[name=category]", "buck_passing")
    page.fill("input[name=occurred_on]", "2020-02-12")
    page.fill("textarea[name=facts]", "对返乡人员摸排名单核对互相推诿")
    _fits(page)
    shot(page, "discipline-negative-new-390")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    text = page.inner_text("main")
    assert "推诿扯皮" in text and "高兴干部" in text
    _fits(page)
    shot(page, "discipline-negative-detail-390")


def test_rules_and_overdue_rectification_on_a_phone(phone_page, scene):
    page = phone_page("gaoxing_admin")
    page.goto(page.base_url + "/discipline/rules/")
    assert "严禁第1条" in page.inner_text("main")
    _fits(page)
    shot(page, "discipline-rules-390")
    page.goto(page.base_url + "/supervision/rectifications/")
    text = page.inner_text("main")
    assert "补齐夜间值守力量" in text and "逾期" in text
    _fits(page)
    shot(page, "supervision-rectifications-390")
