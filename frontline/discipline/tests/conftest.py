import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _demo_day(settings, tmp_path):
    settings.FRONTLINE_TODAY = "2020-02-19"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api_for(users):
    """As the root fixture, but with a token that does not expire: accounts.api_token_issue dates expiry
    on the demo clock (2020) while authentication checks real time, so a dated token would be expired."""
    from frontline.accounts.services import api_token_issue

    def make(username: str) -> Client:
        token = api_token_issue(actor=None, user=users[username], name="test", days=None)
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="zh-hans")

    return make
