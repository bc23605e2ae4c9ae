"""The cadre profile's checkpoints, discipline and supervision sections: each count equals the
underlying records in the viewer's scope (page and API alike); the negative list shows only to roles
the discipline rule lets read it; village users are refused; the page's queries stay pinned."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from frontline import testing
from frontline.accounts.models import User
from frontline.checkpoints import services as checkpoints
from frontline.checkpoints.models import Checkpoint, Registration, ShiftAssignment
from frontline.checkpoints.registration import registration_create
from frontline.checkpoints.tests.conftest import payload
from frontline.core import clock, permissions
from frontline.core.policy import Policy
from frontline.discipline import pledges
from frontline.discipline import services as discipline
from frontline.discipline.models import AccountabilityCase, Assessment, Deed, NegativeEntry, Pledge
from frontline.discipline.tests import factories as f
from frontline.evaluation import profile
from frontline.supervision import services as supervision
from frontline.supervision.models import Finding, Rectification, Visit

TZ = timezone.get_current_timezone()
PAST = dt.date(2020, 2, 10)
# The whole profile page (session, cadre, every app's sections, forms): 38–39 today; a section
# that starts querying per item blows through it.
QUERIES = 40


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def _checkpoint(name, division):
    return Checkpoint.objects.create(
        name=name, kind="road", division_code=division, active_from=dt.date(2020, 1, 25)
    )


def _serve(admin, checkpoint, person, day, *, check_out=True):
    """A shift of `person` on `day` at 08:00 (checked in, and out unless told otherwise)."""
    a = checkpoints.shift_assign(actor=admin, checkpoint=checkpoint, at=_at(day, 9), person=person)
    checkpoints.shift_check_in(actor=admin, assignment=a, at=_at(day, 7, 55))
    if check_out:
        checkpoints.shift_check_out(actor=admin, assignment=a, at=_at(day, 20, 5))
    return a


def _account(username, person, division=testing.GAOXING):
    return User.objects.create(
        username=username, division_id=division, roles=["checkpoint_duty"], person=person
    )


def _register(actor, checkpoint, plate):
    data = payload(checkpoint, plate=plate)
    data.pop("checkpoint_id")
    return registration_create(actor=actor, checkpoint=checkpoint, **data)[0]


def _negative(users, cadre, facts, *, decide=None):
    entry = discipline.negative_entry_create(
        actor=users["county_discipline"], cadre=cadre, category="inaction", facts=facts, occurred_on=PAST
    )
    if decide:
        for status in ("under_review", "confirmed"):
            entry = discipline.negative_entry_review(
                actor=users["county_discipline"], entry=entry, status=status, note="核实"
            )
        case = discipline.case_open(actor=users["county_discipline"], entry=entry)
        discipline.case_decide(
            actor=users["county_discipline"],
            case=case,
            outcome=decide,
            decision="对其诫勉谈话",
            decided_by="县纪委",
            decided_on=dt.date(2020, 2, 15),
        )
    return entry


@pytest.fixture
def township_cadre(users):
    """A 高兴镇 committee cadre (a party member) with records in checkpoints and discipline."""
    admin = users["gaoxing_admin"]
    cadre = f.org_cadre(testing.GAOXING, "镇干部甲")
    person = cadre.person
    other = f.org_cadre(testing.GAOXING, "镇干部乙").person
    xgwest = _checkpoint("兴国西出口", testing.GAOXING)
    shuitou = _checkpoint("水头村口卡点", testing.SHUITOU)
    juncun = _checkpoint("均村集镇卡点", testing.JUNCUN)
    # Shifts: three served in 高兴镇, one in 均村乡 (outside 高兴镇's scope), one not checked out,
    # and another cadre's served shift.
    for day, cp in (
        (PAST, xgwest),
        (PAST + dt.timedelta(days=1), shuitou),
        (PAST + dt.timedelta(days=2), xgwest),
    ):
        _serve(admin, cp, person, day)
    _serve(users["county_admin"], juncun, person, PAST + dt.timedelta(days=3))
    _serve(admin, xgwest, person, PAST + dt.timedelta(days=4), check_out=False)
    _serve(admin, xgwest, other, PAST)
    # Registrations from both of the person's accounts, on a shift now; one by somebody else.
    first, second = _account("zhen_a", person), _account("zhen_a2", person)
    checkpoints.shift_assign(actor=admin, checkpoint=xgwest, at=clock.now(), person=person)
    for i in range(3):
        _register(first, xgwest, f"赣B1000{i}")
    _register(second, xgwest, "赣B20000")
    checkpoints.shift_assign(actor=admin, checkpoint=xgwest, at=clock.now(), person=other)
    _register(_account("zhen_b", other), xgwest, "赣B30000")
    # 十带头 pledge and deeds (besides the deeds work produced above), 党性体检.
    pledges.pledge_bulk_record(actor=admin, people=[person, other], pledged_on=PAST)
    for what in ("组织村民代购物资", "宣讲防疫知识"):
        pledges.deed_create(
            actor=admin, person=person, item="volunteer", what=what, happened_at=_at(PAST, 10)
        )
    pledges.deed_create(
        actor=admin, person=other, item="volunteer", what="别人的事迹", happened_at=_at(PAST, 10)
    )
    pledges.assessment_record(actor=admin, person=person, rating="good", comments="值守认真")
    # 负面清单: one entry decided into an accountability case, one only recorded; another cadre's.
    _negative(users, cadre, "两次催办仍未落实摸排", decide="admonition")
    _negative(users, cadre, "卡点夜间脱岗一次")
    _negative(users, f.org_cadre(testing.GAOXING, "镇干部丙"), "别人的记录内容")
    return cadre


@pytest.fixture
def department_leader(users):
    """A county organization department leader who supervised two townships."""
    admin = users["county_admin"]
    leader = f.org_cadre(testing.COUNTY, "部领导甲")
    other = f.org_cadre(testing.COUNTY, "部领导乙").person
    for code, n in ((testing.GAOXING, 2), (testing.JUNCUN, 1)):
        visit = supervision.visit_create(
            actor=admin, leader=leader.person, division_code=code, visited_on=PAST, checked="卡点值守情况"
        )
        for k in range(n):
            finding = supervision.finding_create(actor=admin, visit=visit, text=f"问题{k}")
            item = supervision.rectification_create(
                actor=admin, finding=finding, action="补齐夜间值守", owner="乡党委组织委员", deadline=PAST
            )
        supervision.rectification_close(actor=admin, item=item, note="已整改到位并报送", closed_on=PAST)
    visit = supervision.visit_create(
        actor=admin, leader=other, division_code=testing.GAOXING, visited_on=PAST, checked="别人的督导"
    )
    supervision.finding_create(actor=admin, visit=visit, text="别人的发现")
    return leader


def _counts_from_api(api_for, username, cadre):
    body = api_for(username).get(f"/api/v1/evaluation/cadres/{cadre.pk}/profile").json()
    return {s["key"]: s["count"] for s in body["sections"]}


def _counts_from_page(client_for, username, cadre):
    html = client_for(username).get(f"/evaluation/cadres/{cadre.pk}/").content.decode()
    return {k: int(n) for k, n in re.findall(r'data-key="([\w.]+)"><b>(\d+)</b>', html)}


def _expected_township(person, *, prefix=""):
    """The underlying records, counted straight from the models (within `prefix`)."""
    within = {"division_code__startswith": prefix}
    return {
        "checkpoints.shifts": ShiftAssignment.objects.filter(
            person=person, checked_out_at__isnull=False, **within
        ).count(),
        "checkpoints.registrations": Registration.objects.filter(
            registered_by__person=person, **within
        ).count(),
        "discipline.pledge": Pledge.objects.filter(person=person, **within).count(),
        "discipline.deeds": Deed.objects.filter(person=person, **within).count(),
        "discipline.assessments": Assessment.objects.filter(person=person, **within).count(),
        "discipline.negative": NegativeEntry.objects.filter(cadre__person=person, **within).count(),
        "discipline.cases": AccountabilityCase.objects.filter(entry__cadre__person=person, **within).count(),
    }


def test_township_cadre_counts_equal_the_underlying_records(users, township_cadre, api_for, client_for):
    person = township_cadre.person
    county = _expected_township(person)
    # The work itself produced deeds: 4 shifts served and one per day of registrations, plus 2 by hand.
    assert county == {
        "checkpoints.shifts": 4,
        "checkpoints.registrations": 4,
        "discipline.pledge": 1,
        "discipline.deeds": 2 + 4 + 1,
        "discipline.assessments": 1,
        "discipline.negative": 2,
        "discipline.cases": 1,
    }
    township = _expected_township(person, prefix=testing.GAOXING)
    assert township == {**county, "checkpoints.shifts": 3}  # the 均村乡 shift is out of 高兴镇's scope
    for username, expected in (
        ("county_admin", county),
        ("county_leader", county),
        ("gaoxing_admin", township),
    ):
        for counts in (
            _counts_from_api(api_for, username, township_cadre),
            _counts_from_page(client_for, username, township_cadre),
        ):
            assert {k: v for k, v in counts.items() if k in expected} == expected, username
            # A cadre who led no supervision visits still gets the (empty) sections.
            assert counts["supervision.visits"] == counts["supervision.findings"] == 0


def test_department_leader_supervision_counts_equal_the_underlying_records(
    users, department_leader, api_for, client_for
):
    person = department_leader.person
    expected = {
        "supervision.visits": Visit.objects.filter(leader=person).count(),
        "supervision.findings": Finding.objects.filter(visit__leader=person).count(),
        "supervision.rectifications": Rectification.objects.filter(finding__visit__leader=person).count(),
    }
    assert expected == {"supervision.visits": 2, "supervision.findings": 3, "supervision.rectifications": 3}
    for username in ("county_admin", "county_leader"):
        for counts in (
            _counts_from_api(api_for, username, department_leader),
            _counts_from_page(client_for, username, department_leader),
        ):
            assert {k: v for k, v in counts.items() if k in expected} == expected
            # Each visit is also the leader's 十带头 deed (supervision_visit).
            assert counts["discipline.deeds"] == Deed.objects.filter(person=person).count() == 2
    html = client_for("county_admin").get(f"/evaluation/cadres/{department_leader.pk}/").content.decode()
    assert "卡点值守情况" in html and "补齐夜间值守" in html and "别人的督导" not in html
    # A county cadre is outside a township's scope: the profile answers like a missing one.
    assert client_for("gaoxing_admin").get(f"/evaluation/cadres/{department_leader.pk}/").status_code == 404


def test_every_link_on_the_profile_opens(users, township_cadre, department_leader, client_for):
    client = client_for("county_admin")
    policy = Policy(users["county_admin"])
    for cadre in (township_cadre, department_leader):
        urls = set()
        for section in profile.sections_for(cadre.person, policy):
            assert not section.unavailable, section.key
            urls.add(section.url)
            urls.update(i.url for i in section.items)
        for url in urls - {None}:
            assert client.get(url).status_code == 200, url


def test_accountability_outcomes_come_from_decided_cases(users, township_cadre, client_for):
    items = profile.accountability_for(township_cadre.person, Policy(users["county_admin"]))
    case = AccountabilityCase.objects.get()
    assert [(i.date, i.badge) for i in items] == [(dt.date(2020, 2, 15), case.get_outcome_display())]
    assert "对其诫勉谈话" in items[0].text and "县纪委" in items[0].text
    html = client_for("gaoxing_admin").get(f"/evaluation/cadres/{township_cadre.pk}/").content.decode()
    assert "对其诫勉谈话" in html


def test_every_profile_reader_may_read_the_negative_list():
    """Evaluation readers are a subset of 负面清单 readers today; the next test covers the day they are not."""
    assert permissions.roles_for("evaluation.view") <= permissions.roles_for("discipline.negative_view")


def test_negative_list_hidden_from_a_profile_reader_the_discipline_rule_does_not_allow(
    users, township_cadre, api_for, client_for, monkeypatch
):
    narrowed = permissions.roles_for("discipline.negative_view") - {"township_admin"}
    monkeypatch.setitem(permissions._REGISTRY, "discipline.negative_view", narrowed)
    counts = _counts_from_api(api_for, "gaoxing_admin", township_cadre)
    assert "discipline.negative" not in counts and "discipline.cases" not in counts
    assert counts["discipline.deeds"] == Deed.objects.filter(person=township_cadre.person).count()
    html = client_for("gaoxing_admin").get(f"/evaluation/cadres/{township_cadre.pk}/").content.decode()
    assert "两次催办仍未落实摸排" not in html and "对其诫勉谈话" not in html
    assert 'data-key="discipline.negative"' not in html
    assert profile.accountability_for(township_cadre.person, Policy(users["gaoxing_admin"])) == []
    # The county still sees them.
    assert _counts_from_api(api_for, "county_admin", township_cadre)["discipline.negative"] == 2


def test_discipline_sections_follow_the_discipline_rule_not_the_profile(users, township_cadre):
    """A role that reads deeds but not the negative list (village secretary), given the township's
    scope so that only the rule, not the jurisdiction, can hide the entries."""
    from frontline.discipline import cadre_profile

    village = User.objects.create(
        username="secretary_at_township", division_id=testing.GAOXING, roles=["village_secretary"]
    )
    keys = [s.key for s in cadre_profile.sections(township_cadre.person, Policy(village))]
    assert keys == ["discipline.pledge", "discipline.deeds", "discipline.assessments"]
    assert cadre_profile.accountability(township_cadre.person, Policy(village)) == []


@pytest.mark.parametrize(
    "username", ["yuantang_secretary", "tangshi_secretary", "yuantang_grid", "xgwest_duty"]
)
def test_village_and_duty_users_are_refused_the_profile(township_cadre, api_for, client_for, username):
    response = client_for(username).get(f"/evaluation/cadres/{township_cadre.pk}/")
    assert response.status_code == 403
    assert "镇干部甲" not in response.content.decode()
    assert api_for(username).get(f"/api/v1/evaluation/cadres/{township_cadre.pk}/profile").status_code == 403


def test_profile_page_queries_are_pinned(
    users, township_cadre, department_leader, client_for, django_assert_max_num_queries
):
    client = client_for("county_admin")
    for cadre in (township_cadre, department_leader):
        with django_assert_max_num_queries(QUERIES):
            assert client.get(f"/evaluation/cadres/{cadre.pk}/").status_code == 200


def test_profile_queries_do_not_grow_with_the_records(
    users, township_cadre, client_for, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("gaoxing_admin")
    url = f"/evaluation/cadres/{township_cadre.pk}/"
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    admin = users["gaoxing_admin"]
    for i in range(12):
        pledges.deed_create(
            actor=admin, person=township_cadre.person, item="post", what=f"事迹{i}", happened_at=_at(PAST, 11)
        )
        _serve(
            admin,
            Checkpoint.objects.get(name="兴国西出口"),
            township_cadre.person,
            PAST - dt.timedelta(days=i + 1),
        )
    with django_assert_num_queries(len(before)):
        client.get(url)
