import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontline.accounts.models import User
from frontline.audit.models import AuditEvent
from frontline.testing import PASSWORD


def _login(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_throttling_is_per_username_and_ip(users, settings):
    settings.AXES_FAILURE_LIMIT = 3
    office = Client()
    for _ in range(3):
        _login(office, "gaoxing_admin", "wrong")
    locked = _login(office, "gaoxing_admin")
    assert locked.status_code == 429 and "尝试次数过多" in locked.content.decode()
    # Another cadre in the same township office (same address) still logs in…
    assert _login(Client(), "junchun_admin").status_code == 302
    # …and the locked cadre can from another address.
    assert _login(Client(), "gaoxing_admin", ip="10.0.0.2").status_code == 302


def test_expired_account_cannot_log_in_and_is_logged_out(users, client):
    user = users["gaoxing_admin"]
    client.force_login(user)
    user.expires_at = timezone.now() - timedelta(minutes=1)
    user.save()
    assert client.get("/").status_code == 302
    assert _login(Client(), "gaoxing_admin").status_code == 200  # the form again, not a redirect


def test_disable_unused_accounts(users):
    User.objects.filter(username="junchun_admin").update(last_login=timezone.now() - timedelta(days=200))
    User.objects.exclude(username="junchun_admin").update(last_login=timezone.now())
    call_command("disable_unused_accounts", "--days", "90", stdout=io.StringIO())
    assert list(User.objects.filter(is_active=False).values_list("username", flat=True)) == ["junchun_admin"]
    assert AuditEvent.objects.filter(object_type="accounts.user", action="bulk_update").exists()


@pytest.fixture
def otp_on(settings):
    settings.FRONTLINE_OTP_REQUIRED = True
    # django-otp slows down guessing after a wrong code (1 s, doubling); tests don't wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_county_admin_must_pass_the_second_factor(users, client_for, otp_on):
    client = client_for("county_admin")
    response = client.get("/people/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/")
    page = client.get("/accounts/otp/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=users["county_admin"])
    assert client.post("/accounts/otp/", {"token": "000000"}).status_code == 200  # wrong code: form again
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert client.post("/accounts/otp/", {"token": token, "next": "/people/"})["Location"] == "/people/"
    assert client.get("/people/").status_code == 200
    assert TOTPDevice.objects.get(pk=device.pk).confirmed


def test_admin_site_needs_the_second_factor(users, client_for, otp_on):
    response = client_for("county_admin").get("/admin/")
    assert response.status_code == 302


def test_other_roles_need_no_second_factor(users, client_for, otp_on):
    assert client_for("yuantang_secretary").get("/people/").status_code == 200


def test_pages_are_not_cached_and_carry_a_csp(users, client_for):
    response = client_for("yuantang_secretary").get("/people/")
    assert "no-store" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_api_responses_are_not_cached(api_for):
    assert "no-store" in api_for("yuantang_secretary").get("/api/v1/people/")["Cache-Control"]
