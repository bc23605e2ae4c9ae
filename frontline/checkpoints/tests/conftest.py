import datetime as dt
import uuid

import pytest

from frontline import testing
from frontline.checkpoints.models import Checkpoint, HighRiskArea
from frontline.checkpoints.services import shift_ensure
from frontline.checkpoints.shifts import slot_covering
from frontline.core import clock


@pytest.fixture
def xgwest(users):
    return Checkpoint.objects.create(
        name="泉南高速兴国西出口",
        kind="highway_exit",
        division_code=testing.GAOXING,
        active_from=clock.today() - dt.timedelta(days=30),
    )


@pytest.fixture
def shuitou_cp(users):
    """Another 高兴镇 checkpoint, on whose shifts the duty member is not."""
    return Checkpoint.objects.create(
        name="水头村口卡点",
        kind="road",
        division_code=testing.SHUITOU,
        active_from=clock.today() - dt.timedelta(days=30),
    )


@pytest.fixture
def junchun_cp(users):
    return Checkpoint.objects.create(
        name="均村集镇卡点",
        kind="road",
        division_code=testing.JUNCUN,
        active_from=clock.today() - dt.timedelta(days=30),
    )


@pytest.fixture
def hubei(users):
    return HighRiskArea.objects.create(
        code="42", name="湖北", valid_from=dt.date(2020, 1, 23), division_code=testing.COUNTY
    )


def put_on_shift(checkpoint, user, at=None, *, with_person=True):
    """Put a user (through their Person) on the shift of `checkpoint` covering `at` (default now)."""
    from frontline.checkpoints.models import ShiftAssignment

    at = at or clock.now()
    if with_person and user.person_id is None:
        user.person = testing.make_person(checkpoint.division_code, "值守队员")
        user.save(update_fields=["person"])
    start, end = slot_covering(checkpoint.shift_starts, at)
    shift = shift_ensure(checkpoint=checkpoint, start=start, end=end)
    return ShiftAssignment.objects.create(
        shift=shift,
        person=user.person if with_person else testing.make_person(checkpoint.division_code, "他人"),
        user=user,
        division_code=checkpoint.division_code,
    )


@pytest.fixture
def on_duty(users, xgwest):
    return put_on_shift(xgwest, users["xgwest_duty"])


def occupant(**kw):
    data = {
        "name": "钟伟",
        "id_number": testing.valid_id(),
        "phone": testing.valid_mobile(),
        "temperature": "36.5",
    }
    data.update(kw)
    return data


def payload(checkpoint, **kw):
    data = {
        "client_uuid": str(uuid.uuid4()),
        "checkpoint_id": checkpoint.pk,
        "plate": "赣B12345",
        "vehicle_type": "car",
        "direction": "in",
        "origin": {"code": "4403", "text": ""},
        "destination": {"code": testing.GAOXING, "text": "返乡"},
        "occupants": [occupant(), occupant(name="钟芳", phone="")],
    }
    data.update(kw)
    return data


def register(actor, checkpoint, **kw):
    from frontline.checkpoints.registration import registration_create

    data = payload(checkpoint, **kw)
    data.pop("checkpoint_id")
    return registration_create(actor=actor, checkpoint=checkpoint, **data)
