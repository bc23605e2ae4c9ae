"""People and members: the wrong jurisdiction answers 404, the wrong role 403, identifiers masked."""

import re

import pytest

from frontline.audit.models import AuditEvent
from frontline.people.models import Membership, Organization
from frontline.testing import GAOXING, SHUITOU, TANGSHI, YUANTANG, make_person

WHOLE_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")


@pytest.fixture
def cast(users):
    return {
        "yuantang": make_person(YUANTANG, "园塘人"),
        "tangshi": make_person(TANGSHI, "塘石人"),
        "shuitou": make_person(SHUITOU, "水头人"),
    }


def test_village_secretary_lists_only_own_village(api_for, cast):
    response = api_for("yuantang_secretary").get("/api/v1/people/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert [p["division_code"] for p in body["items"]] == [YUANTANG]
    assert not WHOLE_ID.search(response.content.decode())


def test_person_of_other_township_answers_404_like_a_missing_one(api_for, cast):
    client = api_for("yuantang_secretary")
    other = client.get(f"/api/v1/people/{cast['shuitou'].pk}")
    missing = client.get("/api/v1/people/999999")
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()


def test_neighbour_village_is_out_of_jurisdiction(client_for, cast):
    response = client_for("tangshi_secretary").get(f"/people/{cast['yuantang'].pk}/")
    assert response.status_code == 404


def test_township_sees_its_villages_only(api_for, cast):
    items = api_for("gaoxing_admin").get("/api/v1/people/").json()["items"]
    assert {p["division_code"] for p in items} == {SHUITOU}


def test_county_sees_all_masked(api_for, cast):
    response = api_for("county_admin").get("/api/v1/people/?limit=10")
    assert response.json()["count"] == 3
    assert not WHOLE_ID.search(response.content.decode())
    assert all("*" in p["id_number"] for p in response.json()["items"])


def test_county_admin_unmask_is_audited(api_for, cast):
    person = cast["shuitou"]
    response = api_for("county_admin").post(
        f"/api/v1/people/{person.pk}/unmask", {"field": "id_number"}, content_type="application/json"
    )
    assert response.status_code == 200
    value = response.json()["value"]
    assert len(value) == 18 and value.endswith(person.id_masked[-4:])
    event = AuditEvent.objects.get(action="unmask", object_id=str(person.pk))
    assert event.actor_username == "county_admin"
    assert value not in str(event.detail)


def test_checkpoint_duty_may_not_unmask(api_for, cast):
    response = api_for("xgwest_duty").post(
        f"/api/v1/people/{cast['shuitou'].pk}/unmask", {"field": "id_number"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="unmask").exists()


def test_unmask_out_of_jurisdiction_is_404(api_for, cast):
    response = api_for("yuantang_secretary").post(
        f"/api/v1/people/{cast['shuitou'].pk}/unmask", {"field": "id_number"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_finance_role_cannot_read_people(api_for, client_for, cast):
    assert api_for("county_finance").get("/api/v1/people/").status_code == 403
    assert client_for("county_finance").get("/people/").status_code == 403


def test_web_unmask_shows_whole_value_and_records_it(client_for, cast):
    person = cast["yuantang"]
    response = client_for("yuantang_secretary").post(f"/people/{person.pk}/unmask/", {"field": "phone"})
    assert response.status_code == 200
    assert re.search(r"1[0-9]{10}", response.content.decode())
    assert AuditEvent.objects.filter(action="unmask", actor_username="yuantang_secretary").count() == 1


def test_web_list_is_masked_and_scoped(client_for, cast):
    response = client_for("yuantang_secretary").get("/people/")
    html = response.content.decode()
    assert "园塘人" in html and "水头人" not in html and "塘石人" not in html
    assert not WHOLE_ID.search(html)


def test_web_search_by_whole_id_finds_by_hash_without_url(client_for, cast):
    from frontline.people.protection import reveal

    whole = reveal(cast["yuantang"].id_number_enc)
    response = client_for("yuantang_secretary").post("/people/", {"q": whole})
    assert "园塘人" in response.content.decode()


@pytest.fixture
def members(users):
    branch = Organization.objects.create(name="园塘村党支部", kind="village_branch", division_code=YUANTANG)
    other = Organization.objects.create(name="水头村党支部", kind="village_branch", division_code=SHUITOU)
    Membership.objects.create(
        person=make_person(YUANTANG, "园塘党员"),
        organization=branch,
        kind="party_member",
        division_code=YUANTANG,
    )
    Membership.objects.create(
        person=make_person(SHUITOU, "水头党员"),
        organization=other,
        kind="party_member",
        division_code=SHUITOU,
    )


def test_members_are_scoped(api_for, members):
    body = api_for("yuantang_secretary").get("/api/v1/members/").json()
    assert body["count"] == 1 and body["items"][0]["name"] == "园塘党员"
    assert api_for("gaoxing_admin").get("/api/v1/members/").json()["items"][0]["name"] == "水头党员"


def test_wrong_role_cannot_list_members(api_for, client_for, members):
    assert api_for("xgwest_duty").get("/api/v1/members/").status_code == 403
    assert client_for("xgwest_duty").get("/people/members/").status_code == 403


def test_members_page_scoped(client_for, members):
    html = client_for("yuantang_secretary").get("/people/members/").content.decode()
    assert "园塘党员" in html and "水头党员" not in html


def test_create_person_via_api_validates_and_audits(api_for, users):
    client = api_for("yuantang_secretary")
    bad = client.post(
        "/api/v1/people/",
        {"name": "新人", "division_code": YUANTANG, "id_number": "110105194912310021"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "__all__" or "校验" in bad.json()["message"]
    good = client.post(
        "/api/v1/people/",
        {"name": "新人", "division_code": YUANTANG, "id_number": "11010519491231002x"},
        content_type="application/json",
    )
    assert good.status_code == 201 and good.json()["id_number"] == "110***********002X"
    assert AuditEvent.objects.filter(action="create", object_type="people.person").count() == 1
    dup = client.post(
        "/api/v1/people/",
        {"name": "又一个", "division_code": YUANTANG, "id_number": "11010519491231002X"},
        content_type="application/json",
    )
    assert dup.status_code == 422


def test_create_person_outside_jurisdiction_is_404(api_for, users):
    response = api_for("yuantang_secretary").post(
        "/api/v1/people/", {"name": "外人", "division_code": GAOXING}, content_type="application/json"
    )
    assert response.status_code == 404


def test_errors_speak_english_on_request(api_for, users):
    client = api_for("yuantang_secretary")
    response = client.get("/api/v1/people/999999", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["message"] == "Not found."
    assert client.get("/api/v1/people/999999").json()["message"] != "Not found."
