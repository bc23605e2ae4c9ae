import datetime as dt

import pytest

from frontline.publicity.models import ColumnPost

DAY = dt.date(2020, 2, 19)


@pytest.fixture(autouse=True)
def _demo_day(settings, tmp_path):
    settings.FRONTLINE_TODAY = "2020-02-19"
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def published_post(users):
    return ColumnPost.objects.create(
        division_code="360732",
        title="兴国西出口两班倒",
        body="逐车登记，逐人测温。",
        status="published",
        author=users["county_publicity"],
        editor=users["county_admin"],
        publish_date=DAY,
    )
