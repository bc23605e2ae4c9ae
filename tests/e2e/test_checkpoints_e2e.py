"""The checkpoint registration page in a real browser on a 390 px phone: validation as one types,
sending, the offline queue (sent exactly once when the network is back) and an expired session."""

import datetime as dt
import json

import pytest

from frontline import testing
from tests.e2e.conftest import shot, wait_until

pytestmark = pytest.mark.e2e

QUEUE = "frontline:checkpoint-queue"


@pytest.fixture
def duty_checkpoint(e2e_users):
    from frontline.checkpoints.models import Checkpoint
    from frontline.checkpoints.tests.conftest import put_on_shift
    from frontline.core import clock

    cp = Checkpoint.objects.create(
        name="泉南高速兴国西出口",
        kind="highway_exit",
        division_code=testing.GAOXING,
        active_from=clock.today() - dt.timedelta(days=3),
    )
    put_on_shift(cp, e2e_users["xgwest_duty"])
    return cp


def fill_entry(page, plate, temperature="36.6"):
    page.fill("#plate", plate)
    page.fill('.place[data-field="origin"] .place-text', "广东东莞")
    page.fill('.place[data-field="destination"] .place-text', "高兴镇竹源村")
    occ = page.locator("#occupants fieldset").first
    occ.locator('[name="name"]').fill("钟伟")
    occ.locator('[name="id_number"]').fill(testing.valid_id())
    occ.locator('[name="phone"]').fill(testing.valid_mobile())
    occ.locator('[name="temperature"]').fill(temperature)


def queue(page):
    return json.loads(page.evaluate(f"localStorage.getItem('{QUEUE}') || '[]'"))


def test_register_offline_then_sent_exactly_once_when_back_online(phone_page, duty_checkpoint):
    from frontline.checkpoints.models import Registration

    page = phone_page("xgwest_duty")
    page.goto(page.base_url + "/checkpoints/register/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Validation as the user types, before anything is sent.
    page.fill("#plate", "赣BI2345")
    assert "字母 I 和 O" in page.inner_text('.err[data-for="plate"]')
    occ = page.locator("#occupants fieldset").first
    occ.locator('[name="id_number"]').fill("360732199001011235")
    assert "校验位" in occ.locator('[data-occ="id_number"]').inner_text()
    occ.locator('[name="temperature"]').fill("45")
    assert "34–43" in occ.locator('[data-occ="temperature"]').inner_text()
    page.click("#submit")
    assert Registration.objects.count() == 0

    # Online: sent at once, with the fever alert shown.
    fill_entry(page, "赣B12345", temperature="37.8")
    page.click("#add-occupant")
    second = page.locator("#occupants fieldset").nth(1)
    second.locator('[name="name"]').fill("钟芳")
    second.locator('[name="id_number"]').fill(testing.valid_id())
    second.locator('[name="temperature"]').fill("36.4")
    page.click("#submit")
    page.wait_for_selector("#recent li")
    assert "发热" in page.inner_text("#recent")
    assert Registration.objects.count() == 1 and Registration.objects.get().occupant_count == 2

    # Offline: kept on the phone.
    page.context.set_offline(True)
    wait_until(page, "document.getElementById('net').textContent === '离线'")
    fill_entry(page, "粤BD12345")
    page.click("#submit")
    page.wait_for_selector("#queue:not([hidden])")
    assert "待发送：1条" in page.inner_text("#queue")
    pending = queue(page)
    assert len(pending) == 1 and pending[0]["plate"] == "粤BD12345"
    assert set(pending[0]) <= {
        "client_uuid",
        "checkpoint_id",
        "plate",
        "vehicle_type",
        "direction",
        "origin",
        "destination",
        "registered_at",
        "occupants",
    }
    shot(page, "checkpoints-register-offline-390")
    assert Registration.objects.count() == 1

    # Back online: sent once, the queue empties; a later flush does not send it again.
    page.context.set_offline(False)
    wait_until(page, "document.querySelectorAll('#recent li').length === 2")
    page.wait_for_selector("#queue", state="hidden")
    assert queue(page) == []
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(500)
    assert Registration.objects.count() == 2
    assert Registration.objects.filter(plate="粤BD12345").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "checkpoints-register-390")


def test_expired_session_keeps_the_queue_and_asks_to_log_in(phone_page, duty_checkpoint):
    from frontline.checkpoints.models import Registration

    page = phone_page("xgwest_duty")
    page.goto(page.base_url + "/checkpoints/register/")
    page.context.clear_cookies()
    fill_entry(page, "赣B54321")
    page.click("#submit")
    page.wait_for_selector("#login-prompt:not([hidden])")
    assert len(queue(page)) == 1 and Registration.objects.count() == 0
    shot(page, "checkpoints-register-login-again-390")
    # Logging out (the global script) clears what the page kept.
    page.evaluate("window.frontlineClearLocalData()")
    assert queue(page) == []


def test_place_picker_searches_by_post_without_the_term_in_the_url(phone_page, duty_checkpoint):
    page = phone_page("xgwest_duty")
    page.goto(page.base_url + "/checkpoints/register/")
    with page.expect_request(lambda r: "/checkpoints/places/" in r.url) as sent:
        page.fill('.place[data-field="origin"] .place-q', "高兴")
    assert sent.value.method == "POST" and "?" not in sent.value.url and "高兴" not in sent.value.url
    page.locator(f'.place[data-field="origin"] .place-results button[data-code="{testing.GAOXING}"]').click()
    assert page.locator('.place[data-field="origin"] .place-chip').is_visible()
