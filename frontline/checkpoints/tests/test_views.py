import datetime as dt

import pytest
from django.utils import timezone

from frontline import testing
from frontline.audit.models import AuditEvent
from frontline.checkpoints.models import Alert, Checkpoint, ShiftAssignment
from frontline.checkpoints.tests.conftest import occupant, put_on_shift, register
from frontline.core import clock
from frontline.core.events import work_done


def test_register_page_offers_the_checkpoint_of_the_current_shift(
    users, client_for, on_duty, xgwest, shuitou_cp
):
    response = client_for("xgwest_duty").get("/checkpoints/register/")
    text = response.content.decode()
    assert response.status_code == 200 and "泉南高速兴国西出口" in text and "水头村口卡点" not in text
    assert "reg-config" in text and "frontline:checkpoint-queue" not in text  # the key lives in the script
    assert response["Cache-Control"].startswith("max-age=0")


def test_register_page_tells_a_duty_member_off_shift(users, client_for, xgwest):
    text = client_for("xgwest_duty").get("/checkpoints/register/").content.decode()
    assert "您当前没有在任何卡口值守的班次" in text


def test_register_page_refused_to_roles_without_the_permission(users, client_for):
    assert client_for("yuantang_secretary").get("/checkpoints/register/").status_code == 403


def test_place_picker_finds_provinces_cities_and_townships(users, client_for):
    items = client_for("xgwest_duty").post("/checkpoints/places/", {"q": "湖北"}).json()["items"]
    assert items[0] == {"code": "42", "name": "湖北省"} and any(i["code"] == "4201" for i in items)
    items = client_for("xgwest_duty").post("/checkpoints/places/", {"q": "高兴"}).json()["items"]
    assert any(i["code"] == testing.GAOXING for i in items)


def test_place_picker_refuses_a_term_in_the_url(users, client_for):
    # The typed term may be part of an address: it comes by POST only, never in a query string.
    assert client_for("xgwest_duty").get("/checkpoints/places/", {"q": "湖北"}).status_code == 405


def test_township_admin_creates_a_checkpoint(users, client_for):
    response = client_for("gaoxing_admin").post(
        "/checkpoints/new/",
        {
            "name": "竹源村口卡点",
            "kind": "road",
            "division_code": testing.SHUITOU,
            "shift_starts": "08:00,20:00",
        },
    )
    assert response.status_code == 302
    assert Checkpoint.objects.get().division_code == testing.SHUITOU


def test_checkpoint_creation_refused_for_wrong_role_and_jurisdiction(users, client_for):
    data = {"name": "x", "kind": "road", "division_code": testing.JUNCUN}
    assert client_for("xgwest_duty").post("/checkpoints/new/", data).status_code == 403
    assert client_for("gaoxing_admin").post("/checkpoints/new/", data).status_code == 404
    assert not Checkpoint.objects.exists()


def test_checkpoint_edit_refused_for_wrong_role_and_jurisdiction(users, client_for, junchun_cp, xgwest):
    data = {"name": "改名", "kind": "road", "shift_starts": "08:00,20:00"}
    assert client_for("xgwest_duty").post(f"/checkpoints/{xgwest.pk}/edit/", data).status_code == 403
    assert client_for("gaoxing_admin").post(f"/checkpoints/{junchun_cp.pk}/edit/", data).status_code == 404
    assert (
        client_for("gaoxing_admin")
        .post(f"/checkpoints/{xgwest.pk}/edit/", {**data, "shift_starts": "00:00, 08:00, 16:00"})
        .status_code
        == 302
    )
    xgwest.refresh_from_db()
    assert xgwest.name == "改名" and xgwest.shift_starts == ["00:00", "08:00", "16:00"]


def test_roster_add_puts_a_member_on_the_shift_with_leader(users, client_for, xgwest):
    person = testing.make_person(testing.SHUITOU, "钟队长")
    start = clock.now().isoformat()
    response = client_for("gaoxing_admin").post(
        f"/checkpoints/{xgwest.pk}/roster/", {"start": start, "person": person.pk, "leader": "1"}
    )
    assert response.status_code == 302
    a = ShiftAssignment.objects.get()
    assert a.person == person and a.is_leader and a.shift.start <= clock.now() < a.shift.end


