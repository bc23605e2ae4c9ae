"""Jurisdiction and workbenches: village users see only their village, the neighbour answers 404,
township pages put villages side by side; list pages have pinned query counts."""

import pytest

from frontline.quarantine import services
from frontline.quarantine.models import Returnee
from frontline.quarantine.tests.conftest import make_quarantine
from frontline.testing import SHUITOU, TANGSHI, YUANTANG


@pytest.fixture
def spread(users, freeze, campaign):
    from frontline.people.services import PersonRow
    from frontline.testing import valid_id

    out = {}
    for code, actor in (
        (YUANTANG, "yuantang_secretary"),
        (TANGSHI, "tangshi_secretary"),
        (SHUITOU, "county_admin"),
    ):
        out[code] = services.returnee_screen(
            actor=users[actor],
            campaign=campaign,
            person_row=PersonRow(name=f"返乡{code[-3:]}", division_code=code, id_value=valid_id()),
            returned_from_code="4201",
            return_date="2020-02-17",
            travel_mode="train",
            source="door_to_door",
        )
        q = make_quarantine(code, name=f"隔离{code[-3:]}")
        services.support_request_create(
            actor=users["county_admin"], quarantine=q, kind="supplies", items="米"
        )
    return out


def test_village_user_sees_only_own_village_in_lists(api_for, client_for, spread):
    for path in ("/api/v1/returnees/", "/api/v1/quarantines/", "/api/v1/support-requests/"):
        items = api_for("yuantang_secretary").get(path).json()["items"]
        assert {i["division_code"] for i in items} == {YUANTANG}, path
    html = client_for("yuantang_secretary").get("/quarantine/returnees/").content.decode()
    assert "返乡203" in html and "返乡204" not in html and "返乡201" not in html


def test_neighbour_village_record_is_404_like_a_missing_one(api_for, client_for, spread):
    other = spread[TANGSHI]
    client = api_for("yuantang_secretary")
    assert client.get(f"/api/v1/returnees/{other.pk}").status_code == 404
    assert client.get("/api/v1/returnees/999999").status_code == 404
    assert client_for("yuantang_secretary").get(f"/quarantine/returnees/{other.pk}/").status_code == 404
    q = other.person.quarantines.first() or Returnee.objects.none()
    from frontline.quarantine.models import Quarantine

    q = Quarantine.objects.get(division_code=TANGSHI)
    assert client_for("yuantang_secretary").get(f"/quarantine/quarantines/{q.pk}/").status_code == 404
    assert client.get(f"/api/v1/quarantines/{q.pk}").status_code == 404
    assert client_for("yuantang_secretary").get(f"/quarantine/area/{TANGSHI}/").status_code == 404


def test_village_workbench_shows_due_overdue_support_and_new_returnees(client_for, spread):
    response = client_for("yuantang_secretary").get("/quarantine/")
    html = response.content.decode()
    ctx = response.context
    assert ctx["counts"]["active"] == 1 and ctx["counts"]["overdue"] > 0 and ctx["counts"]["due"] == 1
    assert ctx["counts"]["support"] == 1 and ctx["counts"]["returnees"] == 1
    assert "隔离203" in html and "隔离204" not in html


def test_township_page_puts_its_villages_side_by_side(client_for, spread):
    response = client_for("changgang_admin").get("/quarantine/")
    rows = {r["code"]: r for r in response.context["rows"]}
    assert rows[YUANTANG]["active"] == 1 and rows[TANGSHI]["active"] == 1
    assert rows[YUANTANG]["screened"] == 1 and rows[YUANTANG]["support"] == 1
    assert SHUITOU not in rows


def test_township_drills_into_a_village_workbench(client_for, spread):
    response = client_for("changgang_admin").get(f"/quarantine/area/{YUANTANG}/")
    assert response.status_code == 200 and response.context["counts"]["active"] == 1


def test_finance_cannot_open_quarantine_pages(client_for, api_for, spread):
    assert client_for("county_finance").get("/quarantine/").status_code == 403
    assert api_for("county_finance").get("/api/v1/quarantines/").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/quarantine/",
        "/quarantine/returnees/",
        "/quarantine/quarantines/",
        "/quarantine/support/",
        "/quarantine/grids/",
    ],
)
def test_list_pages_have_pinned_query_counts(client_for, spread, django_assert_max_num_queries, path):
    from frontline.people.services import PersonRow
    from frontline.testing import valid_id

    campaign = next(iter(spread.values())).campaign
    from frontline.testing import make_users  # noqa: F401 - users exist already

    for i in range(15):
        make_quarantine(YUANTANG, name=f"批量{i}")
        services.returnee_screen(
            actor=campaign.returnees.first().screened_by,
            campaign=campaign,
            person_row=PersonRow(name=f"批{i}", division_code=YUANTANG, id_value=valid_id()),
            returned_from_text="深圳",
            return_date="2020-02-10",
            travel_mode="car",
            source="self_report",
        )
    client = client_for("yuantang_secretary")
    with django_assert_max_num_queries(16):
        assert client.get(path).status_code == 200
    client = client_for("county_admin")
    with django_assert_max_num_queries(20):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/returnees/", "/api/v1/quarantines/", "/api/v1/support-requests/"])
def test_api_lists_have_pinned_query_counts(api_for, spread, django_assert_max_num_queries, path):
    for i in range(10):
        make_quarantine(YUANTANG, name=f"批量{i}")
    client = api_for("county_admin")
    with django_assert_max_num_queries(8):
        assert client.get(path).status_code == 200


def test_grid_leader_workbench_covers_its_grid(client_for, users, freeze):
    inside = make_quarantine("360732217203001", name="网格内")
    make_quarantine(YUANTANG, name="网格外")
    response = client_for("yuantang_grid").get("/quarantine/")
    assert response.status_code == 200 and [q.pk for q in response.context["quarantines"]] == [inside.pk]


def test_unknown_support_action_is_404(client_for, users, spread):
    from frontline.quarantine.models import SupportRequest

    req = SupportRequest.objects.get(division_code=YUANTANG)
    assert client_for("yuantang_secretary").post(f"/quarantine/support/{req.pk}/explode/").status_code == 404
    req.refresh_from_db()
    assert req.status == "open"


def test_screening_link_is_shown_only_to_roles_that_may_screen(client_for, users, freeze):
    """County leaders read returnees and village workbenches; the screening form answers them 403."""
    new = 'href="/quarantine/returnees/new/"'
    for path in ("/quarantine/returnees/", f"/quarantine/area/{YUANTANG}/"):
        assert new not in client_for("county_leader").get(path).content.decode(), path
        assert new in client_for("county_admin").get(path).content.decode(), path
    assert client_for("county_leader").get("/quarantine/returnees/new/").status_code == 403
