"""Every page a phone user reaches fits a 390 px wide screen.

The small demo is seeded, then each phone role (checkpoint duty, village secretary, grid leader, a
township) signs in on a 390×844 viewport and follows links from / breadth first (tests/crawling.py, as
tests/test_demo_crawl.py does with Django's test client): every view once before any view twice, at
most two paths of a view and MAX_PAGES pages a role, no downloads. On each page the document must not
scroll sideways; no element or text may stick out of the screen unless it sits inside a container that
scrolls sideways on its own (a wide table's .table-wrap, the menu); nothing may clip its text, and no
<select> may be too narrow to show its chosen option. Offenders are listed and photographed under
var/e2e/phone-width-*.png.
"""

from __future__ import annotations

import re
import time
from collections import deque

import pytest
from playwright.sync_api import Error as PlaywrightError

from frontline.accounts.models import User
from frontline.demo.context import DEMO_PASSWORD
from tests.crawling import START, Frontier, links_of, normalise, route_of, seed_small_demo

from .conftest import PHONE, SHOTS, shot

pytestmark = pytest.mark.e2e

ROLES = ["xgwest_duty", "yuantang_secretary", "crawl_grid", "gaoxing_admin"]
MAX_PAGES = 120  # per role: enough for every view a role reaches once, most twice
MAX_PATHS_PER_ROUTE = 2
# Files, not pages: exports, workbooks, the Word brief, attachments.
DOWNLOAD = re.compile(r"(export|download|docx|\.xlsx|/xlsx/|\.csv|/files/)")

# The document's width; each element or text that reaches past the edge of the screen while no ancestor
# scrolls sideways for it (what a user would have to scroll the page to see, or could never see); each
# element that clips its own text (overflow hidden) and each <select> too narrow for its chosen option.
MEASURE = """() => {
  const vw = document.documentElement.clientWidth;
  const style = (el) => getComputedStyle(el);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map((c) => "." + c).join("");
  const text = (node) => (node.tagName === "SELECT" ? node.selectedOptions[0]?.text : node.innerText ?? node.textContent)
    ?.trim().replace(/\\s+/g, " ").slice(0, 30);
  const inScroller = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const box = p.getBoundingClientRect();
      if (["auto", "scroll"].includes(style(p).overflowX) && box.right <= vw + 1 && box.left >= -1) return true;
    }
    return false;
  };
  const outside = [], cut = [];
  const report = (node, el, r) => {
    // The outermost offender only: what is inside it sticks out with it.
    if (!inScroller(node) && !outside.some((o) => o.el.contains(el))) {
      outside.push({el, what: `${name(el)}${node === el ? "" : " text"} [${Math.round(r.left)}, ${Math.round(r.right)}] "${text(node)}"`});
    }
  };
  const sticksOut = (r) => r.width > 0 && r.height > 0 && (r.right > vw + 1 || r.left < -1);
  const canvas = document.createElement("canvas").getContext("2d");
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (sticksOut(r)) report(el, el, r);
    const s = style(el);
    if (el.tagName === "SELECT" && el.selectedOptions.length) {
      canvas.font = s.font;
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 16;
      if (canvas.measureText(el.selectedOptions[0].text).width > room) cut.push(`${name(el)} "${text(el)}"`);
    } else if (!["INPUT", "TEXTAREA"].includes(el.tagName) && ["hidden", "clip"].includes(s.overflowX)
               && el.scrollWidth > el.clientWidth + 1) {
      cut.push(`${name(el)} "${text(el)}"`);
    }
  }
  // Text overflowing a box that itself fits.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (sticksOut(r)) report(node, node.parentElement, r);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: vw,
          outside: outside.slice(0, 4).map((o) => o.what), cut: cut.slice(0, 4)};
}"""


@pytest.fixture
def phone_demo(transactional_db, settings):
    settings.FRONTLINE_TODAY = "2020-02-19"
    seed_small_demo()
    grid = User.objects.get(username="crawl_grid")
    grid.set_password(DEMO_PASSWORD)
    grid.save()


def sign_in(browser, base_url: str, username: str):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", service_workers="block")
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"
    return context, page


def crawl_widths(page, base_url: str, username: str) -> tuple[int, list[str]]:
    """Pages visited, and each that does not fit with what sticks out."""
    frontier = Frontier(max_paths_per_route=MAX_PATHS_PER_ROUTE)
    frontier.add("/", False, START)
    visited, offenders = 0, []
    routes, later = set(), deque()
    while (frontier or later) and visited < MAX_PAGES:
        url, htmx, referrer = frontier.pop() if frontier else later.popleft()
        if htmx or DOWNLOAD.search(url):
            continue  # htmx fragments are measured inside the page that loads them
        route = route_of(url.partition("?")[0])
        if frontier and route in routes:
            later.append((url, htmx, referrer))  # every view once before any twice
            continue
        routes.add(route)
        try:
            response = page.goto(base_url + url, wait_until="load")
        except PlaywrightError as exc:
            if "Download is starting" in str(exc):
                continue
            raise
        if response is None or not response.headers.get("content-type", "").startswith("text/html"):
            continue
        if page.locator("[hx-trigger*=load]").count():
            page.wait_for_load_state("networkidle")
        visited += 1
        at = page.url.removeprefix(base_url)
        m = page.evaluate(MEASURE)
        if m["scrollWidth"] > PHONE["width"] or m["outside"] or m["cut"]:
            offenders.append(
                f"{username} {at} ← {referrer}: scrollWidth {m['scrollWidth']}"
                + "".join(f"; sticks out: {o}" for o in m["outside"])
                + "".join(f"; cut off: {c}" for c in m["cut"])
            )
            shot(page, f"phone-width-{username}-{re.sub(r'[^A-Za-z0-9]+', '-', at).strip('-') or 'home'}")
        for href, by_htmx in links_of(page.content()):
            frontier.add(normalise(href, at.partition("?")[0]), by_htmx, at)
    return visited, offenders


def test_every_page_a_phone_role_reaches_fits_390px(phone_demo, browser, live_server):
    for old in SHOTS.glob("phone-width-*.png"):
        old.unlink()
    offenders, counts = [], {}
    started = time.perf_counter()
    for username in ROLES:
        context, page = sign_in(browser, live_server.url, username)
        try:
            counts[username], found = crawl_widths(page, live_server.url, username)
        finally:
            context.close()
        offenders += found
    print(f"pages checked {counts} in {time.perf_counter() - started:.1f}s")
    # Each role reaches well past its home page.
    assert all(n > 15 for n in counts.values()), counts
    assert offenders == [], "pages wider than the phone:\n" + "\n".join(offenders)
