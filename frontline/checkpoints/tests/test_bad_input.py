"""Malformed filters and form values on the checkpoint pages answer a page or a message, never a 500."""

import pytest

from frontline.checkpoints.models import ShiftAssignment
from frontline.checkpoints.tests.conftest import register

HUGE = "99999999999999999999"  # beyond any database integer
IMPOSSIBLE = "2020-02-30"  # well formed, no such day


@pytest.mark.parametrize(
    "params",
    [
        {"checkpoint": HUGE},
        {"checkpoint": "-5"},
        {"day": IMPOSSIBLE},
        {"day": "2020-13-01"},
    ],
)
def test_registration_list_ignores_an_impossible_filter(users, client_for, xgwest, params):
    register(users["gaoxing_admin"], xgwest)
    response = client_for("gaoxing_admin").get("/checkpoints/registrations/", params)
    assert response.status_code == 200
    assert "泉南高速兴国西出口" in response.content.decode()  # the filter is dropped, the list shown


@pytest.mark.parametrize("params", [{"start": IMPOSSIBLE}, {"end": "2020-02-31"}, {"start": "2020-00-10"}])
def test_stats_ignore_an_impossible_date(users, client_for, xgwest, params):
    assert client_for("gaoxing_admin").get("/checkpoints/stats/", params).status_code == 200


@pytest.mark.parametrize("data", [{"checkpoint": HUGE}, {"day": IMPOSSIBLE}])
def test_registration_export_ignores_an_impossible_filter(users, client_for, xgwest, data):
    register(users["gaoxing_admin"], xgwest)
    response = client_for("gaoxing_admin").post("/checkpoints/registrations/export/", data)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_stats_export_ignores_an_impossible_date(users, client_for, xgwest):
    response = client_for("gaoxing_admin").post("/checkpoints/stats/export/", {"start": IMPOSSIBLE})
    assert response.status_code == 200


@pytest.mark.parametrize("data", [{"start": "2020-02-30T08:00:00"}, {"person": HUGE}])
def test_roster_add_with_an_impossible_value_says_so(users, client_for, xgwest, data):
    from frontline import testing
    from frontline.core import clock

    person = testing.make_person(testing.SHUITOU, "钟队长")
    post = {"start": clock.now().isoformat(), "person": person.pk, **data}
    response = client_for("gaoxing_admin").post(f"/checkpoints/{xgwest.pk}/roster/", post, follow=True)
    assert response.status_code == 200 and "请选择班次和人员" in response.content.decode()
    assert not ShiftAssignment.objects.exists()
