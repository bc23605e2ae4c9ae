import io

import pytest
from django.core.management import call_command

from frontline import testing
from frontline.discipline import teams
from frontline.discipline.models import TeamMember
from frontline.discipline.tests import factories as f
from frontline.people.models import Cadre, Membership


def test_team_check_lists_organization_cadres_in_no_team(users, client_for):
    inside = f.org_cadre(testing.GAOXING, "队内干部")
    f.org_cadre(testing.GAOXING, "队外干部")
    teams.team_create(
        actor=users["gaoxing_admin"], name="高兴镇党员突击队", organization=inside.unit, leader=inside.person
    )
    body = client_for("gaoxing_admin").get("/discipline/teams/check/").content.decode()
    assert "队外干部" in body and "队内干部" not in body


def test_township_admin_adds_own_cadre_to_own_team_only(users, client_for):
    cadre = f.org_cadre(testing.GAOXING, "高兴干部")
    other = f.org_cadre(testing.JUNCUN, "均村干部")
    team = teams.team_create(actor=users["gaoxing_admin"], name="高兴镇党员突击队", organization=cadre.unit)
    other_team = teams.team_create(
        actor=users["junchun_admin"], name="均村乡党员突击队", organization=other.unit
    )
    c = client_for("gaoxing_admin")
    assert c.post(f"/discipline/teams/{team.pk}/members/", {"cadre": cadre.pk}).status_code == 302
    assert c.post(f"/discipline/teams/{other_team.pk}/members/", {"cadre": cadre.pk}).status_code == 404
    assert (
        client_for("yuantang_secretary")
        .post(f"/discipline/teams/{team.pk}/members/", {"cadre": cadre.pk})
        .status_code
        == 403
    )
    assert list(TeamMember.objects.values_list("team_id", "person_id")) == [(team.pk, cadre.person_id)]


def test_adding_a_task_wrong_role_refused(users, client_for):
    cadre = f.org_cadre(testing.GAOXING, "高兴干部")
    team = teams.team_create(actor=users["gaoxing_admin"], name="高兴镇党员突击队", organization=cadre.unit)
    data = {"kind": "persuasion", "title": "劝返点值守", "starts_on": "2020-02-01"}
    assert client_for("xgwest_duty").post(f"/discipline/teams/{team.pk}/", data).status_code == 403
    assert client_for("junchun_admin").post(f"/discipline/teams/{team.pk}/", data).status_code == 404
    assert client_for("gaoxing_admin").post(f"/discipline/teams/{team.pk}/", data).status_code == 302
    assert team.tasks.get().title == "劝返点值守"


def test_team_list_query_count_is_pinned(users, client_for, django_assert_max_num_queries):
    cadre = f.org_cadre(testing.GAOXING, "高兴干部")
    for i in range(8):
        teams.team_create(
            actor=users["gaoxing_admin"], name=f"突击队{i}", organization=cadre.unit, leader=cadre.person
        )
    c = client_for("county_admin")
    with django_assert_max_num_queries(8):
        assert c.get("/discipline/teams/").status_code == 200


def _groups():
    dept = f.org("org_department", testing.COUNTY, "组织部")
    lead = f.org("leading_group", testing.COUNTY, "疫情防控党建引领工作领导小组")
    lead.parent = dept
    lead.save()
    staffing = f.org("working_group", testing.COUNTY, "干部力量保障组")
    staffing.parent, staffing.responsibilities = lead, "调配干部力量"
    staffing.save()
    person = testing.make_person(testing.COUNTY, "组长甲")
    Membership.objects.create(
        person=person,
        organization=staffing,
        kind="staff",
        title="组长",
        is_leader=True,
        division_code=testing.COUNTY,
    )
    return lead, staffing


def test_working_group_page_shows_members_and_the_work_it_owns(users, client_for):
    _lead, staffing = _groups()
    body = client_for("county_leader").get(f"/discipline/groups/{staffing.pk}/").content.decode()
    assert "组长甲" in body and "调配干部力量" in body
    assert "/discipline/teams/" in body and "/discipline/teams/check/" in body


def test_village_users_see_the_groups_but_not_their_members(users, client_for):
    _lead, staffing = _groups()
    body = client_for("yuantang_secretary").get(f"/discipline/groups/{staffing.pk}/").content.decode()
    assert "干部力量保障组" in body and "组长甲" not in body


