"""Evidence of negative-list entries and photos of deeds expire before their rows: 30 days after a
dismissal, two years after a confirmation, a year after the deed. The rows stay."""

import datetime as dt
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from frontline.discipline.models import Deed, NegativeEntry
from frontline.people.models import Cadre
from frontline.testing import YUANTANG, make_person


def _aware(day: str):
    return timezone.make_aware(dt.datetime.fromisoformat(f"{day}T10:00"))


def _entry(status, reviewed, facts):
    cadre = Cadre.objects.create(
        person=make_person(YUANTANG, "被查干部"), kind="village_cadre", division_code=YUANTANG
    )
    entry = NegativeEntry(
        cadre=cadre,
        category="inaction",
        facts=facts,
        occurred_on=dt.date(2020, 2, 1),
        status=status,
        recorded_at=_aware("2020-02-02"),
        reviewed_at=_aware(reviewed) if reviewed else None,
        division_code=YUANTANG,
    )
    entry.evidence.save("evidence.jpg", ContentFile(b"jpeg"), save=False)
    entry.save()
    return entry


def _purge(settings, today, capture):
    settings.FRONTLINE_TODAY = today
    with capture(execute=True):
        call_command("purge_expired", stdout=io.StringIO())


def test_negative_entry_evidence_expires_by_outcome_and_the_entries_stay(
    users, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    entries = [
        _entry("dismissed", "2020-02-10", "dismissed long ago"),
        _entry("dismissed", "2020-04-25", "dismissed lately"),
        _entry("confirmed", "2020-02-10", "confirmed"),
        _entry("under_review", None, "open"),
    ]
    paths = {e.facts: Path(tmp_path, e.evidence.name) for e in entries}
    _purge(settings, "2020-05-01", django_capture_on_commit_callbacks)
    assert [f for f, p in paths.items() if not p.exists()] == ["dismissed long ago"]
    _purge(settings, "2022-03-01", django_capture_on_commit_callbacks)
    assert [f for f, p in paths.items() if p.exists()] == ["open"]
    assert NegativeEntry.objects.count() == 4
    assert set(NegativeEntry.objects.exclude(evidence="").values_list("facts", flat=True)) == {"open"}


def test_deed_photo_expires_a_year_after_the_deed_and_the_deed_stays(
    users, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    deeds = []
    for what, day in (("old", "2020-02-10"), ("new", "2020-12-10")):
        deed = Deed(
            person=make_person(YUANTANG, "党员"),
            item="post",
            what=what,
            happened_at=_aware(day),
            division_code=YUANTANG,
        )
        deed.photo.save("deed.jpg", ContentFile(b"jpeg"), save=False)
        deed.save()
        deeds.append(deed)
    paths = {d.what: Path(tmp_path, d.photo.name) for d in deeds}
    _purge(settings, "2021-03-01", django_capture_on_commit_callbacks)
    assert not paths["old"].exists() and paths["new"].exists()
    assert dict(Deed.objects.values_list("what", "photo")) == {"old": "", "new": deeds[1].photo.name}
