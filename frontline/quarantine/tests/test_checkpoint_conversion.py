"""Issue 4: a checkpoint registration or an alert becomes a returnee screening in one step."""

import datetime as dt
import uuid

import pytest

from frontline.checkpoints.models import Alert, Checkpoint, HighRiskArea
from frontline.checkpoints.registration import registration_create
from frontline.quarantine.models import Returnee, RiskClass
from frontline.testing import COUNTY, GAOXING, SHUITOU, valid_id, valid_mobile


@pytest.fixture
def xgwest(users, freeze):
    return Checkpoint.objects.create(
        name="泉南高速兴国西出口",
        kind="highway_exit",
        division_code=GAOXING,
        active_from=dt.date(2020, 1, 25),
    )


def register(users, checkpoint, *, temperature="36.5", origin="4201", destination=SHUITOU, vehicle="car"):
    HighRiskArea.objects.get_or_create(
        code="42", defaults={"name": "湖北", "valid_from": dt.date(2020, 1, 23), "division_code": COUNTY}
    )
    reg, _created = registration_create(
        actor=users["gaoxing_admin"],
        checkpoint=checkpoint,
        client_uuid=uuid.uuid4(),
        plate="鄂A12345",
        vehicle_type=vehicle,
        direction="in",
        origin={"code": origin, "text": ""},
        destination={"code": destination, "text": "返乡"},
        occupants=[
            {"name": "钟伟", "id_number": valid_id(), "phone": valid_mobile(), "temperature": temperature},
            {"name": "钟芳", "id_number": valid_id(), "phone": "", "temperature": "36.6"},
        ],
    )
    return reg


def url(reg, occupant):
    return f"/quarantine/checkpoint-registrations/{reg.pk}/occupants/{occupant.pk}/screen/"


def api_url(reg, occupant):
    return f"/api/v1/checkpoint-registrations/{reg.pk}/occupants/{occupant.pk}/screen"


def test_high_risk_origin_becomes_home_quarantine_screening_with_the_registration_data(
    users, campaign, xgwest, client_for
):
    reg = register(users, xgwest)
    driver = reg.occupants.get(position=0)
    r = client_for("gaoxing_admin").post(url(reg, driver))
    record = Returnee.objects.get()
    assert r.status_code == 302 and r.url == f"/quarantine/returnees/{record.pk}/"
    assert record.risk_class == RiskClass.HOME_QUARANTINE and record.campaign == campaign
    assert record.person == driver.person and record.division_code == SHUITOU
    assert (record.returned_from_code, record.return_date) == ("4201", dt.date(2020, 2, 19))
    assert (record.travel_mode, record.travel_number) == ("car", "鄂A12345")
    assert record.temperature == driver.temperature and record.symptoms == []
    assert (record.source, record.source_ref) == ("checkpoint", f"checkpoints.registration:{reg.pk}")
    # The record page offers the home quarantine start, opened for this risk class.
    page = client_for("gaoxing_admin").get(r.url).content.decode()
    assert f'action="/quarantine/returnees/{record.pk}/quarantine/"' in page and "<details open>" in page
    # Back on the registration, the occupant links to the screening instead of the button.
    page = client_for("gaoxing_admin").get(f"/checkpoints/registrations/{reg.pk}/").content.decode()
    assert f"/quarantine/returnees/{record.pk}/" in page and url(reg, driver) not in page
    assert url(reg, reg.occupants.get(position=1)) in page


def test_fever_at_the_checkpoint_becomes_a_referral(users, campaign, xgwest, client_for):
    reg = register(users, xgwest, temperature="38.2", origin="4403")
    driver = reg.occupants.get(position=0)
    client_for("gaoxing_admin").post(url(reg, driver))
    record = Returnee.objects.get()
    assert record.risk_class == RiskClass.REFERRAL and record.symptoms == ["fever"]


def test_bus_passenger_travel_mode_follows_the_vehicle(users, campaign, xgwest):
    from frontline.quarantine.services import returnee_from_checkpoint

    reg = register(users, xgwest, vehicle="bus", origin="3601")
    record = returnee_from_checkpoint(actor=users["gaoxing_admin"], occupant=reg.occupants.get(position=1))
    assert record.travel_mode == "bus" and record.risk_class == RiskClass.MONITORING
    assert record.returned_from_text  # the place name, since the registration gave only the code


def test_duplicate_conversion_leads_to_the_existing_record(users, campaign, xgwest, client_for):
    reg = register(users, xgwest)
    driver = reg.occupants.get(position=0)
    client = client_for("gaoxing_admin")
    first = client.post(url(reg, driver))
    again = client.post(url(reg, driver), follow=True)
    record = Returnee.objects.get()
    assert again.redirect_chain[-1][0] == first.url == f"/quarantine/returnees/{record.pk}/"
    assert str(record.pk) in again.content.decode()  # the message names the existing record
    assert Returnee.objects.count() == 1


