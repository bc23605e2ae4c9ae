"""The supervision app's sections of the cadre profile: 分片包乡 supervision work of a department
leader — the visits they led, the findings of those visits, and the rectification items those
findings opened, which the leader follows until closed (see evaluation/profile.py for the contract).

Rectification.owner is free text naming who must act (often a post such as 乡党委组织委员), not a
person, so items are tied to a cadre through the visit they came from, never by matching names.
"""

from functools import cache

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frontline.core import clock
from frontline.evaluation.profile import ProfileItem, ProfileSection
from frontline.supervision import selectors
from frontline.supervision.models import Rectification

ORDER = 30


def _short(text: str, n: int = 60) -> str:
    return Truncator(text).chars(n)


def _state(item: Rectification, today) -> str:
    if item.closed_on:
        return _("Closed")
    return _("Overdue") if item.is_overdue(today) else _("Open")


def sections(person, policy):
    if not policy.has("supervision.view"):
        return []
    today = clock.today()
    # Township names only when there is something to label (most cadres lead no visits): looked up on
    # the first item, once.
    names = cache(selectors.township_names)

    def where(row) -> str:
        return names().get(row.division_code, row.division_code)

    def visit_item(v) -> ProfileItem:
        return ProfileItem(
            date=v.visited_on,
            text=f"{where(v)}：{_short(v.checked)}",
            badge=ngettext("%(n)s finding", "%(n)s findings", v.n_findings) % {"n": v.n_findings}
            if v.n_findings
            else "",
            url=reverse("supervision:visit", args=[v.pk]),
        )

    def finding_item(f) -> ProfileItem:
        return ProfileItem(
            date=f.visit.visited_on,
            text=f"{where(f)}：{_short(f.text)}",
            badge=_("serious") if f.serious else "",
            url=reverse("supervision:visit", args=[f.visit_id]),
        )

    def rectification_item(r) -> ProfileItem:
        return ProfileItem(
            date=r.deadline,
            text=f"{where(r)}：{_short(r.action)}（{r.owner}）",
            badge=_state(r, today),
            url=reverse("supervision:rectification", args=[r.pk]),
        )

    items = (
        selectors.rectification_list(policy=policy)
        .filter(finding__visit__leader=person)
        .order_by("-finding__visit__visited_on", "deadline", "-id")
    )
    return [
        ProfileSection.listing(
            _("Supervision visits led"),
            selectors.visit_list(policy=policy).filter(leader=person),
            visit_item,
            url=reverse("supervision:visits"),
            key="supervision.visits",
        ),
        ProfileSection.listing(
            _("Supervision findings"),
            selectors.finding_list(policy=policy).filter(visit__leader=person),
            finding_item,
            url=reverse("supervision:findings"),
            key="supervision.findings",
        ),
        ProfileSection.listing(
            _("Rectification items followed up"),
            items,
            rectification_item,
            url=reverse("supervision:rectifications"),
            key="supervision.rectifications",
        ),
    ]
