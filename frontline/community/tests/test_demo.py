import datetime as dt
import io

import pytest
from django.core.management import call_command

from frontline.community.models import PatrolLog, ProduceListing, ProduceOrder, Team
from frontline.core.figures import compute

GAOXING, YUANTANG = "360732104", "360732217203"


@pytest.fixture
def seeded(db, settings):
    settings.FRONTLINE_TODAY = "2020-02-19"
    call_command("seed_demo", members=300, quiet_logins=True, stdout=io.StringIO())


def test_demo_gives_gaoxing_47_persuasion_teams_and_108_banquets_cancelled(seeded):
    figures = compute(
        GAOXING, dt.date(2000, 1, 1), dt.date(2020, 2, 19), ["persuasion_teams", "gatherings_cancelled"]
    )
    assert figures == {"persuasion_teams": 47, "gatherings_cancelled": 108}
    assert Team.objects.filter(kind="persuasion", division_code__startswith=GAOXING).count() == 47


def test_demo_yuantang_patrol_team_led_by_li_liang_with_gongs_and_loudspeakers(seeded):
    team = Team.objects.get(kind="patrol", division_code=YUANTANG)
    assert team.leader.name == "李良" and team.leader.id_hash is None
    methods = {m for log in PatrolLog.objects.filter(team=team) for m in log.methods}
    assert {"gong", "loudspeaker"} <= methods
    assert ProduceListing.objects.filter(division_code=YUANTANG).exists()
    assert ProduceOrder.objects.filter(division_code__startswith=YUANTANG, status="delivered").exists()
    yt = compute(YUANTANG, dt.date(2000, 1, 1), dt.date(2020, 2, 19), ["job_matches", "produce_sales_yuan"])
    assert yt["job_matches"] > 0 and yt["produce_sales_yuan"] > 0
