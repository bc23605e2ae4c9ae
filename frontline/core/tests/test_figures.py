import datetime as dt

from django.utils import timezone

from frontline.audit.models import AuditEvent
from frontline.audit.services import audit_record
from frontline.core.figures import all_figures, build_count_figure, compute, get_figure
from frontline.people.models import Membership, Organization
from frontline.testing import COUNTY, GAOXING, SHUITOU, TANGSHI, YUANTANG, make_person


def _events(db_divisions):
    for code, n in db_divisions:
        for _ in range(n):
            audit_record(actor=None, action="create", object_type="x.y", division_code=code)


def test_declarative_total_grouped_and_series_agree(db):
    _events([(YUANTANG, 3), (TANGSHI, 2), (SHUITOU, 4)])
    fig = build_count_figure("test_events", "events", model=AuditEvent, date_field="at")
    today = timezone.localdate()
    assert fig.fn(COUNTY, today, today) == 9
    assert fig.fn(GAOXING, today, today) == 4
    assert fig.grouped(COUNTY, today, today, 9) == {"360732217": 5, "360732104": 4}
    assert fig.series(COUNTY, today - dt.timedelta(days=3), today) == {today: 9}
    assert fig.fn(COUNTY, today - dt.timedelta(days=3), today - dt.timedelta(days=1)) == 0


def test_party_members_figure_counts_memberships_in_the_subtree(users):
    branch = Organization.objects.create(name="园塘村党支部", kind="village_branch", division_code=YUANTANG)
    other = Organization.objects.create(name="水头村党支部", kind="village_branch", division_code=SHUITOU)
    for org, code, n in ((branch, YUANTANG, 3), (other, SHUITOU, 2)):
        for _ in range(n):
            Membership.objects.create(
                person=make_person(code), organization=org, kind="party_member", division_code=code
            )
    Membership.objects.create(
        person=make_person(YUANTANG), organization=branch, kind="activist", division_code=YUANTANG
    )
    day = dt.date(2020, 2, 19)
    assert compute(COUNTY, day, day, ["party_members"]) == {"party_members": 5}
    assert get_figure("party_members").grouped(COUNTY, day, day, 9) == {"360732217": 3, "360732104": 2}


def test_every_registered_figure_has_a_unique_key_and_a_label():
    keys = [f.key for f in all_figures()]
    assert len(keys) == len(set(keys)) and all(str(f.label) for f in all_figures())


def test_figures_of_datetime_records_count_whole_local_days(users):
    """A record a minute before local midnight belongs to that day, one at midnight to the next
    (discipline's negative-list entries, declared with count_figure)."""
    from frontline.discipline.models import NegativeEntry
    from frontline.discipline.tests.factories import org_cadre

    cadre = org_cadre(YUANTANG)
    tz = timezone.get_current_timezone()
    day = dt.date(2020, 2, 18)
    for at in (dt.datetime(2020, 2, 18, 0, 0, tzinfo=tz), dt.datetime(2020, 2, 18, 23, 59, tzinfo=tz)):
        NegativeEntry.objects.create(
            cadre=cadre, category="other", facts="x", occurred_on=day, recorded_at=at, division_code=YUANTANG
        )
    NegativeEntry.objects.create(
        cadre=cadre,
        category="other",
        facts="x",
        occurred_on=day,
        recorded_at=dt.datetime(2020, 2, 19, 0, 0, tzinfo=tz),
        division_code=YUANTANG,
    )
    assert compute(COUNTY, day, day, ["negative_list_entries"]) == {"negative_list_entries": 2}
    assert get_figure("negative_list_entries").series(COUNTY, day, day + dt.timedelta(days=1)) == {
        day: 2,
        day + dt.timedelta(days=1): 1,
    }
