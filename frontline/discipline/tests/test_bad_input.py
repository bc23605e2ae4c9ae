"""Ids typed into forms are checked with isdecimal(): '²' passes isdigit() but int() refuses it."""

import pytest

from frontline.discipline.models import CommandoTeam


@pytest.mark.parametrize("value", ["²", "①", "99999999999999999999"])
def test_team_form_with_an_impossible_organization_says_so(users, client_for, value):
    response = client_for("county_admin").post(
        "/discipline/teams/", {"organization": value, "name": "突击队"}
    )
    assert response.status_code == 200 and "请选择组建突击队的党组织" in response.content.decode()
    assert not CommandoTeam.objects.exists()


def test_deed_form_with_an_impossible_person_goes_back_to_the_deeds(users, client_for):
    response = client_for("county_admin").post("/discipline/deeds/new/", {"person": "²"})
    assert response.status_code == 302 and response["Location"] == "/discipline/deeds/"


def test_pending_acknowledgements_with_an_impossible_cadre_are_refused_quietly(users, client_for):
    response = client_for("gaoxing_admin").post("/discipline/rules/pending/record/", {"cadre": ["²", "③"]})
    assert response.status_code in (302, 404)
