import datetime as dt

from frontline import testing
from frontline.checkpoints.tests.conftest import occupant, put_on_shift, register
from frontline.core import clock
from frontline.core.figures import compute


def test_figures_count_within_the_division_and_days(users, xgwest, junchun_cp, hubei):
    today = clock.today()
    yesterday = clock.now() - dt.timedelta(days=1)
    put_on_shift(xgwest, users["xgwest_duty"])
    for _ in range(3):
        register(users["gaoxing_admin"], xgwest, registered_at=yesterday)
    register(users["gaoxing_admin"], xgwest, plate="鄂A12345", occupants=[occupant(temperature="38.0")])
    register(users["junchun_admin"], junchun_cp)
    keys = [
        "checkpoints",
        "shifts_staffed_now",
        "vehicle_registrations",
        "people_registered",
        "fevers",
        "open_alerts",
        "busiest_checkpoint_day",
    ]
    got = compute(testing.GAOXING, today - dt.timedelta(days=7), today, keys)
    assert got["checkpoints"] == 1 and got["shifts_staffed_now"] == 1
    assert got["vehicle_registrations"] == 4 and got["people_registered"] == 7
    assert got["fevers"] == 1 and got["open_alerts"] == 2  # fever + 鄂 plate
    assert got["busiest_checkpoint_day"] == {
        "checkpoint": "泉南高速兴国西出口",
        "date": (today - dt.timedelta(days=1)).isoformat(),
        "vehicles": 3,
    }
    only_today = compute(testing.GAOXING, today, today, ["vehicle_registrations", "busiest_checkpoint_day"])
    assert only_today["vehicle_registrations"] == 1 and only_today["busiest_checkpoint_day"]["vehicles"] == 1
    assert compute(testing.COUNTY, today, today, ["vehicle_registrations"])["vehicle_registrations"] == 2
    assert (
        compute(testing.YUANTANG, today, today, ["busiest_checkpoint_day"])["busiest_checkpoint_day"] is None
    )
