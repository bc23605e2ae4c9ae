"""purge_expired over the whole demo: every expired personal record goes, history included;
anonymous counts and the audit trail stay; party members (not expired) stay."""

import io
from pathlib import Path

from django.core.management import call_command

from frontline.audit.models import AuditEvent
from frontline.checkpoints.models import Occupant, Registration
from frontline.core.files import referenced_names
from frontline.core.models import PurgedCount
from frontline.core.retention import unreferenced_people
from frontline.people.models import Membership, Person
from frontline.quarantine.models import CheckIn, Quarantine, QuarantineEvent, Returnee


def test_purge_after_the_epidemic_removes_personal_records_everywhere(
    db, settings, django_capture_on_commit_callbacks
):
    settings.FRONTLINE_TODAY = "2020-02-19"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", members=200, quiet_logins=True, stdout=io.StringIO())
    media = Path(settings.MEDIA_ROOT)
    stored = [p for p in media.rglob("*") if p.is_file()]
    assert stored  # the demo's import (its error workbook)
    registrations = Registration.objects.count()
    ended = Quarantine.objects.filter(ended_on__isnull=False).count()
    members = Membership.objects.count()
    assert registrations and ended and Occupant.objects.exists() and CheckIn.objects.exists()

    settings.FRONTLINE_TODAY = "2021-06-01"
    settings.FRONTLINE_PERSON_RETENTION_DAYS = 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=io.StringIO())

    assert Registration.objects.count() == Occupant.objects.count() == 0
    assert not Quarantine.objects.filter(ended_on__isnull=False).exists()
    assert not CheckIn.objects.filter(quarantine__ended_on__isnull=False).exists()
    assert not QuarantineEvent.objects.filter(quarantine__ended_on__isnull=False).exists()
    assert not Returnee.objects.filter(return_date__lt="2020-12-01").exists()
    # Anonymous counts keep the history: as many registrations counted as were deleted.
    counted = sum(PurgedCount.objects.filter(rule="checkpoints.registration").values_list("count", flat=True))
    assert counted == registrations
    # Members and cadres are not expired; people nothing references any more are gone.
    assert Membership.objects.count() == members
    assert unreferenced_people(Person.objects.all()).count() == 0
    purge_events = AuditEvent.objects.filter(action="purge")
    assert purge_events.filter(object_type="checkpoints.registration").get().count == registrations
    assert all("身份" not in str(e.detail) for e in purge_events)
    # Stored files went with their rows: what is left on disk is what rows still reference.
    left = {p.relative_to(media).as_posix() for p in stored if p.exists()}
    assert left <= referenced_names()
