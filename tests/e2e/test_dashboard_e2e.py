"""The county dashboard in a real browser with every request but the live server's refused: the
trend and ranking charts are SVG drawn on the server, so nothing is fetched from anywhere else.
Then drill down to a township by clicking its ranking row; on a phone and on a 数据大屏."""

import datetime as dt
import uuid
from urllib.parse import urlsplit

import pytest

from frontline import testing
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


@pytest.fixture
def registrations(e2e_users):
    """Vehicles over the last week at a checkpoint in 高兴镇 and one in 长冈乡."""
    from frontline.checkpoints.models import Checkpoint, Registration
    from frontline.core import clock

    today = clock.today()
    cps = [
        Checkpoint.objects.create(
            name=name, kind="road", division_code=code, active_from=today - dt.timedelta(days=10)
        )
        for name, code in (("泉南高速兴国西出口", testing.GAOXING), ("长冈卡点", testing.CHANGGANG))
    ]
    noon = clock.local_day_bounds(today)[0] + dt.timedelta(hours=9)
    rows = []
    for back in range(7):
        for k, cp in enumerate(cps):
            for n in range((7 - back) * (3 - 2 * k) + 1):
                rows.append(
                    Registration(
                        client_uuid=uuid.uuid4(),
                        checkpoint=cp,
                        plate=f"赣B{back}{k}{n:03d}",
                        vehicle_type="car",
                        direction="in",
                        registered_at=min(noon - dt.timedelta(days=back), clock.now()),
                        occupant_count=2,
                        division_code=cp.division_code,
                    )
                )
    Registration.objects.bulk_create(rows)
    return cps


def _cut_off_the_network(page):
    """Abort every request not addressed to the live server; return the list of aborted URLs."""
    live = urlsplit(page.base_url).netloc
    aborted = []

    def handle(route):
        if urlsplit(route.request.url).netloc == live:
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    page.context.route("**/*", handle)
    return aborted


def test_county_dashboard_charts_render_offline_and_drill_down(phone_page, registrations):
    page = phone_page("county_admin")
    aborted = _cut_off_the_network(page)
    page.goto(page.base_url + "/dashboard/")
    page.wait_for_load_state("networkidle")

    # Headline figures under module headings; the trend: one SVG line chart per figure.
    assert page.locator('.dash-group[data-app="checkpoints"] h2').is_visible()
    assert page.locator('.figure[data-key="checkpoints"] b').inner_text().startswith("2")
    trend = page.locator('figure.trend[data-key="vehicle_registrations"] svg.chart')
    assert trend.is_visible() and trend.locator("polyline").count() == 1
    points = trend.locator("polyline").get_attribute("points").split()
    assert len(points) == 28  # one point a day
    # The ranking: bars and a table, 高兴镇 (more vehicles) first.
    bars = page.locator(".bars svg.chart")
    assert bars.is_visible() and bars.locator("rect").count() == 3
    first_row = page.locator("table.ranking tbody tr").first
    assert first_row.locator("td").first.inner_text() == "高兴镇"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "dashboard-county-phone")

    # Drill down: click the township's row.
    first_row.locator("a").click()
    page.wait_for_url(f"**/dashboard/{testing.GAOXING}/")
    assert "高兴镇" in page.inner_text("h1")
    assert page.locator('figure.trend[data-key="vehicle_registrations"] svg.chart polyline').count() == 1
    assert page.locator(".figure[data-key=checkpoints] b").inner_text().startswith("1")
    shot(page, "dashboard-gaoxing-phone")
    assert aborted == []


def test_big_screen_mode_at_1920(phone_page, registrations):
    page = phone_page("county_admin", viewport={"width": 1920, "height": 1080})
    aborted = _cut_off_the_network(page)
    page.goto(page.base_url + "/dashboard/?screen=1")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.classList.contains('screen')")
    assert page.locator("svg.chart polyline").count() >= 5
    # Figures sit three module groups abreast, the bars beside the ranking table.
    groups = page.locator(".dash-group")
    xs = {round(groups.nth(i).bounding_box()["x"]) for i in range(min(3, groups.count()))}
    assert len(xs) == 3
    assert page.locator(".bars").bounding_box()["width"] <= 600
    assert page.evaluate("document.documentElement.scrollWidth") <= 1920
    shot(page, "dashboard-county-screen")
    assert aborted == []
