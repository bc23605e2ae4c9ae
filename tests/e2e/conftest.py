"""Browser end-to-end tests: Playwright for Python driving Debian's chromium (never a downloaded
browser). Without /usr/bin/chromium they skip with that reason, except when FRONTLINE_E2E=1 (CI),
where a missing browser fails the run."""

import os
import shutil
from pathlib import Path

import pytest

from frontline import testing

CHROMIUM = os.environ.get("FRONTLINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e"
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by tests and
# fixtures here are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("FRONTLINE_E2E") == "1":
            pytest.fail(f"chromium not found at {CHROMIUM} (FRONTLINE_E2E=1 requires it)")
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def e2e_users(transactional_db):
    testing.make_divisions()
    return testing.make_users()


@pytest.fixture
def phone_page(browser, live_server, e2e_users):
    """page_as("yuantang_secretary") → a logged-in page on a 390 px wide phone viewport."""
    contexts = []

    def page_as(username: str, *, viewport=PHONE, offline_capable=True):
        context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="allow")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", testing.PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.base_url = live_server.url
        return page

    yield page_as
    for context in contexts:
        context.close()


def shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression until it is true. (page.wait_for_function evaluates through
    eval/new Function inside the page, which the Content-Security-Policy rightly forbids.)"""
    import time

    deadline = time.monotonic() + timeout
    while True:
        if page.evaluate(f"() => Boolean({expression})"):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(100)
