"""Community work on a 390 px phone: a first secretary records a banquet talked out of, logs a patrol
with gong and loudspeaker, and the township sees its villages side by side."""

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e

YUANTANG = "360732217203"


@pytest.fixture
def village(e2e_users, settings):
    settings.FRONTLINE_TODAY = "2020-02-19"
    from frontline.community import services
    from frontline.people.models import Membership, Organization
    from frontline.testing import make_person

    branch = Organization.objects.create(name="园塘村党支部", kind="village_branch", division_code=YUANTANG)
    li = make_person(YUANTANG, "李良")
    Membership.objects.create(person=li, organization=branch, kind="party_member", division_code=YUANTANG)
    team = services.team_create(
        actor=e2e_users["yuantang_secretary"],
        kind="patrol",
        name="园塘村疫情防控宣传巡逻队",
        division_code=YUANTANG,
        leader=li.pk,
    )
    return {"li": li, "team": team}


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_secretary_records_a_cancelled_banquet_on_a_phone(phone_page, village):
    page = phone_page("yuantang_secretary")
    page.goto(page.base_url + "/community/gatherings/new/")
    page.select_option("select[name=division_code]", YUANTANG)
    page.fill("input[name=household_head]", "钟大伯")
    page.select_option("select[name=kind]", "birthday_banquet")
    page.fill("input[name=expected_guests]", "180")
    page.select_option("select[name=outcome]", "cancelled")
    page.select_option("select[name=persuaded_by]", str(village["li"].pk))
    _fits(page)
    shot(page, "community-gathering-form-390")
    page.click("button[type=submit].primary")
    page.wait_for_load_state("networkidle")
    text = page.inner_text("main")
    assert "钟大伯" in text and "已取消" in text
    page.goto(page.base_url + "/community/gatherings/")
    assert "钟大伯" in page.inner_text("main")
    _fits(page)
    shot(page, "community-gatherings-390")


def test_secretary_logs_a_patrol_and_sees_it_today(phone_page, village):
    page = phone_page("yuantang_secretary")
    page.goto(page.base_url + f"/community/teams/{village['team'].pk}/")
    page.fill("input[name=route]", "新屋下—老屋场—村部")
    page.check("input[name=methods][value=gong]")
    page.check("input[name=methods][value=loudspeaker]")
    page.fill("input[name=households_reached]", "96")
    _fits(page)
    shot(page, "community-patrol-form-390")
    page.click("button[type=submit].primary")
    page.wait_for_load_state("networkidle")
    page.goto(page.base_url + "/community/")
    text = page.inner_text("main")
    assert "新屋下—老屋场—村部" in text and "铜锣顺口溜" in text
    _fits(page)
    shot(page, "community-today-390")


def test_township_sees_villages_side_by_side(phone_page, village):
    from frontline.community import services

    services.gathering_create(
        actor=village["team"].created_by,
        division_code=YUANTANG,
        household_head="黄家",
        kind="full_month",
        outcome="cancelled",
        persuaded_by=village["li"].pk,
    )
    page = phone_page("changgang_admin")
    page.goto(page.base_url + "/community/gatherings/counts/")
    text = page.inner_text("main")
    assert "园塘村" in text and "塘石村" in text
    assert page.inner_text("#total-cancelled") == "1"
    _fits(page)
    shot(page, "community-counts-390")
