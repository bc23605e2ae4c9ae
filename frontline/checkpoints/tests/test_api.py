import datetime as dt
import json

import pytest

from frontline import testing
from frontline.checkpoints.models import Checkpoint, Registration
from frontline.checkpoints.tests.conftest import occupant, payload, register
from frontline.core import clock

URL = "/api/v1/checkpoint-registrations/"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_post_creates_201_then_same_uuid_answers_200_with_the_same_record(
    users, api_for, on_duty, xgwest, hubei
):
    api = api_for("xgwest_duty")
    data = payload(xgwest, plate="鄂A12345", origin={"code": "4201", "text": ""})
    data["occupants"][1]["temperature"] = 38.1
    first = post(api, URL, data)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["division_code"] == testing.GAOXING and body["id"]
    assert sorted(body["alerts"]) == ["fever", "high_risk_origin", "high_risk_plate"]
    assert body["origin"]["name"] == "湖北省武汉市" and body["plate_province"] == "42"
    assert "*" in body["occupants"][0]["id_number"] and "*" in body["occupants"][0]["phone"]
    again = post(api, URL, data)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("given_time", [False, True])
def test_the_201_answer_is_the_record_as_the_detail_endpoint_shows_it(
    users, api_for, on_duty, xgwest, hubei, given_time
):
    """The POST answers a new record from what it wrote, without the schema; it must say exactly
    what GET of the same record says (fields, masking, places, time in UTC, alerts)."""
    api = api_for("xgwest_duty")
    data = payload(xgwest, plate="鄂A12345", origin={"code": "4201", "text": "武汉"})
    data["destination"] = {"code": testing.GAOXING, "text": "高兴墟"}
    data["occupants"][1]["temperature"] = 38.1
    if given_time:  # in China's time zone, with microseconds: answered in UTC, as stored
        beijing = dt.timezone(dt.timedelta(hours=8))
        # now, not minutes ago: the duty member is on the shift covering now only (a shift starts at 08:00)
        data["registered_at"] = clock.now().astimezone(beijing).isoformat()
    created = post(api, URL, data)
    assert created.status_code == 201, created.content
    shown = api.get(f"{URL}{created.json()['id']}")
    assert shown.status_code == 200
    assert created.json() == shown.json()
    assert len(created.json()["occupants"]) == len(data["occupants"])


def test_validation_errors_answer_422_with_field_messages_in_chinese(users, api_for, on_duty, xgwest):
    data = payload(
        xgwest, plate="赣B1234", occupants=[occupant(id_number="123", phone="999", temperature="30")]
    )
    response = post(api_for("xgwest_duty"), URL, data)
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert set(fields) == {"plate", "occupants.0.id_number", "occupants.0.phone", "occupants.0.temperature"}
    assert "车牌号应为7位" in fields["plate"] and "18" in fields["occupants.0.id_number"]


def test_malformed_body_answers_422(users, api_for, xgwest):
    response = post(api_for("gaoxing_admin"), URL, {"checkpoint_id": xgwest.pk, "client_uuid": "x"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} >= {"client_uuid", "plate", "occupants"}


def test_duty_member_not_on_shift_gets_422_on_checkpoint(users, api_for, on_duty, shuitou_cp):
    response = post(api_for("xgwest_duty"), URL, payload(shuitou_cp))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "checkpoint_id"


def test_other_townships_checkpoint_answers_404(users, api_for, junchun_cp):
    assert post(api_for("gaoxing_admin"), URL, payload(junchun_cp)).status_code == 404
    assert post(api_for("gaoxing_admin"), URL, payload(junchun_cp, checkpoint_id=10**9)).status_code == 404


def test_role_without_permission_answers_403(users, api_for, xgwest):
    assert post(api_for("yuantang_secretary"), URL, payload(xgwest)).status_code == 403


def test_list_and_detail_are_scoped_and_query_count_is_pinned(
    users, api_for, xgwest, junchun_cp, django_assert_max_num_queries
):
    for _ in range(3):
        register(users["gaoxing_admin"], xgwest)
    other, _ = register(users["junchun_admin"], junchun_cp)
    api = api_for("gaoxing_admin")
    with django_assert_max_num_queries(12):
        response = api.get(URL)
    body = response.json()
    assert body["count"] == 3 and all(i["division_code"] == testing.GAOXING for i in body["items"])
    assert api.get(f"{URL}{other.pk}").status_code == 404
    assert api_for("county_admin").get(f"{URL}{other.pk}").status_code == 200


def test_checkpoints_get_and_post(users, api_for, xgwest, junchun_cp):
    api = api_for("gaoxing_admin")
    listed = api.get("/api/v1/checkpoints/").json()
    assert [c["name"] for c in listed["items"]] == ["泉南高速兴国西出口"]
    created = post(
        api,
        "/api/v1/checkpoints/",
        {
            "name": "水头劝返点",
            "division_code": testing.SHUITOU,
            "kind": "persuasion_point",
            "shift_starts": ["07:00", "19:00"],
        },
    )
    assert created.status_code == 201 and created.json()["shift_starts"] == ["07:00", "19:00"]
    assert (
        post(api, "/api/v1/checkpoints/", {"name": "x", "division_code": testing.JUNCUN}).status_code == 404
    )
    assert (
        post(
            api_for("xgwest_duty"), "/api/v1/checkpoints/", {"name": "y", "division_code": testing.GAOXING}
        ).status_code
        == 403
    )
    bad = post(
        api, "/api/v1/checkpoints/", {"name": "z", "division_code": testing.GAOXING, "shift_starts": "8点"}
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "shift_starts"
    assert Checkpoint.objects.count() == 3


@pytest.mark.parametrize("username", ["yuantang_secretary", "county_finance"])
def test_roles_without_checkpoint_view_cannot_list(users, api_for, username):
    assert api_for(username).get(URL).status_code == 403


def test_phone_page_session_posts_and_the_deed_goes_to_the_duty_members_person(
    users, client_for, on_duty, xgwest
):
    """The phone page posts with the browser session (request.user is a lazy object there)."""
    from frontline.discipline.models import Deed

    response = post(client_for("xgwest_duty"), URL, payload(xgwest))
    assert response.status_code == 201, response.content
    post(client_for("xgwest_duty"), URL, payload(xgwest))
    deed = Deed.objects.get(source_kind="registration_done")
    assert deed.person_id == users["xgwest_duty"].person_id and deed.count == 2
