import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from frontline.accounts.models import User
from frontline.checkpoints.models import Alert, Checkpoint, Registration, ShiftAssignment


@pytest.fixture
def seeded(db):
    call_command("seed_demo", members=600, quiet_logins=True, stdout=io.StringIO())


def test_checkpoint_demo_tells_the_xingguo_story(seeded):
    """One seed, several checks (seeding is the expensive part)."""
    _gaoxing_has_47_checkpoints_including_the_highway_exit()
    _xgwest_busiest_day_is_28_january_with_150_plus_vehicles()
    _xgwest_duty_is_on_the_shift_covering_19_february_daytime()
    _alerts_in_various_follow_up_states()


def _gaoxing_has_47_checkpoints_including_the_highway_exit():
    assert Checkpoint.objects.filter(division_code__startswith="360732104").count() == 47
    xgwest = Checkpoint.objects.get(name="泉南高速兴国西出口")
    assert xgwest.kind == "highway_exit" and xgwest.division_code == "360732104"
    others = Checkpoint.objects.exclude(division_code__startswith="360732104")
    assert others.values("division_code").count() > 100


def _xgwest_busiest_day_is_28_january_with_150_plus_vehicles():
    tz = timezone.get_current_timezone()
    per_day = (
        Registration.objects.annotate(day=TruncDate("registered_at", tzinfo=tz))
        .values("checkpoint__name", "day")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    top = per_day[0]
    assert (
        top["checkpoint__name"] == "泉南高速兴国西出口"
        and top["day"] == dt.date(2020, 1, 28)
        and top["n"] >= 150
    )
    assert per_day[1]["n"] < top["n"]
    first = Registration.objects.order_by("registered_at").first().registered_at
    last = Registration.objects.order_by("registered_at").last().registered_at
    assert timezone.localtime(first).date() == dt.date(2020, 1, 24)
    assert timezone.localtime(last).date() == dt.date(2020, 2, 19)
    assert Registration.objects.count() <= 20_000


def _xgwest_duty_is_on_the_shift_covering_19_february_daytime():
    duty = User.objects.get(username="xgwest_duty")
    noon = timezone.make_aware(dt.datetime(2020, 2, 19, 12, 0))
    assert duty.person_id
    assert ShiftAssignment.objects.filter(
        person=duty.person,
        shift__checkpoint__name="泉南高速兴国西出口",
        shift__start__lte=noon,
        shift__end__gt=noon,
    ).exists()


def _alerts_in_various_follow_up_states():
    kinds = set(Alert.objects.values_list("kind", flat=True))
    assert kinds == {"fever", "high_risk_origin", "high_risk_plate"}
    statuses = set(Alert.objects.values_list("status", flat=True))
    assert {"open", "cleared", "home_quarantine"} <= statuses
    assert not Alert.objects.exclude(status="open").filter(handled_by=None).exists()
