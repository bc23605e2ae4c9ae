"""Pages of lists, and free-text searches that never reach a URL.

The rule (docs/SECURITY.md, "No personal data in URLs"): a free-text field that may carry a name, an ID
number, a phone, a plate or an address is sent by POST, never in a query string, so that it lands in
no browser history, bookmark, Referer header, proxy or access log. Choice filters (status, kind, date,
division code, page number) may stay in GET.

A POSTed search must still page: the terms are kept in the session under a short random key, and the
page links carry only that key (`?page=2&s=Ab3dE9xQ`). The key is bound to the path that made it and
means nothing anywhere else. The terms are encrypted in the session row (like identifiers in their
tables), the session keeps the last few searches only and dies at logout or expiry (`purge_expired`
clears expired sessions). A GET carrying the terms themselves (`?q=张三`) does not search.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field

from django.core.paginator import Paginator

from frontline.core import crypto

SEARCH_KEY = "s"  # the query parameter holding the opaque key of a POSTed search
SESSION_KEY = "frontline_searches"
KEEP = 20  # searches kept per session (the oldest is dropped)
MAX_TERM = 100

# Query parameter names that would carry free text about a person. No GET form or GET API operation
# may declare one (tests/test_no_personal_data_in_urls.py); page links never echo one.
FREE_TEXT_PARAM = re.compile(
    r"^(q|query|search|keywords?|term|name|\w+_name|names?|username|actor|id_?number|id_?no|id_?card"
    r"|\w*phone\w*|\w*mobile\w*|\w*plate\w*|\w*address\w*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Search:
    """The terms of a free-text search (empty strings when there is none) and its session key."""

    terms: dict[str, str] = field(default_factory=dict)
    key: str = ""

    def __getitem__(self, name: str) -> str:
        return self.terms.get(name, "")

    def __bool__(self) -> bool:
        return any(self.terms.values())


def posted_search(request, *fields: str) -> Search:
    """The search terms of this request: from a POST (then kept in the session under a new key), or
    from the session when a GET page link carries a key made on this same path; otherwise none."""
    fields = fields or ("q",)
    if request.method == "POST":
        terms = {f: str(request.POST.get(f, "")).strip()[:MAX_TERM] for f in fields}
        if not any(terms.values()):
            return Search(terms)
        key = secrets.token_urlsafe(6)
        saved = dict(request.session.get(SESSION_KEY) or {})
        saved[key] = {"path": request.path, "terms": crypto.encrypt(json.dumps(terms, ensure_ascii=False))}
        while len(saved) > KEEP:
            saved.pop(next(iter(saved)))
        request.session[SESSION_KEY] = saved
        return Search(terms, key)
    key = request.GET.get(SEARCH_KEY, "")
    entry = (request.session.get(SESSION_KEY) or {}).get(key) if key else None
    if isinstance(entry, dict) and entry.get("path") == request.path:
        try:
            saved_terms = json.loads(crypto.decrypt(entry.get("terms") or "") or "{}")
        except ValueError:  # keys rotated since: the search is simply gone
            saved_terms = {}
        return Search({f: str(saved_terms.get(f, "")) for f in fields}, key)
    return Search({f: "" for f in fields})


def paginate(request, qs, per_page: int = 50):
    """A page of a scoped queryset. Page number from GET (no personal data in it); a new search (a
    POST) starts at the first page whatever the URL it was posted to."""
    paginator = Paginator(qs, per_page)
    number = 1 if request.method == "POST" else request.GET.get("page") or 1
    return paginator.get_page(number)


def page_query(request, number: int, search: Search | None = None) -> str:
    """`?…` for page `number` of the current list: the GET choice filters kept, free-text parameters
    dropped, the key of the current search (if any) instead of its terms."""
    params = request.GET.copy()
    for name in list(params):
        if FREE_TEXT_PARAM.match(name):
            del params[name]
    params.pop(SEARCH_KEY, None)
    params["page"] = str(number)
    key = getattr(search, "key", "")
    if key:
        params[SEARCH_KEY] = key
    return "?" + params.urlencode()
