import io

import pytest
from django.core.management import call_command

from frontline.testing import YUANTANG


def test_issue_token_prints_token_on_last_line_and_it_works(users, client):
    out = io.StringIO()
    call_command("issue_token", "yuantang_secretary", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json() == {
        "username": "yuantang_secretary",
        "display_name": "",
        "division_code": YUANTANG,
        "roles": ["first_secretary", "village_secretary"],
    }


def test_api_without_token_is_401_with_a_message(client, users):
    response = client.get("/api/v1/people/")
    assert response.status_code == 401 and response.json()["message"]


def test_bad_or_revoked_token_is_refused(client, users):
    from frontline.accounts.models import ApiToken
    from frontline.accounts.services import api_token_issue

    raw = api_token_issue(actor=None, user=users["county_admin"])
    ApiToken.objects.update(revoked=True)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer fl_nonsense").status_code == 401


def test_token_of_disabled_user_is_refused(client, users):
    from frontline.accounts.services import api_token_issue

    raw = api_token_issue(actor=None, user=users["gaoxing_admin"])
    users["gaoxing_admin"].is_active = False
    users["gaoxing_admin"].save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_expired_token_or_expired_account_is_refused_and_use_is_noted(client, users):
    from datetime import timedelta

    from django.utils import timezone

    from frontline.accounts.models import ApiToken
    from frontline.accounts.services import api_token_issue

    raw = api_token_issue(actor=None, user=users["gaoxing_admin"])
    me = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/me", **me).status_code == 200
    first_use = ApiToken.objects.get().last_used_at
    assert first_use is not None
    assert client.get("/api/v1/me", **me).status_code == 200
    assert ApiToken.objects.get().last_used_at == first_use  # noted at most every five minutes
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me", **me).status_code == 401
    ApiToken.objects.update(expires_at=None)
    assert client.get("/api/v1/me", **me).status_code == 200
    users["gaoxing_admin"].expires_at = timezone.now() - timedelta(minutes=1)
    users["gaoxing_admin"].save(update_fields=["expires_at"])
    assert client.get("/api/v1/me", **me).status_code == 401


def test_user_without_division_sees_nothing(db, client):
    from frontline.accounts.models import User

    user = User.objects.create_user("floating", password="x" * 12, roles=["county_admin"])
    client.force_login(user)
    assert client.get("/people/").status_code == 403


@pytest.mark.parametrize("username", ["county_admin", "gaoxing_admin", "yuantang_secretary", "xgwest_duty"])
def test_login_lands_on_chinese_home(client, users, username):
    from frontline.testing import PASSWORD

    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "欢迎" in html and 'lang="zh-hans"' in html


def test_english_is_switchable(client_for):
    client = client_for("county_admin")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "Welcome" in html and 'lang="en"' in html


def test_openapi_and_docs_are_served(client, db):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200 and "/api/v1/people/" in spec.json()["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()


def test_token_issued_on_the_demo_clock_still_works(client, users, settings):
    """Token lifetimes follow real time even when the demo clock stands on 2020-02-19."""
    from frontline.accounts.services import api_token_issue

    settings.FRONTLINE_TODAY = "2020-02-19"
    raw = api_token_issue(actor=None, user=users["county_admin"])
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_api_answers_utf8_chinese(api_for):
    response = api_for("yuantang_secretary").get("/api/v1/people/999999")
    assert "未找到" in response.content.decode("utf-8")
