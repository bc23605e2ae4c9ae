"""Returnee screening: one service for web, API and bulk; duplicates found by ID number and shown."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from frontline.audit.models import AuditEvent
from frontline.people.models import Person
from frontline.people.services import PersonRow
from frontline.quarantine import services
from frontline.quarantine.models import Returnee, RiskClass
from frontline.testing import SHUITOU, TANGSHI, YUANTANG, YUANTANG_GRID, valid_id


def row(division=YUANTANG, name="返乡人", id_value=None):
    return PersonRow(
        name=name, division_code=division, id_value=id_value if id_value is not None else valid_id()
    )


def screen(actor, campaign, person_row, **kw):
    args = {
        "returned_from_code": "4201",
        "returned_from_text": "湖北省武汉市",
        "return_date": dt.date(2020, 2, 15),
        "travel_mode": "train",
        "travel_number": "g1377",
        "source": "door_to_door",
    }
    args.update(kw)
    return services.returnee_screen(actor=actor, campaign=campaign, person_row=person_row, **args)


def test_screening_creates_the_person_and_classifies_by_the_risk_table(users, campaign, freeze):
    r = screen(users["yuantang_secretary"], campaign, row())
    assert r.risk_class == RiskClass.HOME_QUARANTINE and r.risk_rule.area_prefixes == "42"
    assert r.person.division_code == YUANTANG and r.person.id_masked and r.travel_number == "G1377"
    assert AuditEvent.objects.filter(object_type="quarantine.returnee", object_id=str(r.pk)).exists()


def test_fever_at_screening_refers_to_the_fever_clinic(users, campaign, freeze):
    r = screen(users["yuantang_secretary"], campaign, row(), temperature="38.1", returned_from_code="44")
    assert r.risk_class == RiskClass.REFERRAL and "fever" in r.symptoms


def test_duplicate_screening_is_found_by_id_number(users, campaign, freeze):
    idv = valid_id()
    first = screen(users["yuantang_secretary"], campaign, row(id_value=idv))
    with pytest.raises(services.DuplicateScreening) as exc:
        screen(users["yuantang_doctor"], campaign, row(name="同一人换名字", id_value=idv))
    assert exc.value.existing == first
    assert str(first.pk) in exc.value.message_dict["id_number"][0]
    assert Returnee.objects.count() == 1 and Person.objects.filter(name="同一人换名字").count() == 0


def test_explicit_rescreen_needs_a_reason_and_an_allowed_role(users, campaign, freeze):
    idv = valid_id()
    first = screen(users["yuantang_secretary"], campaign, row(id_value=idv))
    with pytest.raises(PermissionDenied):
        screen(users["yuantang_doctor"], campaign, row(id_value=idv), rescreen_reason="复查")
    again = screen(users["yuantang_secretary"], campaign, row(id_value=idv), rescreen_reason="14天后复查")
    assert again.rescreen_of == first and again.person == first.person


def test_screening_outside_jurisdiction_is_404_and_wrong_role_403(users, campaign, freeze):
    with pytest.raises(Http404):
        screen(users["yuantang_secretary"], campaign, row(TANGSHI))
    with pytest.raises(PermissionDenied):
        screen(users["county_finance"], campaign, row())


def test_bad_input_gets_field_messages(users, campaign, freeze):
    with pytest.raises(ValidationError) as exc:
        screen(
            users["yuantang_secretary"],
            campaign,
            row(),
            returned_from_code="4x",
            return_date=dt.date(2020, 3, 1),
            travel_mode="boat",
            symptoms=["sneezing"],
        )
    assert set(exc.value.message_dict) >= {"returned_from_code", "return_date", "travel_mode", "symptoms"}


def test_closed_campaign_refuses_screenings(users, campaign, freeze):
    campaign.is_active = False
    campaign.save()
    with pytest.raises(ValidationError) as exc:
        screen(users["yuantang_secretary"], campaign, row())
    assert "campaign" in exc.value.message_dict


def test_bulk_screening_reports_duplicates_and_errors_in_few_queries(
    users, campaign, freeze, django_assert_max_num_queries
):
    existing_id = valid_id()
    screen(users["yuantang_secretary"], campaign, row(id_value=existing_id))
    twice = valid_id()
    rows = [
        services.ReturneeRow(
            person_row=row(YUANTANG_GRID if i % 2 else YUANTANG),
            return_date=dt.date(2020, 2, 1),
            travel_mode="car",
            source="big_data",
            returned_from_text="广东省东莞市",
            returned_from_code="4419",
        )
        for i in range(60)
    ]
    rows.append(
        services.ReturneeRow(
            person_row=row(id_value=existing_id),
            return_date=dt.date(2020, 2, 1),
            travel_mode="car",
            source="big_data",
            returned_from_code="44",
        )
    )
    rows.append(
        services.ReturneeRow(
            person_row=row(id_value=twice),
            return_date=dt.date(2020, 2, 1),
            travel_mode="car",
            source="big_data",
            returned_from_code="44",
        )
    )
    rows.append(
        services.ReturneeRow(
            person_row=row(id_value=twice),
            return_date=dt.date(2020, 2, 1),
            travel_mode="car",
            source="big_data",
            returned_from_code="44",
        )
    )
    rows.append(
        services.ReturneeRow(
            person_row=row(),
            return_date=dt.date(2020, 2, 1),
            travel_mode="boat",
            source="big_data",
            returned_from_code="44",
        )
    )
    rows.append(
        services.ReturneeRow(
            person_row=row(SHUITOU),
            return_date=dt.date(2020, 2, 1),
            travel_mode="car",
            source="big_data",
            returned_from_code="44",
        )
    )
    with django_assert_max_num_queries(15):
        result = services.returnees_bulk_screen(
            actor=users["yuantang_secretary"], campaign=campaign, rows=rows
        )
    assert len(result.created) == 61
    assert [i for i, _e in result.duplicates] == [60, 62]
    assert result.duplicates[0][1] is not None and result.duplicates[1][1] is None
    assert [i for i, _e in result.errors] == [63, 64]
    assert "travel_mode" in result.errors[0][1] and "division_code" in result.errors[1][1]
    assert AuditEvent.objects.get(action="bulk_create", object_type="quarantine.returnee").count == 61


def test_web_duplicate_shows_a_link_to_the_existing_record(client_for, users, campaign, freeze):
    from frontline.people.protection import reveal

    first = screen(users["yuantang_secretary"], campaign, row())
    whole = reveal(first.person.id_number_enc)
    data = {
        "name": "返乡人",
        "id_number": whole,
        "division_code": YUANTANG,
        "campaign": campaign.pk,
        "returned_from_code": "4201",
        "returned_from_text": "武汉",
        "return_date": "2020-02-15",
        "travel_mode": "train",
        "contact": "none",
        "source": "door_to_door",
    }
    response = client_for("yuantang_secretary").post("/quarantine/returnees/new/", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert f"/quarantine/returnees/{first.pk}/" in html
    assert whole not in html.replace(f'value="{whole}"', "")
    data["rescreen_reason"] = "复查"
    response = client_for("yuantang_secretary").post("/quarantine/returnees/new/", data)
    assert response.status_code == 302 and Returnee.objects.count() == 2


def test_web_screening_with_bad_id_number_says_so(client_for, campaign, freeze):
    data = {
        "name": "返乡人",
        "id_number": "360732199001011234",
        "division_code": YUANTANG,
        "campaign": campaign.pk,
        "returned_from_text": "深圳",
        "return_date": "2020-02-15",
        "travel_mode": "car",
        "contact": "none",
        "source": "self_report",
    }
    response = client_for("yuantang_secretary").post("/quarantine/returnees/new/", data)
    assert response.status_code == 422 and "校验位" in response.content.decode()


def test_api_duplicate_answers_422_naming_the_existing_record(api_for, users, campaign, freeze):
    from frontline.people.protection import reveal

    first = screen(users["yuantang_secretary"], campaign, row())
    body = {
        "campaign_id": campaign.pk,
        "name": "返乡人",
        "id_number": reveal(first.person.id_number_enc),
        "division_code": YUANTANG,
        "returned_from_code": "4403",
        "return_date": "2020-02-16",
        "travel_mode": "bus",
        "source": "checkpoint",
        "source_ref": "checkpoints.registration:123",
    }
    response = api_for("yuantang_secretary").post("/api/v1/returnees/", body, content_type="application/json")
    assert response.status_code == 422
    assert (
        response.json()["errors"][0]["field"] == "id_number" and str(first.pk) in response.json()["message"]
    )


def test_api_screening_from_checkpoint_keeps_its_reference(api_for, campaign, freeze):
    body = {
        "campaign_id": campaign.pk,
        "name": "卡口转来",
        "id_number": valid_id(),
        "division_code": YUANTANG,
        "returned_from_code": "4403",
        "return_date": "2020-02-16",
        "travel_mode": "car",
        "travel_number": "粤B12345",
        "source": "checkpoint",
        "source_ref": "checkpoints.registration:123",
    }
    response = api_for("yuantang_secretary").post("/api/v1/returnees/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["source_ref"] == "checkpoints.registration:123"
    assert "*" in response.json()["id_number"]


def test_api_screening_wrong_role_and_wrong_jurisdiction(api_for, campaign, freeze):
    body = {
        "campaign_id": campaign.pk,
        "name": "返乡人",
        "division_code": TANGSHI,
        "returned_from_text": "深圳",
        "return_date": "2020-02-16",
        "travel_mode": "car",
        "source": "self_report",
    }
    assert (
        api_for("yuantang_secretary")
        .post("/api/v1/returnees/", body, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        api_for("county_publicity")
        .post("/api/v1/returnees/", body, content_type="application/json")
        .status_code
        == 403
    )


def test_checkpoint_conversion_is_one_call_with_an_existing_person(users, campaign, freeze):
    from frontline.testing import make_person

    person = make_person(YUANTANG, "卡口登记人")
    r = services.returnee_screen(
        actor=users["changgang_admin"],
        campaign=campaign,
        person=person,
        returned_from_code="4403",
        returned_from_text="广东省深圳市",
        return_date=dt.date(2020, 2, 18),
        travel_mode="car",
        travel_number="粤B12345",
        contact="none",
        symptoms=[],
        source="checkpoint",
        source_ref="checkpoints.registration:123",
    )
    assert (
        r.person == person and r.division_code == YUANTANG and r.source_ref == "checkpoints.registration:123"
    )
    with pytest.raises(services.DuplicateScreening):
        services.returnee_screen(
            actor=users["changgang_admin"],
            campaign=campaign,
            person=person,
            returned_from_text="深圳",
            return_date=dt.date(2020, 2, 18),
            travel_mode="car",
            source="checkpoint",
            source_ref="checkpoints.alert:9",
        )
