"""Returnee and quarantine searches come by POST (names, whole ID numbers) and page by an opaque key;
a GET with the terms in its URL does not search."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from frontline.quarantine.models import Returnee
from frontline.testing import TANGSHI, YUANTANG, make_person

from .conftest import make_quarantine


@pytest.fixture
def returnees(users, campaign):
    def make(name, division=YUANTANG, risk="monitoring"):
        person = make_person(division, name)
        return Returnee.objects.create(
            campaign=campaign,
            person=person,
            id_hash=person.id_hash,
            division_code=division,
            return_date=dt.date(2020, 2, 15),
            travel_mode="train",
            source="door_to_door",
            risk_class=risk,
            screened_at=timezone.now(),
        )

    return [make(f"返乡{i:02d}") for i in range(52)] + [make("刘某"), make("返乡塘石", TANGSHI)]


def test_returnee_search_by_post_finds_by_whole_id_number(client_for, returnees):
    from frontline.people.protection import reveal

    whole = reveal(returnees[52].person.id_number_enc)
    body = client_for("yuantang_secretary").post("/quarantine/returnees/", {"q": whole}).content.decode()
    assert "刘某" in body and "返乡51" not in body


def test_returnee_search_in_the_url_does_not_search(client_for, returnees):
    body = client_for("yuantang_secretary").get("/quarantine/returnees/", {"q": "刘某"}).content.decode()
    assert "返乡51" in body  # the newest first, unfiltered


def test_returnee_search_pages_by_key(client_for, returnees):
    client = client_for("yuantang_secretary")
    first = client.post("/quarantine/returnees/", {"q": "返乡"}).content.decode()
    link = next(p for p in first.split('"') if p.startswith("?") and "page=2" in p).replace("&amp;", "&")
    assert "s=" in link and "q=" not in link
    second = client.get("/quarantine/returnees/" + link).content.decode()
    assert len(re.findall(r'href="/quarantine/returnees/\d+/"', second)) == 2
    assert "返乡00" in second and "刘某" not in second


def test_quarantine_search_by_post_and_not_by_url(client_for, users):
    make_quarantine(name="王隔离")
    make_quarantine(name="赵隔离")
    client = client_for("yuantang_secretary")
    posted = client.post("/quarantine/quarantines/", {"q": "王"}).content.decode()
    assert "王隔离" in posted and "赵隔离" not in posted
    got = client.get("/quarantine/quarantines/", {"q": "王"}).content.decode()
    assert "王隔离" in got and "赵隔离" in got
