"""Searches of people come by POST (web and API): names and ID numbers never reach a URL, and the
pages of a POSTed search carry only an opaque key."""

import re

import pytest

from frontline.testing import SHUITOU, YUANTANG, make_person

PAGE_LINK = re.compile(r'href="(\?[^"]*page=2[^"]*)"')
ROW = re.compile(r'href="/people/\d+/"')


@pytest.fixture
def crowd(users):
    zhang = [make_person(YUANTANG, f"张{i:02d}") for i in range(55)]
    li = [make_person(YUANTANG, "李某"), make_person(SHUITOU, "张外镇")]
    return zhang, li


def test_web_search_pages_through_an_opaque_key(client_for, crowd):
    client = client_for("changgang_admin")
    first = client.post("/people/", {"q": "张"}).content.decode()
    assert len(ROW.findall(first)) == 50 and "李某" not in first
    link = PAGE_LINK.search(first).group(1).replace("&amp;", "&")
    assert "张" not in link and "%E5%BC%A0" not in link.upper() and "q=" not in link and "s=" in link
    second = client.get("/people/" + link).content.decode()
    assert len(ROW.findall(second)) == 5 and "李某" not in second and 'value="张"' in second
    # The key is worth nothing to another session.
    assert "李某" in client_for("changgang_admin").get("/people/" + link).content.decode()


def test_web_get_with_a_name_in_the_url_does_not_search(client_for, crowd):
    body = client_for("changgang_admin").get("/people/", {"q": "李某"}).content.decode()
    assert "张00" in body  # the whole list, unfiltered


def test_api_search_is_a_post_and_the_list_takes_no_free_text(api_for, crowd):
    client = api_for("changgang_admin")
    found = client.post("/api/v1/people/search?limit=10", {"q": "李某"}, content_type="application/json")
    assert found.status_code == 200 and [p["name"] for p in found.json()["items"]] == ["李某"]
    paged = client.post(
        "/api/v1/people/search?limit=50&offset=50", {"q": "张"}, content_type="application/json"
    )
    assert paged.json()["count"] == 55 and len(paged.json()["items"]) == 5  # scoped: not 张外镇
    listed = client.get("/api/v1/people/", {"q": "李某"}).json()
    assert listed["count"] == 56  # q is not a parameter of the list: nothing filtered


def test_api_search_is_scoped_and_refused_to_the_wrong_role(api_for, crowd):
    body = {"q": "张外镇"}
    assert (
        api_for("changgang_admin").post("/api/v1/people/search", body, "application/json").json()["count"]
        == 0
    )
    assert (
        api_for("county_finance").post("/api/v1/people/search", body, "application/json").status_code == 403
    )


def test_a_kept_search_is_encrypted_in_the_session_and_expired_sessions_are_purged(
    client_for, crowd, settings, tmp_path
):
    import datetime as dt
    import io

    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone

    from frontline.people.protection import reveal

    whole = reveal(crowd[1][0].id_number_enc)
    client = client_for("changgang_admin")
    client.post("/people/", {"q": whole})
    row = Session.objects.get(session_key=client.session.session_key)
    assert whole not in str(row.get_decoded()) and whole not in row.session_data
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(minutes=1))
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("purge_expired", stdout=io.StringIO())
    assert not Session.objects.exists()
