import pytest

from frontline.community import services
from frontline.community.models import Team
from frontline.people.models import Membership, Organization
from frontline.testing import TANGSHI, YUANTANG, make_person


@pytest.fixture
def demo_day(settings):
    settings.FRONTLINE_TODAY = "2020-02-19"


@pytest.fixture
def yt(users, demo_day):
    """园塘村: a branch with three members (one of them the leader 李良) and a patrol team."""
    branch = Organization.objects.create(name="园塘村党支部", kind="village_branch", division_code=YUANTANG)
    people = [make_person(YUANTANG, name) for name in ("李良", "钟华", "陈芳")]
    for p in people:
        Membership.objects.create(person=p, organization=branch, kind="party_member", division_code=YUANTANG)
    team = services.team_create(
        actor=users["yuantang_secretary"],
        kind="patrol",
        name="园塘村疫情防控宣传巡逻队",
        division_code=YUANTANG,
        leader=people[0].pk,
        members=[p.pk for p in people],
    )
    return {"people": people, "team": team, "leader": people[0]}


@pytest.fixture
def ts(users, demo_day):
    """塘石村, the neighbour village: one member and one persuasion team."""
    person = make_person(TANGSHI, "刘强")
    team = services.team_create(
        actor=users["tangshi_secretary"],
        kind="persuasion",
        name="塘石村宣传劝导队",
        division_code=TANGSHI,
        leader=person.pk,
    )
    return {"person": person, "team": team}


@pytest.fixture
def events():
    """Work events announced during the test: [(kind, person, obj)]."""
    from frontline.core.events import work_done

    seen = []

    def receiver(sender, event, **kwargs):
        seen.append((event.kind, event.person, event.obj))

    work_done.connect(receiver, weak=False, dispatch_uid="community-test")
    yield seen
    work_done.disconnect(dispatch_uid="community-test")


def team_of(division: str) -> Team:
    return Team.objects.filter(division_code=division).first()
