import pytest


@pytest.fixture(autouse=True)
def _demo_day(settings, tmp_path):
    settings.FRONTLINE_TODAY = "2020-02-19"
    settings.MEDIA_ROOT = tmp_path / "media"
