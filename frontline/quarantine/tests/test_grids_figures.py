"""Grids and households (village users create grids) and the registered figures."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from frontline.core.figures import compute
from frontline.quarantine import services
from frontline.quarantine.models import Grid
from frontline.quarantine.tests.conftest import make_quarantine
from frontline.regions.models import Division
from frontline.testing import TANGSHI, YUANTANG, YUANTANG_GRID, make_person


def test_village_user_creates_a_grid_with_its_division(users):
    grid = services.grid_create(
        actor=users["yuantang_secretary"],
        village_code=YUANTANG,
        name="园塘村第六网格",
        leader=make_person(YUANTANG, "网格长"),
    )
    assert grid.division_code == YUANTANG + "002"  # 001 exists in the cast
    d = Division.objects.get(code=grid.division_code)
    assert d.level == "grid" and d.parent_id == YUANTANG and grid.leader.name == "网格长"
    with pytest.raises(ValidationError):
        services.grid_create(actor=users["yuantang_secretary"], village_code=YUANTANG, name="园塘村第六网格")


def test_profile_for_an_existing_grid_division(users):
    grid = services.grid_create(actor=users["yuantang_secretary"], village_code=YUANTANG, code=YUANTANG_GRID)
    assert grid.division_id == YUANTANG_GRID


def test_grid_in_neighbour_village_is_refused(users, client_for):
    with pytest.raises(Http404):
        services.grid_create(actor=users["yuantang_secretary"], village_code=TANGSHI, name="x")
    response = client_for("yuantang_secretary").post(
        "/quarantine/grids/", {"village_code": TANGSHI, "name": "x"}
    )
    assert response.status_code == 422 and not Grid.objects.exists()
    assert (
        client_for("yuantang_grid")
        .post("/quarantine/grids/", {"village_code": YUANTANG, "name": "x"})
        .status_code
        == 403
    )


def test_household_lives_in_exactly_one_grid(users, client_for):
    grid = services.grid_create(actor=users["yuantang_secretary"], village_code=YUANTANG, code=YUANTANG_GRID)
    head = make_person(YUANTANG, "户主")
    h = services.household_create(
        actor=users["yuantang_secretary"],
        grid=grid,
        address="园塘村上屋1号",
        head=head,
        members=[make_person(YUANTANG, "家人")],
    )
    assert h.division_code == YUANTANG_GRID and h.members.count() == 2
    response = client_for("yuantang_secretary").post(
        f"/quarantine/grids/{grid.pk}/", {"address": "下屋2号", "head": head.pk}
    )
    assert response.status_code == 302 and grid.households.count() == 2
    assert (
        client_for("tangshi_secretary").post(f"/quarantine/grids/{grid.pk}/", {"address": "x"}).status_code
        == 404
    )


def test_figures_count_quarantine_work(users, freeze, campaign, party_member, team_people):
    from frontline.people.services import PersonRow
    from frontline.testing import valid_id

    services.returnee_screen(
        actor=users["yuantang_secretary"],
        campaign=campaign,
        person_row=PersonRow(name="a", division_code=YUANTANG, id_value=valid_id()),
        returned_from_code="4201",
        return_date="2020-02-18",
        travel_mode="car",
        source="self_report",
    )
    q = make_quarantine(YUANTANG, start="2020-02-18", hm="08:00")
    released = make_quarantine(YUANTANG, start="2020-02-01", name="已解除")
    services.quarantine_end(
        actor=users["yuantang_secretary"], quarantine=released, status="released", reason="期满"
    )
    services.checkin_record(
        actor=users["yuantang_secretary"], quarantine=q, temperature="37.5", slot="am", slot_date="2020-02-18"
    )
    services.checkin_record(
        actor=users["yuantang_secretary"], quarantine=q, temperature="36.5", slot="am", slot_date="2020-02-19"
    )
    req = services.support_request_create(
        actor=users["yuantang_secretary"], quarantine=q, kind="supplies", items="米"
    )
    services.support_request_create(
        actor=users["yuantang_secretary"], quarantine=q, kind="supplies", items="油"
    )
    services.support_request_assign(actor=users["yuantang_secretary"], request=req, person=party_member)
    services.support_request_deliver(actor=users["yuantang_secretary"], request=req)
    day = dt.date(2020, 2, 19)
    f = compute(YUANTANG, day, day)
    assert f["returnees_screened"] == 1
    assert f["in_quarantine"] == 1  # the released one no longer counts
    assert f["checkins_done"] == 1 and f["quarantine_fevers"] == 0
    assert f["checkins_overdue"] == 1  # 2020-02-18 pm
    assert f["support_requests_open"] == 1 and f["support_requests_fulfilled"] == 1
    week = compute(YUANTANG, dt.date(2020, 2, 13), day)
    assert week["checkins_done"] == 2 and week["quarantine_fevers"] == 1
    assert compute(TANGSHI, day, day)["in_quarantine"] == 0
    # Standing on an earlier day: the released quarantine was still in progress on 2020-02-05.
    assert compute(YUANTANG, dt.date(2020, 2, 5), dt.date(2020, 2, 5))["in_quarantine"] == 1


def test_only_county_admins_edit_the_risk_table(client_for):
    from frontline.quarantine.models import RiskRule

    data = {
        "order": 5,
        "name": "从浙江温州返回：居家隔离",
        "area_prefixes": "3303",
        "within_days": 14,
        "risk_class": "home_quarantine",
        "is_active": "on",
    }
    assert client_for("yuantang_secretary").post("/quarantine/rules/", data).status_code == 403
    assert client_for("county_admin").post("/quarantine/rules/", data).status_code == 302
    assert RiskRule.objects.get(area_prefixes="3303").order == 5
    bad = dict(data, area_prefixes="温州")
    assert client_for("county_admin").post("/quarantine/rules/", bad).status_code == 422
