import datetime as dt

import pytest

from frontline.core.figures import compute
from frontline.dashboard import selectors
from frontline.people.models import Membership, Organization
from frontline.testing import COUNTY, GAOXING, SHUITOU, TANGSHI, YUANTANG, make_person

DAY = dt.date(2020, 2, 19)


@pytest.fixture
def members(users):
    for code, n in ((YUANTANG, 3), (TANGSHI, 1), (SHUITOU, 2)):
        branch = Organization.objects.create(name=f"{code}支部", kind="village_branch", division_code=code)
        for _ in range(n):
            Membership.objects.create(
                person=make_person(code), organization=branch, kind="party_member", division_code=code
            )


def test_county_dashboard_shows_figures_computed_from_records(client_for, members, settings):
    settings.FRONTLINE_TODAY = "2020-02-19"
    response = client_for("county_admin").get("/dashboard/")
    assert response.status_code == 200
    headline = {f["key"]: f["value"] for f in response.context["headline"]}
    assert headline["party_members"] == 6 == compute(COUNTY, DAY, DAY, ["party_members"])["party_members"]
    rows = {r["code"]: r for r in response.context["ranking"]["rows"]}
    assert "360732217" in rows and "360732104" in rows


def test_adding_a_record_moves_the_figure(client_for, members):
    client = client_for("changgang_admin")
    before = {f["key"]: f["value"] for f in client.get("/dashboard/").context["headline"]}["party_members"]
    branch = Organization.objects.get(division_code=YUANTANG)
    Membership.objects.create(
        person=make_person(YUANTANG), organization=branch, kind="party_member", division_code=YUANTANG
    )
    after = {f["key"]: f["value"] for f in client.get("/dashboard/").context["headline"]}["party_members"]
    assert (before, after) == (4, 5)


def test_drill_down_to_a_village(client_for, members):
    response = client_for("county_admin").get(f"/dashboard/{YUANTANG}/")
    assert response.status_code == 200 and response.context["division"].code == YUANTANG
    assert {f["key"]: f["value"] for f in response.context["headline"]}["party_members"] == 3


def test_village_user_cannot_open_county_or_neighbour_dashboard(client_for, members):
    client = client_for("yuantang_secretary")
    assert client.get("/dashboard/").status_code == 200
    assert client.get(f"/dashboard/{COUNTY}/").status_code == 404
    assert client.get(f"/dashboard/{TANGSHI}/").status_code == 404
    assert client.get(f"/dashboard/{GAOXING}/").status_code == 404


def test_checkpoint_duty_has_no_dashboard(client_for, users):
    assert client_for("xgwest_duty").get("/dashboard/").status_code == 403


def test_dashboard_query_count_does_not_grow_with_records(client_for, members, django_assert_max_num_queries):
    from frontline.core.figures import all_figures

    client = client_for("county_admin")
    client.get("/dashboard/")  # session and login bookkeeping out of the way
    # One query per headline figure, one per series and ranking column, and the page's own few.
    budget = len(all_figures()) + len(selectors.SERIES_KEYS) + len(selectors.RANKING_KEYS) + 8
    with django_assert_max_num_queries(budget):
        client.get("/dashboard/")
    for _ in range(20):
        make_person(SHUITOU)
    with django_assert_max_num_queries(budget):
        client.get("/dashboard/")


def test_big_screen_mode_refreshes_itself(client_for, members):
    html = client_for("county_admin").get("/dashboard/?screen=1").content.decode()
    assert 'class="screen"' in html and 'hx-trigger="every 60s"' in html


def test_stats_overview_counts_the_subtree_and_refuses_outside(api_for, members):
    body = api_for("county_admin").get(f"/api/v1/stats/overview?division={COUNTY}").json()
    assert body["party_members"] == 6 and body["division_code"] == COUNTY
    for key in (
        "checkpoints",
        "persuasion_teams",
        "gatherings_cancelled",
        "vehicle_registrations",
        "busiest_checkpoint_day",
        "care_fund_disbursed_yuan",
        "working_groups",
    ):
        assert key in body
    assert api_for("changgang_admin").get("/api/v1/stats/overview").json()["party_members"] == 4
    assert api_for("yuantang_secretary").get(f"/api/v1/stats/overview?division={COUNTY}").status_code == 404
    assert api_for("yuantang_secretary").get(f"/api/v1/stats/overview?division={SHUITOU}").status_code == 404


def test_trend_days_are_local_days_and_match_the_registry_series(users):
    """The SQLite shortcut for the day of a timestamp gives the same days as Figure.series, with
    registrations just before and after local midnight (16:00 UTC) on the right side."""
    import uuid

    from django.utils import timezone

    from frontline.checkpoints.models import Checkpoint, Registration
    from frontline.core.figures import get_figure
    from frontline.regions.models import Division

    cp = Checkpoint.objects.create(name="卡点", kind="road", division_code=GAOXING, active_from=DAY)
    tz = timezone.get_current_timezone()
    moments = [
        dt.datetime(2020, 2, 17, 23, 59, 59, 999_000, tzinfo=tz),
        dt.datetime(2020, 2, 18, 0, 0, tzinfo=tz),
        dt.datetime(2020, 2, 18, 7, 59, tzinfo=tz),  # 23:59 UTC the day before
        dt.datetime(2020, 2, 19, 8, 0, tzinfo=tz),
    ]
    for i, at in enumerate(moments):
        Registration.objects.create(
            client_uuid=uuid.uuid4(),
            checkpoint=cp,
            plate=f"赣B1234{i}",
            vehicle_type="car",
            direction="in",
            registered_at=at,
            occupant_count=i + 1,
            division_code=GAOXING,
        )
    period = selectors.Period(dt.date(2020, 2, 16), DAY)
    days, lines = selectors.series(
        division=Division.objects.get(code=COUNTY),
        period=period,
        keys=["vehicle_registrations", "people_registered"],
    )
    got = {key: dict(zip(days, values, strict=True)) for _name, values, key in lines}
    for key in ("vehicle_registrations", "people_registered"):
        registry = get_figure(key).series(COUNTY, period.start, period.end)
        assert got[key] == {d: registry.get(d, 0) for d in days}
    assert [got["vehicle_registrations"][d] for d in days] == [0, 1, 2, 1]
    assert [got["people_registered"][d] for d in days] == [0, 1, 5, 4]
