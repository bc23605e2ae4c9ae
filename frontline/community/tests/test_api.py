import pytest

from frontline.community import services
from frontline.community.models import Gathering, ProduceOrder, Team
from frontline.testing import TANGSHI, YUANTANG, valid_mobile


def test_gathering_api_lists_scoped_items_with_count(api_for, users, yt, ts, django_assert_max_num_queries):
    for i in range(3):
        services.gathering_create(
            actor=users["yuantang_secretary"], division_code=YUANTANG, household_head=f"户{i}", kind="funeral"
        )
    services.gathering_create(
        actor=users["tangshi_secretary"], division_code=TANGSHI, household_head="塘石", kind="funeral"
    )
    client = api_for("yuantang_secretary")
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/community/gatherings/").json()
    assert body["count"] == 3 and all(i["division_code"] == YUANTANG for i in body["items"])
    assert {"id", "division_code", "outcome"} <= set(body["items"][0])


def test_gathering_api_create_and_outcome(api_for, yt):
    client = api_for("yuantang_secretary")
    r = client.post(
        "/api/v1/community/gatherings/",
        {
            "division_code": YUANTANG,
            "household_head": "钟某",
            "kind": "birthday_banquet",
            "expected_guests": 200,
        },
        content_type="application/json",
    )
    assert r.status_code == 201
    gid = r.json()["id"]
    r = client.post(
        f"/api/v1/community/gatherings/{gid}/outcome",
        {"outcome": "cancelled", "persuaded_by": yt["leader"].pk},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["outcome"] == "cancelled"


def test_gathering_api_refuses_wrong_role_and_wrong_village(api_for, users, yt):
    g = services.gathering_create(
        actor=users["yuantang_secretary"], division_code=YUANTANG, household_head="钟", kind="funeral"
    )
    payload = {"division_code": YUANTANG, "household_head": "x", "kind": "funeral"}
    assert (
        api_for("xgwest_duty")
        .post("/api/v1/community/gatherings/", payload, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        api_for("tangshi_secretary")
        .post("/api/v1/community/gatherings/", payload, content_type="application/json")
        .status_code
        == 404
    )
    outcome = {"outcome": "held"}
    assert (
        api_for("county_leader")
        .post(f"/api/v1/community/gatherings/{g.pk}/outcome", outcome, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        api_for("tangshi_secretary")
        .post(f"/api/v1/community/gatherings/{g.pk}/outcome", outcome, content_type="application/json")
        .status_code
        == 404
    )
    assert api_for("tangshi_secretary").get(f"/api/v1/community/gatherings/{g.pk}").status_code == 404
    assert Gathering.objects.count() == 1


def test_api_answers_422_in_chinese_on_bad_money(api_for, yt):
    r = api_for("yuantang_secretary").post(
        "/api/v1/community/produce/",
        {
            "division_code": YUANTANG,
            "household_head": "钟",
            "product": "红薯",
            "quantity": "10",
            "unit": "斤",
            "price_yuan": "1.234",
        },
        content_type="application/json",
    )
    assert r.status_code == 422
    err = r.json()["errors"][0]
    assert err["field"] == "price_yuan" and any("\u4e00" <= ch <= "\u9fff" for ch in err["message"])


def test_order_api_masks_buyer_mobile_and_refuses_others(api_for, users, yt):
    listing = services.produce_listing_create(
        actor=users["yuantang_secretary"],
        division_code=YUANTANG,
        household_head="钟",
        product="蜂蜜",
        quantity="10",
        unit="斤",
        price_yuan="60",
    )
    phone = valid_mobile()
    payload = {"listing": listing.pk, "buyer_name": "城里买家", "quantity": "2", "buyer_phone": phone}
    assert (
        api_for("yuantang_doctor")
        .post("/api/v1/community/orders/", payload, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        api_for("tangshi_secretary")
        .post("/api/v1/community/orders/", payload, content_type="application/json")
        .status_code
        == 422
    )
    r = api_for("yuantang_secretary").post(
        "/api/v1/community/orders/", payload, content_type="application/json"
    )
    assert r.status_code == 201
    body = r.json()
    assert body["amount_fen"] == 12000 and body["buyer_phone"] != phone and "****" in body["buyer_phone"]
    assert phone not in api_for("yuantang_secretary").get("/api/v1/community/orders/").content.decode()
    oid = body["id"]
    deliver = {"received_yuan": "120", "handler": yt["leader"].pk}
    assert (
        api_for("tangshi_secretary")
        .post(f"/api/v1/community/orders/{oid}/deliver", deliver, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        api_for("county_leader")
        .post(f"/api/v1/community/orders/{oid}/deliver", deliver, content_type="application/json")
        .status_code
        == 403
    )
    r = api_for("yuantang_secretary").post(
        f"/api/v1/community/orders/{oid}/deliver", deliver, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["received_fen"] == 12000
    assert ProduceOrder.objects.get().status == "delivered"


def test_team_and_patrol_api(api_for, users, yt, django_assert_max_num_queries):
    client = api_for("yuantang_secretary")
    r = client.post(
        f"/api/v1/community/teams/{yt['team'].pk}/patrol-logs/",
        {"route": "村主干道", "methods": ["gong"], "households_reached": 50},
        content_type="application/json",
    )
    assert r.status_code == 201
    assert (
        api_for("tangshi_secretary")
        .post(
            f"/api/v1/community/teams/{yt['team'].pk}/patrol-logs/",
            {"route": "x", "methods": ["gong"]},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    assert (
        api_for("county_finance")
        .post(
            "/api/v1/community/teams/",
            {"kind": "patrol", "name": "x", "division_code": YUANTANG},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert (
        api_for("tangshi_secretary")
        .post(
            "/api/v1/community/teams/",
            {"kind": "patrol", "name": "x", "division_code": YUANTANG},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    with django_assert_max_num_queries(8):
        teams = client.get("/api/v1/community/teams/").json()
    assert teams["count"] == 1 and sorted(teams["items"][0]["member_ids"]) == sorted(
        p.pk for p in yt["people"]
    )
    logs = client.get("/api/v1/community/patrol-logs/").json()
    assert logs["count"] == 1 and logs["items"][0]["methods"] == ["gong"]
    assert Team.objects.count() == 1


@pytest.mark.parametrize(
    "path",
    ["teams/", "patrol-logs/", "gatherings/", "produce/", "orders/", "surveys/", "jobs/", "matches/"],
)
def test_every_list_endpoint_is_refused_to_roles_without_community(api_for, users, path):
    assert api_for("xgwest_duty").get(f"/api/v1/community/{path}").status_code == 403
    assert api_for("yuantang_secretary").get(f"/api/v1/community/{path}").status_code == 200


def test_jobs_api_create_match_and_decide(api_for, users, yt):
    client = api_for("changgang_admin")
    r = client.post(
        "/api/v1/community/jobs/",
        {
            "division_code": "360732217",
            "employer": "扶贫车间",
            "title": "缝纫工",
            "place": "圩镇",
            "positions": 2,
            "valid_until": "2020-03-31",
            "contact_phone": valid_mobile(),
        },
        content_type="application/json",
    )
    assert r.status_code == 201 and "****" in r.json()["contact_phone"]
    pid = r.json()["id"]
    m = api_for("yuantang_secretary").post(
        "/api/v1/community/matches/",
        {"posting": pid, "person": yt["people"][1].pk},
        content_type="application/json",
    )
    assert m.status_code == 201
    assert (
        api_for("tangshi_secretary")
        .post(
            f"/api/v1/community/matches/{m.json()['id']}/decide",
            {"status": "hired"},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    d = api_for("yuantang_secretary").post(
        f"/api/v1/community/matches/{m.json()['id']}/decide",
        {"status": "hired"},
        content_type="application/json",
    )
    assert d.json()["status"] == "hired"
    s = api_for("yuantang_secretary").post(
        "/api/v1/community/surveys/",
        {"division_code": YUANTANG, "household_head": "钟", "members_surveyed": 3, "seeking_work": 1},
        content_type="application/json",
    )
    assert s.status_code == 201
    assert (
        api_for("tangshi_secretary")
        .post(
            "/api/v1/community/surveys/",
            {"division_code": YUANTANG, "household_head": "钟", "members_surveyed": 3},
            content_type="application/json",
        )
        .status_code
        == 404
    )
