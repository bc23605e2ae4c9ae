import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from frontline.care import services
from frontline.care.models import Visit
from frontline.testing import CHANGGANG, GAOXING, YUANTANG, make_person

from .conftest import pay


def _visit(actor, **kw):
    defaults = {
        "visited_on": dt.date(2020, 2, 12),
        "category": "hubei_aid_family",
        "visitor_names": "县委组织部部务委员",
        "items": "慰问金、大米",
    }
    return services.visit_create(actor=actor, **{**defaults, **kw})


def test_visit_to_hubei_aid_family_links_the_money_given(users, allocation, recipients):
    family = recipients["yuantang"]
    d = pay(users["county_finance"], allocation, family, 20_000, "V1", category="hubei_aid_family")
    visitor = make_person("360732", "组工干部")
    visit = _visit(
        users["county_admin"],
        recipient_person=family,
        household="援鄂护士之母",
        disbursement=d,
        visitors=[visitor],
    )
    assert visit.division_code == YUANTANG and visit.disbursement == d
    assert list(visit.visitors.all()) == [visitor]


def test_visit_cannot_cite_money_paid_to_someone_else(users, allocation, recipients):
    d = pay(users["county_finance"], allocation, recipients["tangshi"], 100, "V1")
    with pytest.raises(ValidationError, match="disbursement"):
        _visit(users["county_admin"], recipient_person=recipients["yuantang"], disbursement=d)


def test_family_visit_without_person_needs_a_division_in_jurisdiction(users):
    visit = _visit(users["changgang_admin"], household="援鄂医生家属", division_code=YUANTANG)
    assert visit.division_code == YUANTANG
    from django.http import Http404

    with pytest.raises(Http404):
        _visit(users["changgang_admin"], household="援鄂医生家属", division_code=GAOXING)


def test_visit_needs_visitors_and_someone_visited(users):
    with pytest.raises(ValidationError, match="visitors"):
        _visit(users["county_admin"], household="家属", division_code=CHANGGANG, visitor_names="")
    with pytest.raises(ValidationError, match="recipient"):
        _visit(users["county_admin"], division_code=CHANGGANG)


@pytest.mark.parametrize("username", ["county_leader", "yuantang_secretary", "xgwest_duty"])
def test_wrong_role_cannot_record_a_visit(api_for, username):
    body = {
        "visited_on": "2020-02-12",
        "category": "other",
        "household": "x",
        "division_code": YUANTANG,
        "visitor_names": "x",
    }
    response = api_for(username).post("/api/v1/care/visits/", body, content_type="application/json")
    assert response.status_code == 403
    assert Visit.objects.count() == 0


def test_township_cannot_record_a_visit_in_another_township(api_for, recipients):
    body = {
        "visited_on": "2020-02-12",
        "category": "party_member",
        "recipient_person_id": recipients["yuantang"].pk,
        "visitor_names": "高兴镇党委书记",
    }
    client = api_for("gaoxing_admin")
    assert client.post("/api/v1/care/visits/", body, content_type="application/json").status_code == 404
    body["recipient_person_id"] = recipients["shuitou"].pk
    response = client.post("/api/v1/care/visits/", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["division_code"].startswith(GAOXING)


def test_visit_list_is_scoped_and_query_count_pinned(
    users, api_for, recipients, django_assert_max_num_queries
):
    for i in range(6):
        _visit(users["county_admin"], recipient_person=recipients["yuantang"], household=f"户{i}")
    _visit(users["county_admin"], recipient_person=recipients["shuitou"])
    client = api_for("county_leader")
    with django_assert_max_num_queries(9):  # auth, count, page, visitors: not one per visit
        body = client.get("/api/v1/care/visits/").json()
    assert body["count"] == 7
    assert api_for("gaoxing_admin").get("/api/v1/care/visits/").json()["count"] == 1


def test_web_visit_form_records_a_family_visit(client_for, users):
    response = client_for("changgang_admin").post(
        "/care/visits/new/",
        {
            "visited_on": "2020-02-12",
            "category": "hubei_aid_family",
            "household": "援鄂医务人员家属",
            "division_code": YUANTANG,
            "visitor_names": "长冈乡党委书记",
        },
    )
    assert response.status_code == 302
    assert Visit.objects.get().division_code == YUANTANG
    page = client_for("changgang_admin").get("/care/visits/")
    assert "援鄂医务人员家属" in page.content.decode()


def test_web_visit_form_refuses_other_township(client_for, users):
    response = client_for("gaoxing_admin").post(
        "/care/visits/new/",
        {
            "visited_on": "2020-02-12",
            "category": "hubei_aid_family",
            "household": "家属",
            "division_code": YUANTANG,
            "visitor_names": "x",
        },
    )
    assert response.status_code == 422 and Visit.objects.count() == 0


def test_township_cannot_name_a_person_of_another_township_as_visitor(api_for, client_for, recipients):
    # Visitors were looked up by bare id: a township admin could cite anyone in the county (a returnee,
    # someone in quarantine) and read their name back on the visit list — names by enumerating ids.
    outsider = make_person("360732209", "均村隔离户主")
    body = {
        "visited_on": "2020-02-12",
        "category": "party_member",
        "recipient_person_id": recipients["shuitou"].pk,
        "visitor_ids": [outsider.pk],
    }
    response = api_for("gaoxing_admin").post("/api/v1/care/visits/", body, content_type="application/json")
    assert response.status_code == 422 and "visitor" in response.content.decode()
    assert Visit.objects.count() == 0
    assert "均村隔离户主" not in client_for("gaoxing_admin").get("/care/visits/").content.decode()


def test_visitors_may_come_from_the_jurisdiction_or_the_county_above_it(api_for, recipients):
    county_cadre = make_person("360732", "组工干部")
    own = make_person(GAOXING, "镇党委委员")
    body = {
        "visited_on": "2020-02-12",
        "category": "party_member",
        "recipient_person_id": recipients["shuitou"].pk,
        "visitor_ids": [county_cadre.pk, own.pk],
    }
    response = api_for("gaoxing_admin").post("/api/v1/care/visits/", body, content_type="application/json")
    assert response.status_code == 201
    assert sorted(response.json()["visitor_ids"]) == sorted([county_cadre.pk, own.pk])
