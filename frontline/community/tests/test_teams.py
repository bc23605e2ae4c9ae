import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from frontline.community import services
from frontline.community.models import PatrolLog, Team
from frontline.testing import TANGSHI, YUANTANG


def test_team_created_with_leader_among_members(yt):
    team = yt["team"]
    assert team.leader == yt["leader"]
    assert set(team.members.all()) == set(yt["people"])


def test_village_secretary_cannot_create_team_in_neighbour_village(users, yt):
    with pytest.raises(Http404):
        services.team_create(
            actor=users["yuantang_secretary"], kind="patrol", name="越界队", division_code=TANGSHI
        )


def test_team_member_must_be_in_jurisdiction(users, yt, ts):
    with pytest.raises(ValidationError) as exc:
        services.team_create(
            actor=users["yuantang_secretary"],
            kind="persuasion",
            name="劝导队",
            division_code=YUANTANG,
            members=[ts["person"].pk],
        )
    assert "members" in exc.value.message_dict


def test_team_cannot_be_kept_for_the_whole_county(users, yt):
    with pytest.raises(ValidationError) as exc:
        services.team_create(
            actor=users["county_admin"], kind="patrol", name="全县队", division_code="360732"
        )
    assert "division_code" in exc.value.message_dict


def test_duplicate_team_name_in_same_village_is_refused(users, yt):
    with pytest.raises(ValidationError):
        services.team_create(
            actor=users["yuantang_secretary"],
            kind="patrol",
            name="园塘村疫情防控宣传巡逻队",
            division_code=YUANTANG,
        )


@pytest.mark.parametrize("username", ["xgwest_duty", "yuantang_doctor", "county_finance", "county_leader"])
def test_roles_without_community_change_cannot_create_team(users, yt, username):
    with pytest.raises(PermissionDenied):
        services.team_create(actor=users[username], kind="patrol", name="队", division_code=YUANTANG)


def test_patrol_log_emits_patrol_done_for_the_leader(users, yt, events):
    log = services.patrol_log_create(
        actor=users["yuantang_secretary"],
        team=yt["team"],
        route="村主干道",
        methods=["gong", "loudspeaker"],
        households_reached=86,
    )
    assert log.division_code == YUANTANG and log.date == dt.date(2020, 2, 19)
    assert events == [("patrol_done", yt["leader"], log)]


def test_patrol_log_credits_the_member_who_logged_it(users, yt, events):
    member = yt["people"][1]
    services.patrol_log_create(
        actor=users["yuantang_secretary"],
        team=yt["team"],
        route="上屋组",
        methods=["door"],
        logged_by=member.pk,
    )
    assert events[0][1] == member


def test_patrol_log_needs_a_method_and_a_past_date(users, yt):
    with pytest.raises(ValidationError) as exc:
        services.patrol_log_create(actor=users["yuantang_secretary"], team=yt["team"], route="x", methods=[])
    assert "methods" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.patrol_log_create(
            actor=users["yuantang_secretary"],
            team=yt["team"],
            route="x",
            methods=["gong"],
            date=dt.date(2020, 2, 20),
        )
    assert "date" in exc.value.message_dict


def test_disbanded_team_cannot_log_patrols(users, yt):
    services.team_disband(actor=users["yuantang_secretary"], team=yt["team"])
    with pytest.raises(ValidationError):
        services.patrol_log_create(
            actor=users["yuantang_secretary"], team=yt["team"], route="x", methods=["gong"]
        )


def test_team_list_page_shows_only_own_village(client_for, yt, ts, django_assert_max_num_queries):
    client = client_for("yuantang_secretary")
    with django_assert_max_num_queries(6):
        response = client.get("/community/teams/")
    assert response.status_code == 200
    names = [t.name for t in response.context["page"]]
    assert names == ["园塘村疫情防控宣传巡逻队"]


def test_team_detail_of_neighbour_village_is_404(client_for, yt, ts):
    assert client_for("yuantang_secretary").get(f"/community/teams/{ts['team'].pk}/").status_code == 404


def test_patrol_log_form_records_a_patrol(client_for, yt):
    response = client_for("yuantang_secretary").post(
        f"/community/teams/{yt['team'].pk}/log/",
        {"route": "新屋下—老屋场", "methods": ["gong", "loudspeaker"], "households_reached": "40"},
    )
    assert response.status_code == 302
    assert PatrolLog.objects.get().methods == ["gong", "loudspeaker"]


def test_patrol_log_form_refuses_wrong_role_and_wrong_village(client_for, yt, ts):
    data = {"route": "x", "methods": ["gong"], "households_reached": "1"}
    assert (
        client_for("yuantang_doctor").post(f"/community/teams/{yt['team'].pk}/log/", data).status_code == 403
    )
    assert client_for("county_leader").post(f"/community/teams/{yt['team'].pk}/log/", data).status_code == 403
    assert (
        client_for("tangshi_secretary").post(f"/community/teams/{yt['team'].pk}/log/", data).status_code
        == 404
    )
    assert PatrolLog.objects.count() == 0


def test_team_form_refuses_wrong_role_and_wrong_village(client_for, yt):
    data = {"kind": "patrol", "name": "新队", "division_code": YUANTANG}
    assert client_for("xgwest_duty").post("/community/teams/new/", data).status_code == 403
    response = client_for("tangshi_secretary").post("/community/teams/new/", data)
    # 园塘村 is not even offered to the neighbour: the form refuses the choice.
    assert response.status_code == 422
    assert not Team.objects.filter(name="新队").exists()


def test_team_form_creates_team(client_for, yt):
    response = client_for("yuantang_secretary").post(
        "/community/teams/new/",
        {
            "kind": "persuasion",
            "name": "园塘村宣传劝导队",
            "division_code": YUANTANG,
            "leader": yt["leader"].pk,
        },
    )
    assert response.status_code == 302
    assert Team.objects.get(name="园塘村宣传劝导队").leader == yt["leader"]


def test_disband_refuses_wrong_village(client_for, yt):
    assert (
        client_for("tangshi_secretary").post(f"/community/teams/{yt['team'].pk}/disband/").status_code == 404
    )
    assert client_for("yuantang_doctor").post(f"/community/teams/{yt['team'].pk}/disband/").status_code == 403
    yt["team"].refresh_from_db()
    assert yt["team"].disbanded_on is None


def test_team_edit_changes_leader_and_members(client_for, yt):
    team, people = yt["team"], yt["people"]
    url = f"/community/teams/{team.pk}/edit/"
    data = {"name": team.name, "leader": people[1].pk, "members": [people[1].pk, people[2].pk]}
    assert client_for("county_leader").post(url, data).status_code == 403
    assert client_for("tangshi_secretary").post(url, data).status_code == 404
    team.refresh_from_db()
    assert team.leader == people[0]
    assert client_for("yuantang_secretary").post(url, data).status_code == 302
    team.refresh_from_db()
    assert team.leader == people[1] and set(team.members.all()) == {people[1], people[2]}


def test_team_patch_api_refuses_wrong_role_and_wrong_village(api_for, yt):
    url = f"/api/v1/community/teams/{yt['team'].pk}"
    body = {"notes": "每日两次巡逻"}
    assert api_for("xgwest_duty").patch(url, body, content_type="application/json").status_code == 403
    assert api_for("tangshi_secretary").patch(url, body, content_type="application/json").status_code == 404
    r = api_for("yuantang_secretary").patch(url, body, content_type="application/json")
    assert r.status_code == 200 and r.json()["notes"] == "每日两次巡逻"
