import io

import pytest
from django.core.management import call_command

from frontline.accounts.models import User
from frontline.demo.base import DEMO_USERS
from frontline.people.models import Cadre, Membership, Organization, Person
from frontline.regions.models import Division


@pytest.fixture
def seeded(db):
    call_command("seed_demo", members=600, quiet_logins=True, stdout=io.StringIO())


def test_divisions_are_xingguos(seeded):
    townships = Division.objects.filter(level="township")
    assert townships.count() == 26  # 9 towns, 16 townships, the industrial park
    assert Division.objects.get(code="360732104").name == "高兴镇"
    yuantang = Division.objects.get(name="园塘村")
    assert yuantang.parent_id == "360732217" and yuantang.code.startswith("360732217")
    assert Division.objects.filter(level="village").count() >= 250


def test_seed_is_idempotent(seeded):
    counts = (Person.objects.count(), Membership.objects.count(), Organization.objects.count())
    call_command("seed_demo", members=600, quiet_logins=True, stdout=io.StringIO())
    assert (Person.objects.count(), Membership.objects.count(), Organization.objects.count()) == counts


def test_demo_accounts_exist_with_their_jurisdictions(seeded):
    for username, _display, division, roles, _staff in DEMO_USERS:
        user = User.objects.get(username=username)
        assert user.division_id == division and user.roles == roles
    assert User.objects.get(username="yuantang_secretary").division.name == "园塘村"


def test_leading_group_has_four_working_groups_and_named_cadres(seeded):
    group = Organization.objects.get(kind="leading_group")
    assert group.children.filter(kind="working_group").count() == 4
    li = Cadre.objects.get(person__name="李良")
    assert li.kind == "first_secretary" and li.division_code == Division.objects.get(name="园塘村").code
    assert li.person.id_hash is None  # named in the public report: no identifiers attached


def test_synthetic_ids_are_valid_and_unique(seeded):
    from frontline.people.identifiers import parse_id_number
    from frontline.people.protection import reveal

    sample = Person.objects.filter(is_synthetic=True).exclude(id_hash=None)[:200]
    values = [reveal(p.id_number_enc) for p in sample]
    assert len(set(values)) == len(values) == 200
    for v in values:
        parse_id_number(v)


def test_members_spread_over_villages(seeded):
    members = Membership.objects.filter(kind__in=["party_member", "probationary"])
    assert members.count() >= 600
    assert members.values("division_code").distinct().count() >= 250
