"""Home quarantine: who may check in, fever alerts, released quarantines refuse check-ins, history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver

from frontline.core.events import work_done
from frontline.quarantine import services
from frontline.quarantine.models import AlertStatus, CheckIn, Status
from frontline.quarantine.tests.conftest import at


@pytest.fixture
def events():
    seen = []

    @receiver(work_done)
    def collect(sender, event, **kwargs):
        seen.append(event)

    yield seen
    work_done.disconnect(collect)


def test_team_member_checks_in_through_their_account_person(users, quarantine, team_people, events):
    c = services.checkin_record(actor=users["yuantang_doctor"], quarantine=quarantine, temperature="36.6")
    assert (c.slot_date, c.slot) == (dt.date(2020, 2, 19), "am")
    assert c.by_person == team_people["doctor"] and not c.fever
    assert [(e.kind, e.person) for e in events] == [("checkin_done", team_people["doctor"])]


def test_grid_leader_not_on_the_team_is_refused_even_in_jurisdiction(users, quarantine):
    # yuantang_grid is the grid leader of 360732217203001; the quarantine is in the village 360732217203,
    # so put it in the grid to be sure jurisdiction is not what refuses.
    quarantine.division_code = "360732217203001"
    quarantine.save()
    with pytest.raises(PermissionDenied):
        services.checkin_record(actor=users["yuantang_grid"], quarantine=quarantine, temperature="36.6")
    assert not CheckIn.objects.exists()


def test_township_admin_not_on_the_team_is_refused(users, quarantine):
    with pytest.raises(PermissionDenied):
        services.checkin_record(actor=users["changgang_admin"], quarantine=quarantine, temperature="36.6")


def test_grid_leader_on_the_team_may_check_in(users, quarantine, team_people):
    users["yuantang_grid"].person = team_people["cadre"]
    users["yuantang_grid"].save()
    quarantine.division_code = "360732217203001"
    quarantine.save()
    c = services.checkin_record(actor=users["yuantang_grid"], quarantine=quarantine, temperature="36.4")
    assert c.by_person == team_people["cadre"]


def test_village_secretary_may_check_in_by_role_without_being_on_the_team(users, quarantine):
    c = services.checkin_record(
        actor=users["yuantang_secretary"], quarantine=quarantine, temperature="36.5", source="household"
    )
    assert c.source == "household" and c.by_person is None


def test_neighbour_village_secretary_gets_404(users, quarantine):
    from django.http import Http404

    with pytest.raises(Http404):
        services.checkin_record(actor=users["tangshi_secretary"], quarantine=quarantine, temperature="36.5")


def test_fever_checkin_raises_an_alert_that_is_followed_up(users, quarantine):
    c = services.checkin_record(actor=users["yuantang_doctor"], quarantine=quarantine, temperature="37.3")
    assert c.fever and c.alert_status == AlertStatus.OPEN and "fever" in c.symptoms
    with pytest.raises(ValidationError):
        services.checkin_alert_update(actor=users["yuantang_doctor"], checkin=c, status="closed", note="")
    services.checkin_alert_update(
        actor=users["yuantang_doctor"], checkin=c, status="following", note="村医上门复测"
    )
    c.refresh_from_db()
    assert c.alert_status == AlertStatus.FOLLOWING


def test_below_threshold_raises_no_alert(users, quarantine):
    c = services.checkin_record(actor=users["yuantang_doctor"], quarantine=quarantine, temperature="37.2")
    assert not c.fever and c.alert_status == ""


def test_released_quarantine_refuses_checkins_with_a_clear_message(users, quarantine, freeze):
    freeze("2020-02-23", "10:00")
    services.quarantine_end(
        actor=users["yuantang_secretary"], quarantine=quarantine, status="released", reason="期满"
    )
    quarantine.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.checkin_record(actor=users["yuantang_doctor"], quarantine=quarantine, temperature="36.5")
    assert "quarantine" in exc.value.message_dict


def test_release_before_the_last_day_must_be_early_release_with_reason(users, quarantine):
    with pytest.raises(ValidationError) as exc:
        services.quarantine_end(
            actor=users["yuantang_secretary"], quarantine=quarantine, status="released", reason="x"
        )
    assert "status" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.quarantine_end(
            actor=users["yuantang_secretary"], quarantine=quarantine, status="released_early", reason=" "
        )
    q = services.quarantine_end(
        actor=users["yuantang_secretary"],
        quarantine=quarantine,
        status="released_early",
        reason="核酸阴性，专家组同意",
    )
    assert q.status == Status.RELEASED_EARLY and q.ended_on == dt.date(2020, 2, 19)
    assert [e.to_status for e in q.events.all()] == ["active", "released_early"]


def test_extension_moves_the_last_day_and_is_kept_in_history(users, quarantine):
    q = services.quarantine_extend(
        actor=users["yuantang_secretary"], quarantine=quarantine, days=7, reason="同住人发热"
    )
    assert q.ends_on == dt.date(2020, 3, 1) and q.status == Status.EXTENDED
    last = q.events.last()
    assert (last.old_ends_on, last.new_ends_on, last.reason) == (
        dt.date(2020, 2, 23),
        dt.date(2020, 3, 1),
        "同住人发热",
    )


def test_grid_leader_may_not_extend(users, quarantine):
    with pytest.raises(PermissionDenied):
        services.quarantine_extend(actor=users["yuantang_grid"], quarantine=quarantine, days=7, reason="x")


def test_checkin_for_a_slot_before_the_start_is_refused(users, quarantine):
    with pytest.raises(ValidationError) as exc:
        services.checkin_record(
            actor=users["yuantang_doctor"],
            quarantine=quarantine,
            temperature="36.5",
            slot="am",
            slot_date="2020-02-09",
        )
    assert "slot" in exc.value.message_dict


def test_late_entry_fills_an_overdue_slot(users, quarantine):
    from frontline.quarantine.selectors import slot_states

    before = slot_states([quarantine], at("2020-02-19", "10:00"))[quarantine.pk]
    assert (dt.date(2020, 2, 18), "pm") in before.overdue
    services.checkin_record(
        actor=users["yuantang_doctor"],
        quarantine=quarantine,
        temperature="36.5",
        slot="pm",
        slot_date="2020-02-18",
    )
    after = slot_states([quarantine], at("2020-02-19", "10:00"))[quarantine.pk]
    assert (dt.date(2020, 2, 18), "pm") not in after.overdue and len(after.overdue) == len(before.overdue) - 1


def test_start_refuses_a_second_open_quarantine_and_sets_14_days(users, freeze, team_people):
    from frontline.testing import YUANTANG, make_person

    person = make_person(YUANTANG, "新隔离")
    q = services.quarantine_start(
        actor=users["yuantang_secretary"], person=person, team={"doctor": team_people["doctor"]}
    )
    assert q.ends_on == dt.date(2020, 3, 3) and q.team.get().user == users["yuantang_doctor"]
    with pytest.raises(ValidationError):
        services.quarantine_start(actor=users["yuantang_secretary"], person=person)


def test_team_member_from_another_township_is_refused(users, quarantine):
    from frontline.testing import SHUITOU, make_person

    with pytest.raises(ValidationError):
        services.quarantine_team_set(
            actor=users["yuantang_secretary"],
            quarantine=quarantine,
            members={"police": make_person(SHUITOU, "外乡民警")},
        )


# -- web and API ----------------------------------------------------------------------------------


def test_web_checkin_by_team_member_then_redirects(client_for, quarantine):
    response = client_for("yuantang_doctor").post(
        f"/quarantine/quarantines/{quarantine.pk}/checkin/",
        {"temperature": "36.7", "slot": "am", "slot_date": "2020-02-19", "source": "team"},
    )
    assert response.status_code == 302 and CheckIn.objects.get().temperature == Decimal("36.7")


def test_web_checkin_refused_for_non_team_grid_leader(client_for, quarantine):
    quarantine.division_code = "360732217203001"
    quarantine.save()
    response = client_for("yuantang_grid").post(
        f"/quarantine/quarantines/{quarantine.pk}/checkin/",
        {"temperature": "36.7", "slot": "am", "slot_date": "2020-02-19", "source": "team"},
    )
    assert response.status_code == 403 and not CheckIn.objects.exists()


def test_web_checkin_on_released_quarantine_shows_the_message(client_for, users, quarantine):
    services.quarantine_end(
        actor=users["yuantang_secretary"], quarantine=quarantine, status="referred", reason="转诊"
    )
    response = client_for("yuantang_doctor").post(
        f"/quarantine/quarantines/{quarantine.pk}/checkin/",
        {"temperature": "36.7", "slot": "am", "slot_date": "2020-02-19", "source": "team"},
    )
    assert response.status_code == 422 and "已结束" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_web_checkin_page_of_an_ended_quarantine_says_so(client_for, users, quarantine):
    """Opening the check-in page (GET) of an ended quarantine was a 500 (an error added to an unbound form)."""
    services.quarantine_end(
        actor=users["yuantang_secretary"], quarantine=quarantine, status="referred", reason="转诊"
    )
    response = client_for("yuantang_doctor").get(f"/quarantine/quarantines/{quarantine.pk}/checkin/")
    assert response.status_code == 200 and "已结束" in response.content.decode()
    assert 'id="checkin-form"' not in response.content.decode()


def test_web_checkin_neighbour_village_is_404(client_for, neighbour_quarantine):
    response = client_for("yuantang_secretary").post(
        f"/quarantine/quarantines/{neighbour_quarantine.pk}/checkin/",
        {"temperature": "36.7", "slot": "am", "slot_date": "2020-02-19", "source": "team"},
    )
    assert response.status_code == 404


def test_api_checkin_external_diary_and_fever(api_for, quarantine):
    response = api_for("yuantang_doctor").post(
        f"/api/v1/quarantines/{quarantine.pk}/checkins/",
        {"temperature": 38.2, "taken_at": "2020-02-19T08:30:00+08:00", "symptoms": ["cough"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (
        body["fever"]
        and body["alert_status"] == "open"
        and body["slot"] == "am"
        and body["source"] == "external"
    )


def test_api_checkin_on_released_quarantine_is_422_with_message(api_for, users, quarantine):
    services.quarantine_end(
        actor=users["yuantang_secretary"], quarantine=quarantine, status="released_early", reason="x"
    )
    response = api_for("yuantang_doctor").post(
        f"/api/v1/quarantines/{quarantine.pk}/checkins/",
        {"temperature": 36.5},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "已结束" in response.json()["message"]


def test_api_checkin_wrong_role_and_wrong_jurisdiction(api_for, quarantine, neighbour_quarantine):
    assert (
        api_for("county_finance")
        .post(
            f"/api/v1/quarantines/{quarantine.pk}/checkins/",
            {"temperature": 36.5},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert (
        api_for("yuantang_secretary")
        .post(
            f"/api/v1/quarantines/{neighbour_quarantine.pk}/checkins/",
            {"temperature": 36.5},
            content_type="application/json",
        )
        .status_code
        == 404
    )
    assert (
        api_for("changgang_admin")
        .post(
            f"/api/v1/quarantines/{quarantine.pk}/checkins/",
            {"temperature": 36.5},
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_api_implausible_temperature_is_422(api_for, quarantine):
    response = api_for("yuantang_doctor").post(
        f"/api/v1/quarantines/{quarantine.pk}/checkins/", {"temperature": 45}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "temperature"


def test_web_extend_and_end_wrong_role_and_jurisdiction(client_for, quarantine, neighbour_quarantine):
    assert (
        client_for("yuantang_grid")
        .post(f"/quarantine/quarantines/{quarantine.pk}/extend/", {"days": 3, "reason": "x"})
        .status_code
        == 403
    )
    assert (
        client_for("yuantang_secretary")
        .post(
            f"/quarantine/quarantines/{neighbour_quarantine.pk}/end/",
            {"status": "released_early", "reason": "x"},
        )
        .status_code
        == 404
    )
    response = client_for("yuantang_secretary").post(
        f"/quarantine/quarantines/{quarantine.pk}/extend/", {"days": 3, "reason": "密接"}
    )
    assert response.status_code == 302


def test_web_start_from_screening_then_set_team(client_for, users, campaign, team_people, freeze):
    from frontline.people.services import PersonRow
    from frontline.quarantine.models import Quarantine
    from frontline.testing import YUANTANG, valid_id

    r = services.returnee_screen(
        actor=users["yuantang_secretary"],
        campaign=campaign,
        person_row=PersonRow(name="武汉返乡", division_code=YUANTANG, id_value=valid_id()),
        returned_from_code="4201",
        return_date="2020-02-18",
        travel_mode="train",
        source="door_to_door",
    )
    assert (
        client_for("yuantang_grid")
        .post(f"/quarantine/returnees/{r.pk}/quarantine/", {"days": 14})
        .status_code
        == 403
    )
    assert (
        client_for("tangshi_secretary")
        .post(f"/quarantine/returnees/{r.pk}/quarantine/", {"days": 14})
        .status_code
        == 404
    )
    response = client_for("yuantang_secretary").post(
        f"/quarantine/returnees/{r.pk}/quarantine/", {"days": 14}
    )
    q = Quarantine.objects.get(returnee=r)
    assert response.status_code == 302 and q.ends_on == dt.date(2020, 3, 3)
    team = {
        "cadre": team_people["cadre"].pk,
        "doctor": team_people["doctor"].pk,
        "police": team_people["police"].pk,
    }
    assert (
        client_for("yuantang_secretary").post(f"/quarantine/quarantines/{q.pk}/team/", team).status_code
        == 302
    )
    assert {m.role for m in q.team.all()} == {"cadre", "doctor", "police"}
    assert q.team.get(role="doctor").user == users["yuantang_doctor"]