def test_alert_list_offers_the_conversion_per_occupant(users, campaign, xgwest, client_for):
    reg = register(users, xgwest, temperature="38.0")
    fever = Alert.objects.get(registration=reg, kind="fever")
    page = client_for("gaoxing_admin").get("/checkpoints/alerts/").content.decode()
    assert url(reg, fever.occupant) in page
    # The high-risk-origin alert names no occupant: it leads to the registration's occupants.
    assert f"/checkpoints/registrations/{reg.pk}/#occupants" in page
    # Reading-only roles see no button.
    assert (
        url(reg, fever.occupant)
        not in client_for("county_leader").get("/checkpoints/alerts/").content.decode()
    )


@pytest.mark.parametrize("username", ["yuantang_secretary", "county_leader", "county_finance"])
def test_roles_that_may_not_screen_or_see_registrations_are_refused(
    users, campaign, xgwest, client_for, username
):
    # A village secretary screens but never sees checkpoint registrations; a county leader reads them
    # but does not screen.
    reg = register(users, xgwest)
    assert client_for(username).post(url(reg, reg.occupants.first())).status_code == 403
    assert Returnee.objects.count() == 0


def test_other_township_gets_not_found(users, campaign, xgwest, client_for, api_for):
    reg = register(users, xgwest)
    driver = reg.occupants.first()
    assert client_for("junchun_admin").post(url(reg, driver)).status_code == 404
    assert api_for("junchun_admin").post(api_url(reg, driver)).status_code == 404
    # The occupant of another registration is not reachable through this one.
    other = register(users, xgwest)
    assert client_for("gaoxing_admin").post(url(reg, other.occupants.first())).status_code == 404
    assert Returnee.objects.count() == 0


def test_township_only_destination_asks_for_the_village(users, campaign, xgwest, client_for):
    reg = register(users, xgwest, destination=GAOXING)
    driver = reg.occupants.first()
    client = client_for("gaoxing_admin")
    r = client.post(url(reg, driver))
    assert r.status_code == 422 and f'value="{SHUITOU}"' in r.content.decode()
    assert Returnee.objects.count() == 0
    r = client.post(url(reg, driver), {"division_code": SHUITOU})
    assert r.status_code == 302 and Returnee.objects.get().division_code == SHUITOU
    # A village outside the jurisdiction is refused like a missing one.
    reg2 = register(users, xgwest, destination=GAOXING)
    assert (
        client.post(url(reg2, reg2.occupants.first()), {"division_code": "360732209201"}).status_code == 404
    )


def test_checkpoint_duty_converts_and_returns_to_the_registration(users, campaign, xgwest, client_for):
    reg = register(users, xgwest)
    driver = reg.occupants.first()
    client = client_for("xgwest_duty")
    r = client.post(url(reg, driver))
    assert r.status_code == 302 and r.url == f"/checkpoints/registrations/{reg.pk}/"
    record = Returnee.objects.get()
    assert record.screened_by == users["xgwest_duty"]
    page = client.get(r.url).content.decode()
    assert record.get_risk_class_display() in page and f"/quarantine/returnees/{record.pk}/" not in page


def test_no_open_campaign_is_a_clear_message(users, xgwest, client_for):
    reg = register(users, xgwest)
    r = client_for("gaoxing_admin").post(url(reg, reg.occupants.first()))
    assert r.status_code == 422 and Returnee.objects.count() == 0


def test_api_screens_an_occupant_and_answers_409_on_a_duplicate(users, campaign, xgwest, api_for):
    reg = register(users, xgwest)
    driver = reg.occupants.first()
    client = api_for("gaoxing_admin")
    r = client.post(api_url(reg, driver))
    assert r.status_code == 201, r.content
    body = r.json()
    assert (
        body["risk_class"] == "home_quarantine" and body["source_ref"] == f"checkpoints.registration:{reg.pk}"
    )
    assert body["division_code"] == SHUITOU and body["travel_number"] == "鄂A12345"
    r = client.post(api_url(reg, driver))
    assert r.status_code == 409 and r.json()["existing_id"] == body["id"]
    assert api_for("yuantang_secretary").post(api_url(reg, driver)).status_code == 403
    assert api_for("county_leader").post(api_url(reg, driver)).status_code == 403
    reg2 = register(users, xgwest, destination=GAOXING)
    r = client.post(api_url(reg2, reg2.occupants.first()))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "division_code"
    r = client.post(api_url(reg2, reg2.occupants.first()) + f"?division_code={SHUITOU}")
    assert r.status_code == 201
