"""The village workbench and the one-handed check-in on a 390 px phone, in a real browser."""

import datetime as dt

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


@pytest.fixture
def village(e2e_users):
    from django.utils import timezone

    from frontline.core import clock
    from frontline.quarantine.models import Quarantine, SupportRequest, TeamMember
    from frontline.testing import YUANTANG, make_person

    now = clock.now()
    doctor = make_person(YUANTANG, "村医钟医生")
    e2e_users["yuantang_doctor"].person = doctor
    e2e_users["yuantang_doctor"].save()
    out = []
    for i, name in enumerate(["钟志强", "李秀英", "刘建国"]):
        started = now - dt.timedelta(days=3 + i)
        q = Quarantine.objects.create(
            person=make_person(YUANTANG, name),
            division_code=YUANTANG,
            address=f"园塘村上屋{i + 1}号",
            started_at=started,
            start_date=timezone.localtime(started).date(),
            ends_on=timezone.localtime(started).date() + dt.timedelta(days=13),
        )
        TeamMember.objects.create(quarantine=q, role="doctor", person=doctor, division_code=YUANTANG)
        SupportRequest.objects.create(
            quarantine=q,
            division_code=YUANTANG,
            kind="supplies",
            items="大米10斤、食用油1桶",
            requested_at=now - dt.timedelta(hours=30 * i + 1),
        )
        out.append(q)
    return out


def test_village_workbench_on_a_phone(phone_page, village):
    page = phone_page("yuantang_secretary")
    page.goto(page.base_url + "/quarantine/")
    text = page.inner_text("main")
    assert "今日隔离工作" in text and "钟志强" in text and "逾期未测体温" in text and "超时" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "quarantine-workbench-390")


def test_one_handed_checkin_records_a_temperature(phone_page, village):
    from frontline.quarantine.models import CheckIn

    page = phone_page("yuantang_doctor")
    page.goto(page.base_url + f"/quarantine/quarantines/{village[0].pk}/checkin/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click(".presets button[data-t='36.5']")
    shot(page, "quarantine-checkin-390")
    page.click(".submit-bar button")
    page.wait_for_load_state("networkidle")
    assert "已记录 36.5" in page.inner_text("main")
    assert CheckIn.objects.filter(quarantine=village[0], temperature="36.5").count() == 1
