"""Home-page and menu entries. Each app lists its own in nav.py with add(...); shown only to roles allowed."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from frontline.core.permissions import roles_for


@dataclass(frozen=True)
class NavEntry:
    label: str  # lazy-translated
    url_name: str
    perm: str
    group: str = "work"  # work | organization | reports | admin
    order: int = 100
    description: str = ""


_ENTRIES: list[NavEntry] = []


def add(*entries: NavEntry) -> None:
    for entry in entries:
        roles_for(entry.perm)
        _ENTRIES.append(entry)


def entries_for(policy) -> list[dict]:
    out = []
    for entry in sorted(_ENTRIES, key=lambda e: (e.order, e.url_name)):
        if not policy.has(entry.perm):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        out.append({"label": entry.label, "url": url, "group": entry.group, "description": entry.description})
    return out
