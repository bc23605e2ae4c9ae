"""Evidence of a closed rectification expires a year after closing: the file goes, the item stays."""

import datetime as dt
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command

from frontline.core.models import PurgedCount
from frontline.supervision.models import Finding, Rectification, Visit
from frontline.testing import GAOXING, make_person


def _item(closed_on, action):
    visit = Visit.objects.create(
        division_code=GAOXING,
        visited_on=dt.date(2020, 2, 10),
        leader=make_person(GAOXING, "组长"),
        checked="值守",
    )
    finding = Finding.objects.create(visit=visit, text="夜间值守不足", division_code=GAOXING)
    item = Rectification(
        finding=finding,
        action=action,
        owner="高兴镇",
        deadline=dt.date(2020, 2, 20),
        closed_on=closed_on,
        division_code=GAOXING,
    )
    item.evidence.save("site.jpg", ContentFile(b"\xff\xd8jpeg"), save=False)
    item.save()
    return item


def test_rectification_evidence_expires_a_year_after_closing_and_the_item_stays(
    users, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    old, recent, still_open = (
        _item(dt.date(2020, 2, 18), "旧"),
        _item(dt.date(2020, 9, 1), "近"),
        _item(None, "未结"),
    )
    files = {i.action: Path(tmp_path, i.evidence.name) for i in (old, recent, still_open)}
    settings.FRONTLINE_TODAY = "2021-03-01"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=io.StringIO())
    assert Rectification.objects.count() == 3
    evidence = dict(Rectification.objects.values_list("action", "evidence"))
    assert evidence == {"旧": "", "近": recent.evidence.name, "未结": still_open.evidence.name}
    assert not files["旧"].exists() and files["近"].exists() and files["未结"].exists()
    assert PurgedCount.objects.get(rule="supervision.rectification_evidence").count == 1
