import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_healthz_answers_200_when_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def _settings_in_subprocess(env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "FRONTLINE_FIELD_KEYS", "FRONTLINE_HASH_KEY")
    }
    env.update(env_extra)
    env["DJANGO_SETTINGS_MODULE"] = "frontline.settings"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_production_refuses_to_start_with_development_secrets():
    result = _settings_in_subprocess({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "FRONTLINE_FIELD_KEYS" in result.stderr


def test_bad_boolean_fails_loudly():
    result = _settings_in_subprocess({"DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


def test_production_starts_with_real_values():
    from cryptography.fernet import Fernet

    result = _settings_in_subprocess(
        {
            "DEBUG": "false",
            "SECRET_KEY": "x" * 50,
            "FRONTLINE_FIELD_KEYS": Fernet.generate_key().decode(),
            "FRONTLINE_HASH_KEY": "h" * 40,
            "ALLOWED_HOSTS": "frontline.example",
        }
    )
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_with_production_settings():
    from cryptography.fernet import Fernet

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "FRONTLINE_FIELD_KEYS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "FRONTLINE_FIELD_KEYS": Fernet.generate_key().decode(),
            "FRONTLINE_HASH_KEY": "h" * 40,
            "ALLOWED_HOSTS": "frontline.example",
            "DJANGO_SETTINGS_MODULE": "frontline.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_sqlite_is_configured_for_concurrent_writers(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only settings; this run uses " + connection.vendor)
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_clock_honours_frontline_today(settings):
    import datetime as dt

    from frontline.core import clock

    settings.FRONTLINE_TODAY = "2020-02-19"
    assert clock.today() == dt.date(2020, 2, 19)
    assert clock.now().date() == dt.date(2020, 2, 19)
    settings.FRONTLINE_TODAY = None
    assert clock.today() != dt.date(2020, 2, 19)
