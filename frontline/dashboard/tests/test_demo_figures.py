"""The seed's figures, produced from the demo's records by the code that counts live data: the stats
API and the dashboard read the same registry, and each figure equals a count over its records."""

import datetime as dt
import io
import os
import time

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client

from frontline.accounts.models import User
from frontline.accounts.services import api_token_issue
from frontline.care.models import Disbursement
from frontline.checkpoints.models import Checkpoint
from frontline.community.models import Gathering, Outcome, Team
from frontline.core.figures import compute
from frontline.dashboard.selectors import SERIES_KEYS
from frontline.people.models import PARTY_KINDS, Membership, Organization

GAOXING = "360732104"
COUNTY = "360732"
# The full demo's 20,400 synthetic members seed in well under a minute here; FRONTLINE_DEMO_MEMBERS
# shrinks it on a slow machine (the member figure is then checked against the memberships).
MEMBERS = 20_400


@pytest.fixture
def demo(db, settings):
    settings.FRONTLINE_TODAY = "2020-02-19"
    members = int(os.environ.get("FRONTLINE_DEMO_MEMBERS", MEMBERS))
    t = time.perf_counter()
    call_command("seed_demo", members=members, quiet_logins=True, stdout=io.StringIO())
    return {"members": members, "seconds": time.perf_counter() - t}


def _api(username: str) -> Client:
    token = api_token_issue(actor=None, user=User.objects.get(username=username), name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_demo_figures_come_from_the_records(demo):
    """One seed, several checks (seeding the full demo is the expensive part)."""
    api = _api("county_admin")
    gaoxing = api.get(f"/api/v1/stats/overview?division={GAOXING}").json()
    county = api.get(f"/api/v1/stats/overview?division={COUNTY}").json()

    # 高兴镇: 47 checkpoints, 47 persuasion teams, 108 gatherings cancelled.
    assert (
        gaoxing["checkpoints"] == 47 == Checkpoint.objects.filter(division_code__startswith=GAOXING).count()
    )
    assert (
        gaoxing["persuasion_teams"]
        == 47
        == Team.objects.filter(division_code__startswith=GAOXING, kind="persuasion").count()
    )
    assert (
        gaoxing["gatherings_cancelled"]
        == 108
        == Gathering.objects.filter(division_code__startswith=GAOXING, outcome=Outcome.CANCELLED).count()
    )

    # County: the busiest checkpoint day, members, care money, working groups.
    busiest = county["busiest_checkpoint_day"]
    assert busiest["checkpoint"].endswith("兴国西出口") and busiest["date"] == "2020-01-28"
    assert busiest["vehicles"] >= 150
    members = Membership.objects.filter(kind__in=PARTY_KINDS).values("person")
    assert county["party_members"] == members.distinct().count()
    if demo["members"] >= 20_000:
        assert county["party_members"] >= 20_000
    paid = Disbursement.objects.filter(division_code__startswith=COUNTY).aggregate(s=Sum("amount_fen"))["s"]
    assert county["care_fund_disbursed_yuan"] == 371_000 == paid / 100
    assert county["working_groups"] == 4 == Organization.objects.filter(kind="working_group").count()

    # The dashboard shows the same numbers over the same period.
    web = Client()
    web.force_login(User.objects.get(username="county_admin"))
    response = web.get(f"/dashboard/{GAOXING}/?from=2000-01-01&to=2020-02-19")
    shown = {f["key"]: f["value"] for f in response.context["headline"]}
    assert (shown["checkpoints"], shown["persuasion_teams"], shown["gatherings_cancelled"]) == (47, 47, 108)
    response = web.get("/dashboard/?from=2000-01-01&to=2020-02-19")
    shown = {f["key"]: f["value"] for f in response.context["headline"]}
    assert shown["busiest_checkpoint_day"] == busiest
    assert shown["party_members"] == county["party_members"]
    assert shown["care_fund_disbursed_yuan"] == 371_000 and shown["working_groups"] == 4
    # The townships' ranking rows add up to the county's figure (checkpoint and quarantine records all
    # sit in a township; county organs' members do not, so that column only stays within it).
    rows = response.context["ranking"]["rows"]
    columns = [c["key"] for c in response.context["ranking"]["columns"]]
    for i, key in enumerate(columns):
        total = sum(r["values"][i] for r in rows)
        if key == "party_members":
            assert 0 < total <= shown[key]
        else:
            assert total == shown[key], key
    # …and the trend's days add up to the range figure over the same days.
    period = response.context["trend"]
    trend = {t["key"]: t["total"] for t in response.context["trends"]}
    assert set(trend) == set(SERIES_KEYS) and trend["vehicle_registrations"] > 0
    assert trend == compute(COUNTY, period.start, period.end, SERIES_KEYS)

    _adding_a_checkpoint_in_gaoxing_moves_47_to_48()


def _adding_a_checkpoint_in_gaoxing_moves_47_to_48():
    api = _api("gaoxing_admin")
    assert api.get("/api/v1/stats/overview").json()["checkpoints"] == 47
    Checkpoint.objects.create(
        name="高兴镇新卡点", kind="road", division_code=GAOXING, active_from=dt.date(2020, 2, 1)
    )
    assert api.get("/api/v1/stats/overview").json()["checkpoints"] == 48
