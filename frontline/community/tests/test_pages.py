import pytest

from frontline.community import services
from frontline.testing import YUANTANG

PAGES = [
    "",
    "teams/",
    "patrols/",
    "gatherings/",
    "gatherings/counts/",
    "produce/",
    "orders/",
    "jobs/",
    "jobs/matches/",
    "jobs/surveys/",
]
FORMS = ["teams/new/", "gatherings/new/", "produce/new/", "orders/new/", "jobs/new/", "jobs/surveys/new/"]


@pytest.mark.parametrize("page", PAGES)
def test_pages_render_for_village_and_readers_and_refuse_others(client_for, yt, page):
    assert client_for("yuantang_secretary").get(f"/community/{page}").status_code == 200
    assert client_for("county_leader").get(f"/community/{page}").status_code == 200
    assert client_for("xgwest_duty").get(f"/community/{page}").status_code == 403
    assert client_for("yuantang_doctor").get(f"/community/{page}").status_code == 403


@pytest.mark.parametrize("page", FORMS)
def test_forms_are_for_writers_only(client_for, yt, page):
    assert client_for("yuantang_secretary").get(f"/community/{page}").status_code == 200
    assert client_for("county_leader").get(f"/community/{page}").status_code == 403


def test_today_page_shows_todays_patrols_pending_gatherings_and_open_orders(client_for, users, yt):
    services.patrol_log_create(
        actor=users["yuantang_secretary"], team=yt["team"], route="村部—祠堂", methods=["gong"]
    )
    services.gathering_create(
        actor=users["yuantang_secretary"],
        division_code=YUANTANG,
        household_head="待劝户",
        kind="wedding_banquet",
    )
    services.produce_order_create(
        actor=users["yuantang_secretary"],
        division_code=YUANTANG,
        buyer_name="待送买家",
        items="大米",
        amount_yuan="30",
    )
    response = client_for("yuantang_secretary").get("/community/")
    html = response.content.decode()
    assert "村部—祠堂" in html and "待劝户" in html and "待送买家" in html
    assert response.context["pending_count"] == 1 and response.context["orders_count"] == 1
    assert response["Cache-Control"].startswith("max-age=0")


def test_workbench_shows_community_entries_to_village_not_to_checkpoint_duty(client_for, yt):
    assert "/community/" in client_for("yuantang_secretary").get("/").content.decode()
    assert "/community/" not in client_for("xgwest_duty").get("/").content.decode()
