import datetime as dt
import io

import pytest
from django.core.management import call_command

from frontline.publicity.models import ColumnPost, Deed, Submission


@pytest.mark.django_db
def test_demo_column_is_updated_every_day_from_the_third_day_of_new_year(settings):
    settings.FRONTLINE_TODAY = "2020-02-19"
    call_command("seed_demo", members=300, quiet_logins=True, stdout=io.StringIO())
    days = set(ColumnPost.objects.filter(status="published").values_list("publish_date", flat=True))
    expected = {dt.date(2020, 1, 27) + dt.timedelta(days=i) for i in range(24)}
    assert expected <= days
    deeds = {d.title: d for d in Deed.objects.prefetch_related("people", "records")}
    names = sorted(p.name for d in deeds.values() for p in d.people.all())
    assert names == ["李良", "温存燕", "王姝"]
    assert all(d.records.count() == 1 for d in deeds.values())
    assert {s.status for s in Submission.objects.all()} == {"sent", "accepted", "published", "returned"}
    assert {s.level for s in Submission.objects.all()} >= {"city_org", "province_org", "people_daily"}
