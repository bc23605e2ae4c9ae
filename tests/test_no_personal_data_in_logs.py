"""No personal data in logs or error reports: a request carrying an ID number, a mobile and a name
fails with a 500; neither the e-mail to ADMINS, nor the DEBUG report, nor the log lines, nor the
request lines of runserver or gunicorn contain them."""

from __future__ import annotations

import io
import logging
import sys
from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.views.debug import get_exception_reporter_class

from frontline.core.redaction import REDACTED, RedactingFormatter, redact
from frontline.testing import valid_id

NAME = "欧阳娜娜"
MOBILE = "13907971234"
PLATE = "鄂A12345"


@pytest.fixture
def whole_id():
    return valid_id()


def _leaks(text: str, *values: str) -> list[str]:
    return [v for v in values if v in text]


@contextmanager
def captured(handler_formatter=RedactingFormatter, logger=""):
    """The text the configured handler (the one with that formatter) writes, for the duration."""
    handlers = [h for h in logging.getLogger(logger).handlers if isinstance(h.formatter, handler_formatter)]
    assert handlers, f"no handler with {handler_formatter.__name__} on logger {logger!r}"
    out = io.StringIO()
    old = [h.setStream(out) for h in handlers]
    try:
        yield out
    finally:
        for h, stream in zip(handlers, old, strict=True):
            h.setStream(stream)


def test_redact_masks_identifiers_query_strings_and_database_row_dumps(whole_id):
    text = (
        f'"GET /people/?q={NAME} HTTP/1.1" id {whole_id} tel +86 139-0797-1234 car {PLATE} '
        f"http://h/x/?phone={MOBILE}\nDETAIL:  Failing row contains (7, {NAME}, 360732).\n"
        f"DETAIL:  Key (name, division_code)=({NAME}, 360732) already exists."
    )
    out = redact(text)
    assert _leaks(out, whole_id, MOBILE, "139-0797-1234", PLATE, NAME) == []
    assert '"GET /people/?[redacted] HTTP/1.1"' in out and "Key (name, division_code)=([redacted])" in out
    # What is not personal stays readable.
    assert redact("GET /people/12/ 200 in 0.31 s, division 360732217203") == (
        "GET /people/12/ 200 in 0.31 s, division 360732217203"
    )


def _failing_report(request, whole_id):
    def lookup(number):
        secret_local = f"{NAME} {number}"  # noqa: F841 - a view's locals hold what it works on
        raise ValueError(f"no person with ID number {number}")

    try:
        lookup(whole_id)
    except ValueError:
        return get_exception_reporter_class(request)(request, *sys.exc_info())


def test_error_report_of_a_request_carrying_an_id_number_contains_none(whole_id, settings):
    settings.DEBUG = True  # also the DEBUG page: hidden all the same
    request = RequestFactory().post(
        f"/people/?phone={MOBILE}&plate={PLATE}",
        {"q": NAME, "id_number": whole_id, "scan": SimpleUploadedFile(f"{NAME}身份证.jpg", b"x")},
        HTTP_REFERER=f"http://testserver/people/?q={NAME}",
        HTTP_COOKIE=f"last_search={whole_id}",
    )
    report = _failing_report(request, whole_id)
    text, html = report.get_traceback_text(), report.get_traceback_html()
    for body in (text, html):
        assert _leaks(body, whole_id, MOBILE, PLATE, NAME) == []
    assert "ValueError" in text and "/people/" in text and "id_number" in text  # still useful


@pytest.mark.django_db
def test_a_500_mails_and_logs_no_id_number_nor_name(users, settings, monkeypatch, whole_id):
    from frontline.people import selectors

    def broken(*, policy, q="", division=""):
        raise RuntimeError(f"lookup failed for {q}")

    monkeypatch.setattr(selectors, "person_list", broken)
    settings.DEBUG = False
    settings.ADMINS = [("ops", "ops@example.org")]
    from frontline.accounts.services import api_token_issue

    client = Client(raise_request_exception=False)
    client.force_login(users["county_admin"])
    token = api_token_issue(actor=None, user=users["county_admin"], name="test")
    api_client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    with captured() as log:
        web = client.post(f"/people/?phone={MOBILE}", {"q": whole_id, "name": NAME})
        api = api_client.post("/api/v1/people/search", {"q": whole_id}, content_type="application/json")
    assert web.status_code == api.status_code == 500
    assert len(mail.outbox) == 2, "both 500s were reported to ADMINS"
    for message in mail.outbox:
        bodies = [message.subject, message.body, *(content for content, _type in message.alternatives)]
        assert all(_leaks(b, whole_id, MOBILE, NAME) == [] for b in bodies)
    assert "Internal Server Error: /people/" in log.getvalue() and "RuntimeError" in log.getvalue()
    assert _leaks(log.getvalue(), whole_id, MOBILE, NAME) == []


def test_log_lines_are_redacted_by_the_configured_handler(whole_id):
    with captured() as out:
        logging.getLogger("frontline.anything").warning("checked %s at %s", whole_id, MOBILE)
        try:
            raise KeyError(whole_id)
        except KeyError:
            logging.getLogger("frontline.anything").exception("lookup")
    assert out.getvalue().count(REDACTED) >= 3 and _leaks(out.getvalue(), whole_id, MOBILE) == []


def test_runserver_request_lines_carry_no_query_string(whole_id):
    from frontline.core.redaction import RedactingServerFormatter

    with captured(RedactingServerFormatter, "django.server") as out:
        logging.getLogger("django.server").info(
            '"%s" %s %s', f"GET /people/?q={whole_id} HTTP/1.1", 200, 512, extra={"status_code": 200}
        )
    assert "GET /people/?[redacted] HTTP/1.1" in out.getvalue() and whole_id not in out.getvalue()


def test_gunicorn_access_lines_carry_no_query_string_nor_referer(whole_id):
    import datetime as dt
    from pathlib import Path
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    conf: dict = {}
    exec(Path(__file__).resolve().parent.parent.joinpath("gunicorn.conf.py").read_text(), conf)  # noqa: S102
    cfg = Config()
    cfg.set("access_log_format", conf["access_log_format"])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/people/?q={whole_id}",
        "PATH_INFO": "/people/",
        "QUERY_STRING": f"q={whole_id}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"http://h/people/?q={whole_id}",
        "REMOTE_ADDR": "10.0.0.7",
    }
    resp = SimpleNamespace(status="200 OK", sent=512, headers=[])
    logger = Logger(cfg)
    line = cfg.access_log_format % logger.atoms_wrapper_class(
        logger.atoms(resp, SimpleNamespace(headers=[]), environ, dt.timedelta(seconds=0.2))
    )
    assert '"GET /people/ HTTP/1.1" 200' in line and whole_id not in line


def test_sql_is_never_logged_with_its_parameters(settings):
    assert settings.LOGGING["loggers"]["django.db.backends"]["level"] == "INFO"
    assert logging.getLogger("django.db.backends").getEffectiveLevel() >= logging.INFO