def test_working_groups_figure_counts_the_subtree(users):
    from frontline.core.figures import compute

    _groups()
    import datetime as dt

    day = dt.date(2020, 2, 19)
    assert compute(testing.COUNTY, day, day, keys=["working_groups"]) == {"working_groups": 1}
    assert compute(testing.GAOXING, day, day, keys=["working_groups"]) == {"working_groups": 0}


@pytest.mark.django_db
def test_demo_puts_every_organization_cadre_in_a_team_and_covers_every_township(settings):
    settings.FRONTLINE_TODAY = "2020-02-19"
    call_command("seed_demo", members=300, quiet_logins=True, stdout=io.StringIO())
    from frontline.discipline.models import AccountabilityCase, NegativeEntry, RuleSet
    from frontline.regions.models import Division
    from frontline.supervision.models import Assignment, Rectification

    org_cadres = Cadre.objects.filter(kind="org_cadre")
    assert org_cadres.count() > 50
    assert not org_cadres.exclude(person__team_memberships__isnull=False).exists()
    assert RuleSet.objects.get(in_force=True).rules.count() == 10
    assert AccountabilityCase.objects.filter(closed_at__isnull=False).count() == 1
    assert NegativeEntry.objects.count() >= 4
    townships = set(Division.objects.filter(level="township").values_list("code", flat=True))
    assert (
        len(townships) == 26 and set(Assignment.objects.values_list("division_code", flat=True)) == townships
    )
    import datetime as dt

    day = dt.date(2020, 2, 19)
    assert (
        Rectification.objects.overdue(day).exists()
        and Rectification.objects.filter(closed_on__isnull=False).exists()
    )
    assert Rectification.objects.open().filter(deadline__gte=day).exists()


def test_township_admin_forms_a_team_of_its_own_committee_only(users, client_for):
    own = f.org_cadre(testing.GAOXING, "高兴干部")
    other = f.org_cadre(testing.JUNCUN, "均村干部")
    from frontline.discipline.models import CommandoTeam

    c = client_for("gaoxing_admin")
    assert (
        c.post("/discipline/teams/", {"name": "高兴镇突击队", "organization": own.unit_id}).status_code == 302
    )
    c.post("/discipline/teams/", {"name": "冒名突击队", "organization": other.unit_id})
    assert (
        client_for("county_leader")
        .post("/discipline/teams/", {"name": "x", "organization": own.unit_id})
        .status_code
        == 403
    )
    assert list(CommandoTeam.objects.values_list("name", "division_code")) == [
        ("高兴镇突击队", testing.GAOXING)
    ]


def test_team_api_creates_within_jurisdiction_and_shows_members_and_tasks(users, api_for):
    own = f.org_cadre(testing.GAOXING, "高兴干部")
    other = f.org_cadre(testing.JUNCUN, "均村干部")
    api = api_for("gaoxing_admin")
    created = api.post(
        "/api/v1/discipline/teams/",
        {"name": "高兴镇突击队", "organization_id": own.unit_id},
        content_type="application/json",
    )
    assert created.status_code == 201
    refused = api.post(
        "/api/v1/discipline/teams/",
        {"name": "冒名", "organization_id": other.unit_id},
        content_type="application/json",
    )
    assert refused.status_code == 404
    assert (
        api_for("county_leader")
        .post(
            "/api/v1/discipline/teams/",
            {"name": "x", "organization_id": own.unit_id},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    team_id = created.json()["id"]
    teams.team_members_add(
        actor=users["gaoxing_admin"], team=teams.CommandoTeam.objects.get(pk=team_id), people=[own.person]
    )
    detail = api.get(f"/api/v1/discipline/teams/{team_id}").json()
    assert [m["name"] for m in detail["members"]] == ["高兴干部"]
    assert api_for("junchun_admin").get(f"/api/v1/discipline/teams/{team_id}").status_code == 404


def test_group_page_hides_links_a_role_cannot_open(users, client_for):
    _lead, staffing = _groups()
    body = client_for("county_finance").get(f"/discipline/groups/{staffing.pk}/").content.decode()
    assert "/discipline/teams/" not in body
