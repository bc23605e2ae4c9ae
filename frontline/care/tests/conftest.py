import datetime as dt

import pytest

from frontline.care import services
from frontline.people.models import Organization
from frontline.testing import COUNTY, GAOXING, SHUITOU, TANGSHI, YUANTANG, make_person


@pytest.fixture
def allocation(users):
    return services.allocation_create(
        actor=users["county_finance"],
        title="党费慰问",
        amount_fen=100_000,  # 1,000.00 yuan
        decided_on=dt.date(2020, 2, 5),
        decided_by="县委组织部",
        document_number="兴组字〔2020〕9号",
        division_code=COUNTY,
    )


@pytest.fixture
def recipients(users):
    return {
        "yuantang": make_person(YUANTANG, "园塘医生"),
        "tangshi": make_person(TANGSHI, "塘石党员"),
        "shuitou": make_person(SHUITOU, "水头干部"),
        "gaoxing_org": Organization.objects.create(
            name="中共高兴镇委员会", kind="township_committee", division_code=GAOXING
        ),
    }


def pay(actor, allocation, person, fen, voucher, **kw):
    return services.disbursement_create(
        actor=actor,
        allocation=allocation,
        category=kw.pop("category", "medical_worker"),
        amount_fen=fen,
        recipient_person=person,
        approver="部务会",
        voucher_number=voucher,
        paid_on=kw.pop("paid_on", dt.date(2020, 2, 10)),
        **kw,
    )
