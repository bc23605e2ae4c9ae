"""What the crawls of the seeded demo share: the small demo, the links of a page, which of them a
crawl follows, and the bounded breadth-first frontier. tests/test_demo_crawl.py crawls with Django's
test client; tests/e2e/test_phone_widths.py with a phone-sized browser."""

from __future__ import annotations

import io
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from django.core.management import call_command
from django.urls import resolve
from django.urls.exceptions import Resolver404

from frontline.accounts.models import User
from frontline.demo.base import DEMO_USERS

# Every app's demo step fills its pages with this few synthetic members too: they only scale the
# membership counts and the traffic at checkpoints other than 兴国西出口.
MEMBERS = 20
MAX_QUERY_VARIANTS = 3  # of one path: pagination and filter links must not explode the crawl
# Of one URL pattern: /people/<pk>/ exists for thousands of pks; a few of each show the view works
# and leave the budget to the other views.
MAX_PATHS_PER_ROUTE = 5
# Logout and the language switch are POST; the API is crawled by its own fuzz test.
SKIP_PREFIXES = ("/accounts/logout/", "/i18n/", "/api/", "/static/", "/media/", "/jsi18n/")
START = "(start)"

# Roles the demo has no login for; each gets a user here so its pages are crawled too.
EXTRA_USERS = [
    ("crawl_grid", "360732217203001", ["grid_leader"]),  # 园塘村第一网格
    ("crawl_doctor", "360732217203", ["medical"]),  # 园塘村
    ("crawl_police", "360732104", ["police"]),  # 高兴镇
]


def seed_small_demo() -> list[str]:
    """The demo with MEMBERS synthetic members, plus EXTRA_USERS; every login's username. The caller
    sets FRONTLINE_TODAY to the demo's day."""
    call_command("seed_demo", members=MEMBERS, quiet_logins=True, stdout=io.StringIO())
    for username, division, roles in EXTRA_USERS:
        User.objects.create(username=username, division_id=division, roles=roles)
    return [u[0] for u in DEMO_USERS] + [u[0] for u in EXTRA_USERS]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, bool]] = []  # (url, fetched by htmx)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], False))
        if tag == "img" and attrs.get("src"):
            self.links.append((attrs["src"], False))
        if attrs.get("hx-get"):
            self.links.append((attrs["hx-get"], True))


def links_of(html: str) -> list[tuple[str, bool]]:
    """Every <a href>, <img src> and hx-get of a page, as (url, fetched by htmx)."""
    parser = _Links()
    parser.feed(html)
    return parser.links


def normalise(url: str, base: str) -> str | None:
    """Same-origin path?query, fragment dropped, query sorted; None for what the crawl does not follow."""
    url = url.strip()
    if not url or url.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin(f"http://testserver{base}", url))
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    path = parts.path or "/"
    if path.startswith(SKIP_PREFIXES) or (path.startswith("/admin/") and path != "/admin/"):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit(("", "", path, query, ""))


def route_of(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.view_name or match.route


class Frontier:
    """The breadth-first queue of (url, htmx, referrer): each (url, htmx) once, at most
    max_query_variants queries of one path and max_paths_per_route paths of one URL pattern."""

    def __init__(
        self, *, max_query_variants: int = MAX_QUERY_VARIANTS, max_paths_per_route: int = MAX_PATHS_PER_ROUTE
    ):
        self.max_query_variants = max_query_variants
        self.max_paths_per_route = max_paths_per_route
        self.queue: deque[tuple[str, bool, str]] = deque()
        self.seen: set[tuple[str, bool]] = set()
        self.variants: dict[str, set[str]] = {}
        self.paths_of_route: dict[str, set[str]] = {}

    def __bool__(self) -> bool:
        return bool(self.queue)

    def add(self, url: str | None, htmx: bool, referrer: str) -> None:
        if url is None or (url, htmx) in self.seen:
            return
        path, _, query = url.partition("?")
        if query:
            got = self.variants.setdefault(path, set())
            if query not in got and len(got) >= self.max_query_variants:
                return
            got.add(query)
        paths = self.paths_of_route.setdefault(route_of(path), set())
        if path not in paths and len(paths) >= self.max_paths_per_route:
            return
        paths.add(path)
        self.seen.add((url, htmx))
        self.queue.append((url, htmx, referrer))

    def pop(self) -> tuple[str, bool, str]:
        return self.queue.popleft()
