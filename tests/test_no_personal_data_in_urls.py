"""No personal data in URLs, project-wide: a free-text field that may carry a name, an ID number, a phone,
a plate or an address goes by POST (docs/SECURITY.md). This walks what could put one in a query string:
the GET operations of the OpenAPI schema, every template (GET forms, hx-get, links), the JavaScript, and
the Python that reads request.GET. Each detector is first shown to catch a planted offender."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from frontline.core.paging import FREE_TEXT_PARAM

ROOT = Path(__file__).resolve().parent.parent / "frontline"
TEMPLATES = sorted(ROOT.glob("**/templates/**/*.html"))
SCRIPTS = sorted(
    p for p in ROOT.glob("**/static/**/*.js") if "vendor" not in p.parts and ".min." not in p.name
)
PYTHON = sorted(p for p in ROOT.glob("**/*.py") if "tests" not in p.parts and "migrations" not in p.parts)


# -- the API ------------------------------------------------------------------------------------------
def free_text_query_parameters(schema: dict) -> list[str]:
    found = []
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            if method.lower() not in ("get", "head", "delete"):
                continue  # a body-less request's only data is its URL; POST bodies are fine
            for p in op.get("parameters", []):
                if p.get("in") == "query" and FREE_TEXT_PARAM.match(p["name"]):
                    found.append(f"{method.upper()} {path} ?{p['name']}")
    return found


def test_detector_catches_a_free_text_query_parameter():
    planted = {"paths": {"/x/": {"get": {"parameters": [{"in": "query", "name": "id_number"}]}}}}
    assert free_text_query_parameters(planted) == ["GET /x/ ?id_number"]


def test_no_get_operation_takes_free_text_in_its_query(db):
    from frontline.api import api

    schema = api.get_openapi_schema()
    assert len(schema["paths"]) > 20
    assert free_text_query_parameters(schema) == []


def test_free_text_searches_exist_as_post_operations(db):
    from frontline.api import api

    paths = api.get_openapi_schema()["paths"]
    assert "post" in paths["/api/v1/people/search"] and "post" in paths["/api/v1/audit-events/search"]


# -- templates: GET forms, hx-get, links ------------------------------------------------------------
class _FormScan(HTMLParser):
    """Names of fields that a GET form (or an hx-get element) would put in a URL."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.get_forms: list[bool] = []  # stack: is the enclosing form a GET form?
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            method = a.get("method", "get").strip().lower()
            self.get_forms.append(("hx-post" not in a and method != "post") or "hx-get" in a)
            return
        if tag in ("input", "textarea", "select"):
            name = a.get("name", "")
            if a.get("type", "text").lower() in ("submit", "button", "reset", "image"):
                return
            in_get_form = bool(self.get_forms) and self.get_forms[-1]
            if FREE_TEXT_PARAM.match(name) and (in_get_form or "hx-get" in a):
                self.found.append(name)

    def handle_endtag(self, tag):
        if tag == "form" and self.get_forms:
            self.get_forms.pop()


def get_form_free_text_fields(html: str) -> list[str]:
    scan = _FormScan()
    scan.feed(re.sub(r"{%.*?%}|{{.*?}}", "", html, flags=re.S))  # template tags out; the HTML stays
    return scan.found


# `?q=…`, `&name=…` written into a link or a fetch: a free-text parameter in a query string.
QUERY_STRING_PARAM = re.compile(r"[?&](?:amp;)?([A-Za-z_]+)=")


def free_text_in_query_strings(text: str) -> list[str]:
    return [m.group(1) for m in QUERY_STRING_PARAM.finditer(text) if FREE_TEXT_PARAM.match(m.group(1))]


@pytest.mark.parametrize(
    "html",
    [
        '<form method="get"><input name="q"></form>',
        '<form class="filters"><label>x<input type="search" name="phone"></label></form>',  # GET by default
        '<form method="post" hx-get="/x/"><input name="plate"></form>',
        '<input name="name" hx-get="/x/" hx-trigger="keyup">',
    ],
)
def test_detector_catches_a_free_text_field_in_a_get_form(html):
    assert get_form_free_text_fields(html)


def test_detector_leaves_post_forms_and_choice_filters_alone():
    html = (
        '<form method="post">{% csrf_token %}<input name="q"></form>'
        '<form method="get"><select name="status"></select><input type="date" name="day"></form>'
    )
    assert get_form_free_text_fields(html) == []


def test_detector_catches_free_text_in_a_link_or_a_fetch():
    assert free_text_in_query_strings('<a href="?page=2&amp;q={{ q }}">') == ["q"]
    assert free_text_in_query_strings('fetch(cfg.places + "?q=" + term)') == ["q"]
    assert free_text_in_query_strings('<a href="?page=2&amp;s={{ key }}&status=open">') == []


def test_no_template_has_a_get_form_with_a_free_text_field():
    assert len(TEMPLATES) > 50
    offenders = {
        str(p.relative_to(ROOT)): found
        for p in TEMPLATES
        if (found := get_form_free_text_fields(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_no_template_or_script_writes_free_text_into_a_query_string():
    assert SCRIPTS
    offenders = {
        str(p.relative_to(ROOT)): found
        for p in (*TEMPLATES, *SCRIPTS)
        if (found := free_text_in_query_strings(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}


# -- views: what they read from request.GET ---------------------------------------------------------
GET_READ = re.compile(r"""\.GET(?:\.get\(|\.getlist\(|\[)\s*["']([A-Za-z_]+)["']""")


def free_text_get_reads(source: str) -> list[str]:
    return [m.group(1) for m in GET_READ.finditer(source) if FREE_TEXT_PARAM.match(m.group(1))]


def test_detector_catches_a_view_reading_free_text_from_get():
    assert free_text_get_reads('q = request.GET.get("q", "")') == ["q"]
    assert free_text_get_reads("plate = request.GET['plate']") == ["plate"]
    assert free_text_get_reads('kind = request.GET.get("kind", "")') == []


def test_no_view_reads_free_text_from_the_query_string():
    offenders = {
        str(p.relative_to(ROOT)): found
        for p in PYTHON
        if (found := free_text_get_reads(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}


# -- the search of the list pages: by POST, paged by an opaque key -----------------------------------
def test_page_links_never_echo_free_text_and_carry_the_search_key(rf):
    from frontline.core.paging import Search, page_query

    request = rf.get("/people/", {"status": "open", "q": "张三", "phone": "13800000000", "page": "3"})
    query = page_query(request, 4, Search({"q": "张三"}, "k3y"))
    assert query == "?status=open&page=4&s=k3y"
