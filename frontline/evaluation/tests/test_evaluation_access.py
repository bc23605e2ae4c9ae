"""Evaluations are sensitive: county organization department and the cadre's own township only."""

import pytest

from frontline.evaluation import services
from frontline.evaluation.models import Observation

from .conftest import OBSERVATION


@pytest.fixture
def observed(users, cadres):
    return {
        key: services.observation_create(actor=users["county_admin"], cadre=c, **OBSERVATION)
        for key, c in cadres.items()
    }


@pytest.mark.parametrize(
    "username",
    [
        "yuantang_secretary",
        "tangshi_secretary",
        "yuantang_grid",
        "yuantang_doctor",
        "county_discipline",
        "county_finance",
    ],
)
def test_other_roles_including_village_users_cannot_read_evaluations(
    api_for, client_for, cadres, observed, username
):
    assert api_for(username).get("/api/v1/evaluation/observations/").status_code == 403
    assert (
        api_for(username).get(f"/api/v1/evaluation/cadres/{cadres['yuantang'].pk}/profile").status_code == 403
    )
    assert client_for(username).get(f"/evaluation/cadres/{cadres['yuantang'].pk}/").status_code == 403
    assert client_for(username).get("/evaluation/").status_code == 403


def test_village_secretary_cannot_read_even_their_own_villages_cadre(client_for, cadres, observed):
    response = client_for("yuantang_secretary").get(f"/evaluation/cadres/{cadres['yuantang'].pk}/")
    assert response.status_code == 403
    assert "哨卡值守" not in response.content.decode()


def test_township_reads_its_own_cadres_only(api_for, client_for, cadres, observed):
    body = api_for("gaoxing_admin").get("/api/v1/evaluation/observations/").json()
    assert {o["name"] for o in body["items"]} == {"水头书记", "卫生院医生"}
    assert client_for("gaoxing_admin").get(f"/evaluation/cadres/{cadres['shuitou'].pk}/").status_code == 200
    # Another township's cadre, or a county cadre, answers like a missing one.
    other = api_for("gaoxing_admin").get(f"/api/v1/evaluation/observations/{observed['yuantang'].pk}")
    missing = api_for("gaoxing_admin").get("/api/v1/evaluation/observations/999999")
    assert other.status_code == missing.status_code == 404
    assert client_for("gaoxing_admin").get(f"/evaluation/cadres/{cadres['county'].pk}/").status_code == 404
    assert client_for("junchun_admin").get(f"/evaluation/cadres/{cadres['shuitou'].pk}/").status_code == 404


def test_county_leader_reads_all(api_for, observed):
    assert api_for("county_leader").get("/api/v1/evaluation/observations/").json()["count"] == 4


def test_observation_write_refused_for_wrong_role_and_wrong_township(api_for, cadres):
    body = {"cadre_id": cadres["yuantang"].pk, **OBSERVATION}
    for username in ("county_leader", "yuantang_secretary"):
        response = api_for(username).post(
            "/api/v1/evaluation/observations/", body, content_type="application/json"
        )
        assert response.status_code == 403
    response = api_for("gaoxing_admin").post(
        "/api/v1/evaluation/observations/", body, content_type="application/json"
    )
    assert response.status_code == 404
    response = api_for("changgang_admin").post(
        "/api/v1/evaluation/observations/", body, content_type="application/json"
    )
    assert response.status_code == 201
    assert Observation.objects.count() == 1


def test_web_observation_write_refused_for_wrong_role_and_wrong_township(client_for, cadres):
    url = f"/evaluation/cadres/{cadres['yuantang'].pk}/observations/"
    assert client_for("county_leader").post(url, OBSERVATION).status_code == 403
    assert client_for("gaoxing_admin").post(url, OBSERVATION).status_code == 404
    assert client_for("changgang_admin").post(url, OBSERVATION).status_code == 302
    bad = client_for("changgang_admin").post(url, {**OBSERVATION, "observed_on": "2099-01-01"})
    assert bad.status_code == 422
    assert Observation.objects.count() == 1


def test_pool_and_adjustment_decisions_are_county_only(client_for, cadres, observed):
    pk = cadres["shuitou"].pk
    pool = {"pool": "honours", "reason": "突出", "observations": [observed["shuitou"].pk]}
    assert client_for("gaoxing_admin").post(f"/evaluation/cadres/{pk}/pool-entries/", pool).status_code == 403
    adjustment = {
        "kind": "transfer",
        "decided_on": "2020-02-18",
        "reason": "不胜任",
        "decided_by": "县委组织部",
    }
    assert (
        client_for("gaoxing_admin").post(f"/evaluation/cadres/{pk}/adjustments/", adjustment).status_code
        == 403
    )
    assert client_for("county_admin").post(f"/evaluation/cadres/{pk}/pool-entries/", pool).status_code == 302
    assert (
        client_for("county_admin").post(f"/evaluation/cadres/{pk}/adjustments/", adjustment).status_code
        == 302
    )


def test_cadre_list_and_observation_api_query_counts_pinned(
    users, cadres, client_for, api_for, django_assert_max_num_queries
):
    for _ in range(5):
        for c in cadres.values():
            services.observation_create(
                actor=users["county_admin"], cadre=c, **{**OBSERVATION, "rating": "good"}
            )
    client = client_for("county_admin")
    with django_assert_max_num_queries(10):
        assert client.get("/evaluation/").status_code == 200
    api = api_for("county_leader")
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/evaluation/observations/?limit=50").json()["count"] == 20


def test_pools_page_query_count_pinned_and_scoped(
    users, cadres, observed, client_for, django_assert_max_num_queries
):
    for key in ("shuitou", "yuantang", "county"):
        services.pool_entry_propose(
            actor=users["county_admin"],
            person=cadres[key].person,
            pool="honours",
            reason="突出",
            records=[observed[key]],
        )
    client = client_for("county_admin")
    with django_assert_max_num_queries(10):
        html = client.get("/evaluation/pools/").content.decode()
    assert html.count("评优评先") >= 3
    township = client_for("gaoxing_admin").get("/evaluation/pools/").content.decode()
    assert "水头书记" in township and "园塘委员" not in township and "部机关干部" not in township
