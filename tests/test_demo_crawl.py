"""Crawl the seeded demo as every demo login, and as a user of each role the demo has no login for.

From / the crawl follows every same-origin link (<a href>, hx-get, <img src>) breadth first, GET only,
with Django's test client; then it visits every argument-free URL of the URLconf the links did not
reach (pages nobody links to). It proves that no page answers a server error, that no page shows a link
its user may not follow, and that every page is rendered Chinese-first with no template syntax left.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from frontline.accounts.models import User

from .crawling import START, Frontier, links_of, normalise, route_of, seed_small_demo

MAX_PAGES = 400  # per user
LANG = '<html lang="zh-hans"'
HTML_STATUSES = {200, 302, 403, 404}
REDIRECTS = {301, 302, 303, 307, 308}
URLCONF = "(URLconf: linked from nowhere)"


@dataclass
class Crawl:
    username: str
    pages: int = 0
    fragments: int = 0  # of them, fetched as htmx does (HX-Request)
    statuses: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    routes: set = field(default_factory=set)
    seconds: float = 0.0


def unlinked_urls() -> list[str]:
    """Every URL of the URLconf that takes no argument (the admin and the API apart)."""

    def walk(patterns, namespaces=()):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, (*namespaces, p.namespace) if p.namespace else namespaces)
            elif isinstance(p, URLPattern) and p.name:
                yield ":".join((*namespaces, p.name))

    urls = []
    for name in sorted(set(walk(get_resolver().url_patterns))):
        try:
            url = normalise(reverse(name), "/")
        except NoReverseMatch:
            continue
        if url and not url.startswith("/admin/"):
            urls.append(url)
    return urls


def crawl(username: str) -> Crawl:
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    result = Crawl(username)
    started = time.perf_counter()
    frontier = Frontier()
    frontier.add("/", False, START)
    probed = False
    while result.pages < MAX_PAGES:
        if not frontier:
            if probed:
                break
            # The links are exhausted: now the pages nobody links to.
            probed = True
            for url in unlinked_urls():
                if all((url, htmx) not in frontier.seen for htmx in (False, True)):
                    frontier.add(url, False, URLCONF)
            continue
        url, htmx, referrer = frontier.pop()
        response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
        result.pages += 1
        result.fragments += htmx
        status = response.status_code
        result.statuses[status] += 1
        result.routes.add(route_of(url.partition("?")[0]))
        where = f"{username} GET {url}{' (htmx)' if htmx else ''} ← {referrer}"
        linked = referrer not in (START, URLCONF)
        if status >= 500:
            exc = response.exc_info[1] if response.exc_info else None
            result.problems.append(f"{where}: {status} {exc!r}")
            continue
        if status in REDIRECTS:
            frontier.add(normalise(response["Location"], url), htmx, url)
        if response.streaming or response.has_header("Content-Disposition"):
            # A download or a stored file: its status is what there is to check.
            if status != 200:
                result.problems.append(f"{where}: file answered {status}")
            if response.streaming:
                # Read to the end: the client then closes the file as a WSGI server would. Never call
                # response.close() here: outside the client it closes the test's database connection.
                b"".join(response.streaming_content)
            continue
        if status in (403, 404) and linked:
            # The page that showed this link (or redirected here) offered what its user may not follow.
            result.problems.append(f"{where}: {status} for a link shown to this user")
        if not response.get("Content-Type", "").startswith("text/html"):
            if status != 200 and status not in REDIRECTS and linked:
                result.problems.append(f"{where}: {status} {response.get('Content-Type')}")
            continue
        # A URL nobody links to may be a POST-only action: 405 is its right answer to a GET.
        if status not in HTML_STATUSES and not (status == 405 and not linked):
            result.problems.append(f"{where}: HTML page answered {status}")
        if status in REDIRECTS or status == 405:
            continue
        body = response.content.decode(response.charset or "utf-8", errors="replace")
        for leftover in ("{{", "{%"):
            if leftover in body:
                at = body.index(leftover)
                result.problems.append(f"{where}: template syntax left: {body[max(0, at - 60) : at + 60]!r}")
        # htmx swaps a fragment into a page that has the <html> element already.
        if not htmx and LANG not in body:
            result.problems.append(f"{where}: {status} page lacks {LANG}")
        if status == 200:
            for href, by_htmx in links_of(body):
                frontier.add(normalise(href, url.partition("?")[0]), by_htmx, url)
    result.seconds = time.perf_counter() - started
    return result


@pytest.fixture
def demo(db, settings, django_capture_on_commit_callbacks):
    settings.FRONTLINE_TODAY = "2020-02-19"
    with django_capture_on_commit_callbacks(execute=True):
        return seed_small_demo()


def test_every_role_crawls_the_demo_without_a_server_error(demo, caplog):
    # Hundreds of expected 403s (URLconf visits) would bury a server error's log; those stay.
    caplog.set_level(logging.ERROR, logger="django.request")
    results = [crawl(username) for username in demo]
    for r in results:
        print(
            f"{r.username:<20} {r.pages:>4} pages ({r.fragments} htmx) {len(r.routes):>3} routes {r.seconds:5.1f}s "
            f"{dict(sorted(r.statuses.items()))}"
        )
    # Each role reaches well past its home page.
    assert all(r.pages > 20 for r in results), [(r.username, r.pages) for r in results]
    problems = [p for r in results for p in r.problems]
    assert problems == [], "\n".join(problems)
