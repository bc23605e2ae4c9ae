"""The column, its calendar and the daily brief in a real browser: phone width, and the brief on paper."""

import datetime as dt

import pytest

from tests.e2e.conftest import SHOTS, shot

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _demo_day(settings):
    settings.FRONTLINE_TODAY = "2020-02-19"


def _posts(users, days):
    from frontline.publicity.models import ColumnPost

    for day in days:
        ColumnPost.objects.create(
            division_code="360732",
            title=f"{day:%m月%d日}专栏：兴国西出口两班倒",
            body="逐车登记，逐人测温。",
            status="published",
            author=users["county_publicity"],
            editor=users["county_admin"],
            publish_date=day,
        )


def test_calendar_shows_the_gap_on_a_phone(phone_page, e2e_users):
    days = [dt.date(2020, 2, d) for d in range(1, 20) if d != 12]
    _posts(e2e_users, days)
    page = phone_page("county_publicity")
    page.goto(page.base_url + "/publicity/calendar/?month=2020-02")
    gap = page.locator('td.gap[data-day="2020-02-12"]')
    assert gap.count() == 1
    assert page.locator("td.updated").count() == len(days)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "publicity-calendar-390")


def test_brief_prints_cleanly(phone_page, e2e_users):
    _posts(e2e_users, [dt.date(2020, 2, 19)])
    page = phone_page("county_admin", viewport={"width": 1000, "height": 1200})
    page.goto(page.base_url + "/publicity/brief/?division=360732&date=2020-02-19")
    assert "专栏发布稿件1篇" in page.inner_text(".brief-text")
    page.emulate_media(media="print")
    # On paper: no menu, no forms, no buttons; the title, the paragraph and the figures only.
    for selector in (".topbar", ".menu", "form", "button"):
        assert all(not el.is_visible() for el in page.locator(selector).all()), selector
    assert page.locator(".brief-text").is_visible()
    assert page.locator(".brief-figures").is_visible()
    shot(page, "publicity-brief-print")
    pdf = SHOTS / "publicity-brief.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert pages == 1  # the whole brief fits one A4 page


def test_brief_on_a_phone(phone_page, e2e_users):
    page = phone_page("yuantang_secretary")
    page.goto(page.base_url + "/publicity/brief/")
    assert "园塘村" in page.inner_text("h1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "publicity-brief-390")
