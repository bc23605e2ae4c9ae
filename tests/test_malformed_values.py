"""A value the database cannot take (a NUL byte on PostgreSQL, an integer beyond any column on SQLite)
answers a page with a message (422), like /api/v1, never a server error."""

import datetime as dt

import pytest
from django.db import DataError
from django.test import RequestFactory

from frontline import testing
from frontline.core import clock
from frontline.core.errors import MalformedValueMiddleware


@pytest.mark.parametrize(
    "exc", [DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes"), OverflowError()]
)
def test_a_page_failing_on_a_malformed_value_answers_422_with_a_message(users, exc):
    request = RequestFactory().post("/people/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    request.user = users["gaoxing_admin"]
    response = MalformedValueMiddleware(lambda r: None).process_exception(request, exc)
    assert response is not None and response.status_code == 422
    assert "取值超出范围或格式有误" in response.content.decode()


def test_other_errors_and_the_api_are_left_alone(users):
    request = RequestFactory().get("/people/")
    assert MalformedValueMiddleware(lambda r: None).process_exception(request, ValueError()) is None
    api = RequestFactory().get("/api/v1/people/")
    assert MalformedValueMiddleware(lambda r: None).process_exception(api, DataError()) is None


def test_searches_with_a_nul_byte_never_fail(users, client_for):
    # On PostgreSQL each of these was a 500 (psycopg DataError); SQLite takes the byte and finds nothing.
    from frontline.checkpoints.models import Checkpoint

    cp = Checkpoint.objects.create(
        name="卡点",
        kind="road",
        division_code=testing.GAOXING,
        active_from=clock.today() - dt.timedelta(days=3),
    )
    for username, url, data in [
        ("gaoxing_admin", "/people/", {"q": "钟\x00"}),
        ("county_admin", "/audit/", {"actor": "a\x00"}),
        ("gaoxing_admin", "/checkpoints/places/", {"q": "高\x00"}),
        ("gaoxing_admin", f"/checkpoints/{cp.pk}/roster/candidates/", {"q": "钟\x00"}),
        ("gaoxing_admin", "/quarantine/returnees/", {"q": "钟\x00"}),
    ]:
        assert client_for(username).post(url, data).status_code in (200, 422), url