def test_roster_changes_refused_for_wrong_role_and_jurisdiction(users, client_for, xgwest, junchun_cp):
    person = testing.make_person(testing.SHUITOU, "钟队长")
    data = {"start": clock.now().isoformat(), "person": person.pk}
    assert client_for("xgwest_duty").post(f"/checkpoints/{xgwest.pk}/roster/", data).status_code == 403
    assert client_for("junchun_admin").post(f"/checkpoints/{xgwest.pk}/roster/", data).status_code == 404
    # A person outside the jurisdiction cannot be put on a shift either.
    stranger = testing.make_person(testing.JUNCUN, "外乡人")
    client_for("gaoxing_admin").post(f"/checkpoints/{xgwest.pk}/roster/", {**data, "person": stranger.pk})
    assert not ShiftAssignment.objects.exists()
    a = put_on_shift(xgwest, users["xgwest_duty"])
    assert client_for("xgwest_duty").post(f"/checkpoints/assignments/{a.pk}/remove/").status_code == 403
    assert client_for("junchun_admin").post(f"/checkpoints/assignments/{a.pk}/remove/").status_code == 404
    assert client_for("gaoxing_admin").post(f"/checkpoints/assignments/{a.pk}/remove/").status_code == 302
    assert not ShiftAssignment.objects.exists()


def test_check_in_and_out_of_own_shift_announces_the_shift_served(users, client_for, on_duty):
    seen = []

    def receiver(sender, event, **kw):
        seen.append(event.kind)

    client = client_for("xgwest_duty")
    work_done.connect(receiver)
    try:
        assert client.post(f"/checkpoints/assignments/{on_duty.pk}/check-in/").status_code == 302
        assert client.post(f"/checkpoints/assignments/{on_duty.pk}/check-out/").status_code == 302
    finally:
        work_done.disconnect(receiver)
    on_duty.refresh_from_db()
    assert on_duty.checked_in_at and on_duty.checked_out_at and seen == ["shift_served"]


def test_check_in_refused_on_someone_elses_shift_or_jurisdiction(users, client_for, xgwest, junchun_cp):
    someone = put_on_shift(xgwest, users["gaoxing_admin"])
    assert (
        client_for("xgwest_duty").post(f"/checkpoints/assignments/{someone.pk}/check-in/").status_code == 403
    )
    theirs = put_on_shift(junchun_cp, users["junchun_admin"])
    assert (
        client_for("gaoxing_admin").post(f"/checkpoints/assignments/{theirs.pk}/check-in/").status_code == 404
    )
    assert (
        client_for("yuantang_secretary").post(f"/checkpoints/assignments/{someone.pk}/check-in/").status_code
        == 403
    )
    someone.refresh_from_db()
    assert someone.checked_in_at is None


@pytest.fixture
def fever_alert(users, xgwest):
    register(users["gaoxing_admin"], xgwest, occupants=[occupant(temperature="38.0")])
    return Alert.objects.get()


