import pytest
from django.test import Client

from frontline import testing


@pytest.fixture
def divisions(db):
    testing.make_divisions()


@pytest.fixture
def users(divisions):
    return testing.make_users()


@pytest.fixture
def client_for(users):
    """client_for("yuantang_secretary") → a logged-in Django test client."""

    def make(username: str) -> Client:
        c = Client()
        c.force_login(users[username])
        return c

    return make


@pytest.fixture
def api_for(users):
    """api_for("county_admin") → a client whose every request carries that user's Bearer token."""
    from frontline.accounts.services import api_token_issue

    def make(username: str) -> Client:
        token = api_token_issue(actor=None, user=users[username], name="test")
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="zh-hans")

    return make


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    # A test's rows are rolled back without signals: per-process caches of reference lists must not
    # carry them into the next test.
    from frontline.checkpoints.registration import risk_areas_changed

    risk_areas_changed()


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    # Uploads, photos and error workbooks of a test land in its own folder, never a developer's
    # var/media (purge_expired sweeps unreferenced files there).
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
