"""The cadre profile: one page per cadre, gathered from every app without importing them.

Contract for apps (the lead adds checkpoints / discipline / supervision / community sections here):

    # frontline/<app>/cadre_profile.py   (autodiscovered by name)
    from frontline.evaluation.profile import ProfileItem, ProfileSection

    ORDER = 30                      # optional: position on the page (lower first; default 100)

    def sections(person, policy) -> list[ProfileSection]:
        qs = policy.scope(Shift.objects.filter(member=person))       # ALWAYS scope through the policy
        return [ProfileSection(
            title=_("Shifts served"),
            count=qs.count(),                                         # the true total, not len(items)
            items=[ProfileItem(date=s.starts_at.date(), text=str(s.checkpoint), url=…) for s in qs[:10]],
            url=reverse("checkpoints:…"),                             # optional "see all" link
        )]
        # or, the same in one call: ProfileSection.listing(_("Shifts served"), qs, item_of_shift, url=…, key=…)

    # optional: accountability outcomes (追责问责) for the assessment summary
    def accountability(person, policy) -> list[ProfileItem]: ...

Rules: `person` is a people.Person; `policy` is the viewer's Policy (the page already required
`evaluation.view` and that the cadre is in scope). A section only shows what the viewer may read in
its own app (check `policy.has("<app>.view")` and return [] otherwise). `count` must equal the
number of underlying records in scope (tests compare them). Keep it to a few queries per section.
A provider that raises is logged and shown as "unavailable"; it never takes the page down.

Expected sections from apps built in parallel: checkpoints (shifts served), discipline (十带头 deeds,
negative-list entries; `accountability()` from its accountability cases), supervision (supervision
visits and findings as a supervisor).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

MODULE = "cadre_profile"


@dataclass
class ProfileItem:
    text: str
    date: dt.date | None = None
    url: str | None = None
    badge: str = ""


LIMIT = 10  # items a section lists; its count is always the whole number


@dataclass
class ProfileSection:
    title: str
    count: int
    items: list = field(default_factory=list)
    url: str | None = None
    key: str = ""
    unavailable: bool = False

    @classmethod
    def listing(cls, title, records, item, *, key: str, url: str | None = None, limit: int = LIMIT):
        """The usual section: counts every record of the (already scoped) queryset `records` and lists
        the first `limit` of them, each turned into a ProfileItem by `item(record)`."""
        return cls(
            title=title, count=records.count(), items=[item(r) for r in records[:limit]], url=url, key=key
        )


def providers() -> list:
    """The cadre_profile modules of installed Frontline apps, in ORDER then app order."""
    found = []
    for index, app in enumerate(settings.FRONTLINE_APPS):
        try:
            module = importlib.import_module(f"{app}.{MODULE}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.{MODULE}":
                raise
            continue
        found.append((getattr(module, "ORDER", 100), index, module))
    return [m for _o, _i, m in sorted(found, key=lambda t: (t[0], t[1]))]


def sections_for(person, policy) -> list[ProfileSection]:
    out: list[ProfileSection] = []
    for module in providers():
        app = module.__name__.split(".")[1]
        try:
            for section in module.sections(person, policy) or []:
                section.key = section.key or app
                out.append(section)
        except Exception:
            log.exception("cadre profile section of %s failed", app)
            out.append(ProfileSection(title=app, count=0, key=app, unavailable=True))
    return out


def accountability_for(person, policy) -> list[ProfileItem]:
    """Accountability outcomes (追责问责) from apps that provide them (the discipline app)."""
    out: list[ProfileItem] = []
    for module in providers():
        fn = getattr(module, "accountability", None)
        if fn is None:
            continue
        try:
            out.extend(fn(person, policy) or [])
        except Exception:
            log.exception("accountability outcomes of %s failed", module.__name__)
            out.append(ProfileItem(text=str(_("Accountability records are unavailable.")), badge="alert"))
    return out
