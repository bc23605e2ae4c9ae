import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from frontline.audit.models import AuditEvent
from frontline.core import retention
from frontline.core.models import PurgedCount
from frontline.people.models import Membership, Organization, Person
from frontline.testing import SHUITOU, YUANTANG, make_person


@pytest.fixture
def test_rule(monkeypatch):
    rule = retention.RetentionRule(
        key="test.person", model=Person, date_field="created_at", days=10, purpose="test", q=None
    )
    monkeypatch.setattr(retention, "_RULES", {"test.person": rule})
    monkeypatch.setattr(retention, "_discovered", True)
    return rule


def test_purge_deletes_expired_rows_keeps_counts_and_an_identifier_free_audit(users, test_rule, settings):
    settings.FRONTLINE_TODAY = "2020-03-31"
    old = [make_person(YUANTANG, "旧1"), make_person(SHUITOU, "旧2")]
    Person.objects.filter(pk__in=[p.pk for p in old]).update(
        created_at=timezone.make_aware(dt.datetime(2020, 2, 1, 10))
    )
    keep = make_person(YUANTANG, "新")
    Person.objects.filter(pk=keep.pk).update(created_at=timezone.make_aware(dt.datetime(2020, 3, 30, 10)))
    call_command("purge_expired", stdout=io.StringIO())
    assert list(Person.objects.values_list("name", flat=True)) == ["新"]
    counts = {(c.division_code, c.day): c.count for c in PurgedCount.objects.all()}
    assert counts == {(YUANTANG, dt.date(2020, 2, 1)): 1, (SHUITOU, dt.date(2020, 2, 1)): 1}
    event = AuditEvent.objects.get(action="purge", object_type="test.person")
    assert event.count == 2 and "旧" not in str(event.detail)


def test_dry_run_deletes_nothing(users, test_rule, settings):
    settings.FRONTLINE_TODAY = "2020-03-31"
    p = make_person(YUANTANG, "旧")
    Person.objects.filter(pk=p.pk).update(created_at=timezone.make_aware(dt.datetime(2020, 2, 1, 10)))
    call_command("purge_expired", "--dry-run", stdout=io.StringIO())
    assert Person.objects.count() == 1 and not PurgedCount.objects.exists()


def test_unreferenced_people_are_purged_members_are_kept(users, monkeypatch, settings):
    monkeypatch.setattr(retention, "_RULES", {})
    monkeypatch.setattr(retention, "_discovered", True)
    settings.FRONTLINE_PERSON_RETENTION_DAYS = 30
    _lone, member = make_person(YUANTANG, "无关联"), make_person(YUANTANG, "党员")
    branch = Organization.objects.create(name="支部", kind="village_branch", division_code=YUANTANG)
    Membership.objects.create(person=member, organization=branch, kind="party_member", division_code=YUANTANG)
    Person.objects.update(updated_at=timezone.now() - dt.timedelta(days=60))
    call_command("purge_expired", stdout=io.StringIO())
    assert list(Person.objects.values_list("name", flat=True)) == ["党员"]


def test_rules_can_be_listed(users):
    out = io.StringIO()
    call_command("purge_expired", "--list", stdout=out)
    assert "people.person" in out.getvalue()
