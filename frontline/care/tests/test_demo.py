"""The demo tells Xingguo's story: 37.1万元 of party dues, fully disbursed, families of Hubei-aid
medical staff visited, medical professionals in the title-promotion pool."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Sum

from frontline.care.models import Allocation, Disbursement, Visit
from frontline.evaluation.models import Commendation, Observation, PoolEntry


@pytest.fixture
def seeded(db):
    call_command("seed_demo", members=600, quiet_logins=True, stdout=io.StringIO())


def test_demo_allocation_of_371000_yuan_is_fully_disbursed(seeded):
    allocation = Allocation.objects.get()
    assert allocation.source == "party_dues" and allocation.amount_fen == 37_100_000
    assert allocation.disbursed_fen == 37_100_000 and allocation.balance_fen == 0
    assert Disbursement.objects.aggregate(s=Sum("amount_fen"))["s"] == 37_100_000
    categories = set(Disbursement.objects.values_list("category", flat=True))
    assert {
        "medical_worker",
        "party_member",
        "grassroots_cadre",
        "hubei_aid_family",
        "frontline_org",
    } <= categories


def test_demo_visits_include_hubei_aid_families_with_their_money(seeded):
    families = Visit.objects.filter(category="hubei_aid_family")
    assert families.count() >= 10
    assert all(
        v.disbursement_id and v.disbursement.recipient_person_id == v.recipient_person_id for v in families
    )


def test_demo_assessments_feed_pools(seeded):
    assert Observation.objects.count() > 100 and Commendation.objects.count() >= 10
    medical = PoolEntry.objects.filter(pool="title_promotion", automatic=True)
    assert medical.exists()
    assert all(e.person.cadre.profession == "medical" for e in medical)
    assert {"title_promotion", "post_promotion", "honours", "rank_promotion", "exam_recruitment"} <= set(
        PoolEntry.objects.values_list("pool", flat=True)
    )
    assert all(e.justifications.exists() for e in PoolEntry.objects.all())