def test_alert_follow_up_needs_a_note_and_records_who(users, client_for, fever_alert):
    client = client_for("gaoxing_admin")
    url = f"/checkpoints/alerts/{fever_alert.pk}/"
    response = client.post(url, {"status": "referred_to_fever_clinic", "note": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "请填写处置说明" in response.content.decode()
    response = client.post(
        url, {"status": "referred_to_fever_clinic", "note": "120送县人民医院"}, HTTP_HX_REQUEST="true"
    )
    fever_alert.refresh_from_db()
    assert (
        fever_alert.status == "referred_to_fever_clinic" and fever_alert.handled_by == users["gaoxing_admin"]
    )
    assert "120送县人民医院" in fever_alert.note
    assert AuditEvent.objects.filter(object_type="checkpoints.alert", action="update").exists()


def test_alert_follow_up_refused_for_wrong_role_and_jurisdiction(users, client_for, fever_alert):
    data = {"status": "cleared", "note": "x"}
    url = f"/checkpoints/alerts/{fever_alert.pk}/"
    assert client_for("county_leader").post(url, data).status_code == 403
    assert client_for("xgwest_duty").post(url, data).status_code == 403
    assert client_for("junchun_admin").post(url, data).status_code == 404
    assert client_for("yuantang_doctor").post(url, data).status_code == 404
    fever_alert.refresh_from_db()
    assert fever_alert.status == "open"


def test_alert_list_shows_open_alerts_of_the_township_only(
    users, client_for, fever_alert, junchun_cp, django_assert_max_num_queries
):
    register(users["junchun_admin"], junchun_cp, occupants=[occupant(name="均村人", temperature="39.0")])
    client = client_for("gaoxing_admin")
    with django_assert_max_num_queries(12):
        text = client.get("/checkpoints/alerts/").content.decode()
    assert "钟伟" in text and "均村人" not in text


def test_registration_list_is_scoped_and_query_count_pinned(
    users, client_for, xgwest, junchun_cp, django_assert_max_num_queries
):
    for _ in range(5):
        register(users["gaoxing_admin"], xgwest)
    register(users["junchun_admin"], junchun_cp, plate="赣B77777")
    client = client_for("gaoxing_admin")
    with django_assert_max_num_queries(14):
        response = client.get("/checkpoints/registrations/")
    text = response.content.decode()
    assert text.count("赣B12345") == 5 and "赣B77777" not in text and "香港" not in text


def test_registration_detail_of_another_township_is_404(users, client_for, junchun_cp):
    reg, _ = register(users["junchun_admin"], junchun_cp)
    assert client_for("gaoxing_admin").get(f"/checkpoints/registrations/{reg.pk}/").status_code == 404
    assert client_for("junchun_admin").get(f"/checkpoints/registrations/{reg.pk}/").status_code == 200


def test_export_is_masked_audited_and_refused_to_duty_members(users, client_for, xgwest):
    register(users["gaoxing_admin"], xgwest)
    response = client_for("gaoxing_admin").post("/checkpoints/registrations/export/", {})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert AuditEvent.objects.filter(action="export", object_type="checkpoints.occupant", count=2).exists()
    assert client_for("xgwest_duty").post("/checkpoints/registrations/export/", {}).status_code == 403
    assert client_for("gaoxing_admin").post("/checkpoints/stats/export/", {}).status_code == 200


def test_stats_show_busiest_day_and_township_totals(users, client_for, xgwest, django_assert_max_num_queries):
    yesterday = clock.now() - dt.timedelta(days=1)
    for _ in range(3):
        register(users["gaoxing_admin"], xgwest, registered_at=yesterday)
    register(users["gaoxing_admin"], xgwest)
    client = client_for("gaoxing_admin")
    with django_assert_max_num_queries(12):
        text = client.get("/checkpoints/stats/").content.decode()
    day = f"{timezone.localtime(yesterday):%Y-%m-%d}"
    # The busiest day of the checkpoint: yesterday with 3 vehicles.
    assert f'泉南高速兴国西出口</a></td><td data-label="日期">{day}</td><td data-label="车次">3</td>' in text
    assert "高兴镇" in text and "泉南高速兴国西出口" in text


def test_unstaffed_lists_empty_shifts_now_and_in_24_hours(users, client_for, xgwest, shuitou_cp):
    put_on_shift(xgwest, users["xgwest_duty"])
    text = client_for("gaoxing_admin").get("/checkpoints/unstaffed/").content.decode()
    assert "水头村口卡点" in text
    # 兴国西出口: the current shift is staffed, the next two (24 h) are not.
    assert text.count("泉南高速兴国西出口") == 2


def test_checkpoint_pages_query_counts_are_pinned(
    users, client_for, xgwest, shuitou_cp, django_assert_max_num_queries
):
    put_on_shift(xgwest, users["xgwest_duty"])
    client = client_for("gaoxing_admin")
    with django_assert_max_num_queries(12):
        assert client.get("/checkpoints/").status_code == 200
    with django_assert_max_num_queries(18):
        text = client.get(f"/checkpoints/{xgwest.pk}/").content.decode()
    assert "值守队员" in text
    assert client_for("junchun_admin").get(f"/checkpoints/{xgwest.pk}/").status_code == 404


def test_county_admin_adds_a_dated_high_risk_area_others_only_read(users, client_for, hubei):
    from frontline.checkpoints.models import HighRiskArea

    data = {"code": "4403", "name": "深圳", "valid_from": "2020-02-01"}
    assert client_for("gaoxing_admin").post("/checkpoints/risk-areas/", data).status_code == 403
    assert "湖北" in client_for("gaoxing_admin").get("/checkpoints/risk-areas/").content.decode()
    bad = client_for("county_admin").post("/checkpoints/risk-areas/", {**data, "code": "44x"})
    assert bad.status_code == 422 and "2位" in bad.content.decode()
    assert client_for("county_admin").post("/checkpoints/risk-areas/", data).status_code == 302
    assert HighRiskArea.objects.filter(code="4403", division_code=testing.COUNTY).exists()
    assert client_for("xgwest_duty").get("/checkpoints/risk-areas/").status_code == 403


def test_roster_candidates_are_searched_by_post_only(users, client_for, xgwest):
    from frontline.people.models import Membership, Organization

    branch = Organization.objects.create(
        name="水头村党支部", kind="village_branch", division_code=testing.SHUITOU
    )
    for name in ("钟队员", "谢队员"):
        Membership.objects.create(
            person=testing.make_person(testing.SHUITOU, name),
            organization=branch,
            kind="party_member",
            division_code=testing.SHUITOU,
        )
    client = client_for("gaoxing_admin")
    posted = client.post(f"/checkpoints/{xgwest.pk}/roster/candidates/", {"q": "钟"}).content.decode()
    assert "钟队员" in posted and "谢队员" not in posted
    got = client.get(f"/checkpoints/{xgwest.pk}/roster/candidates/", {"q": "钟"}).content.decode()
    assert "钟队员" in got and "谢队员" in got
