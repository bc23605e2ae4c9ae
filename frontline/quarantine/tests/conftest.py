import datetime as dt

import pytest
from django.utils import timezone

from frontline.core import clock
from frontline.people.models import Cadre, Membership, Organization
from frontline.quarantine.models import Campaign, Quarantine, QuarantineEvent, Status, TeamMember
from frontline.testing import CHANGGANG, TANGSHI, YUANTANG, make_person

TZ = timezone.get_current_timezone()


def at(day: str, hm: str = "10:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hm}").replace(tzinfo=TZ)


@pytest.fixture
def freeze(monkeypatch):
    """freeze("2020-02-19", "10:00"): the clock (today/now) stands there for services and selectors."""

    def set_(day: str, hm: str = "10:00"):
        moment = at(day, hm)
        monkeypatch.setattr(clock, "now", lambda: moment)
        monkeypatch.setattr(clock, "today", lambda: moment.date())
        return moment

    set_("2020-02-19", "10:00")
    return set_


@pytest.fixture
def campaign(db):
    return Campaign.objects.create(
        name="2020年春节返乡人员摸排", division_code="360732", starts_on=dt.date(2020, 1, 20)
    )


def make_quarantine(
    division=YUANTANG, *, start="2020-02-10", hm="09:00", days=14, name="隔离人", status=Status.ACTIVE
):
    person = make_person(division, name)
    started = at(start, hm)
    q = Quarantine.objects.create(
        person=person,
        division_code=division,
        started_at=started,
        start_date=started.date(),
        ends_on=started.date() + dt.timedelta(days=days - 1),
        status=status,
    )
    QuarantineEvent.objects.create(
        quarantine=q,
        division_code=division,
        at=started,
        to_status=Status.ACTIVE,
        reason="start",
        new_ends_on=q.ends_on,
    )
    return q


@pytest.fixture
def team_people(users):
    """李良-like cadre linked to yuantang_secretary, a doctor linked to yuantang_doctor, a township police officer."""
    cadre = make_person(YUANTANG, "包村干部")
    doctor = make_person(YUANTANG, "村医")
    police = make_person(CHANGGANG, "民警")
    users["yuantang_doctor"].person = doctor
    users["yuantang_doctor"].save()
    for person, position, profession in (
        (cadre, "包村干部", ""),
        (doctor, "乡村医生", "medical"),
        (police, "派出所民警", "police"),
    ):
        Cadre.objects.create(
            person=person,
            kind="cadre",
            position=position,
            profession=profession,
            division_code=person.division_code,
        )
    return {"cadre": cadre, "doctor": doctor, "police": police}


@pytest.fixture
def quarantine(users, team_people, freeze):
    q = make_quarantine()
    for role, person in team_people.items():
        TeamMember.objects.create(quarantine=q, role=role, person=person, division_code=q.division_code)
    return q


@pytest.fixture
def neighbour_quarantine(users, freeze):
    return make_quarantine(TANGSHI, name="塘石隔离人")


@pytest.fixture
def party_member(users):
    branch = Organization.objects.create(name="园塘村党支部", kind="village_branch", division_code=YUANTANG)
    person = make_person(YUANTANG, "代购党员")
    Membership.objects.create(person=person, organization=branch, kind="party_member", division_code=YUANTANG)
    return person
