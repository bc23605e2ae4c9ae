"""The supervision app's sections of the cadre profile: 分片包乡 supervision work of a department
leader — the visits they led, the findings of those visits, and the rectification items those
findings opened, which the leader follows until closed (see evaluation/profile.py for the contract).

Rectification.owner is free text naming who must act (often a post such as 乡党委组织委员), not a
person, so items are tied to a cadre through the visit they came from, never by matching names.
"""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frontline.core import clock
from frontline.evaluation.profile import ProfileItem, ProfileSection
from frontline.supervision import selectors
from frontline.supervision.models import Rectification

ORDER = 30
LIMIT = 10


def _short(text: str, n: int = 60) -> str:
    return Truncator(text).chars(n)


def _state(item: Rectification, today) -> str:
    if item.closed_on:
        return _("Closed")
    return _("Overdue") if item.is_overdue(today) else _("Open")


def sections(person, policy):
    if not policy.has("supervision.view"):
        return []
    visits = selectors.visit_list(policy=policy).filter(leader=person)
    findings = selectors.finding_list(policy=policy).filter(visit__leader=person)
    items = (
        selectors.rectification_list(policy=policy)
        .filter(finding__visit__leader=person)
        .order_by("-finding__visit__visited_on", "deadline", "-id")
    )
    latest = [list(visits[:LIMIT]), list(findings[:LIMIT]), list(items[:LIMIT])]
    # Township names only when there is something to label (most cadres lead no visits).
    names = selectors.township_names() if any(latest) else {}
    today = clock.today()
    return [
        ProfileSection(
            title=_("Supervision visits led"),
            count=visits.count(),
            items=[
                ProfileItem(
                    date=v.visited_on,
                    text=f"{names.get(v.division_code, v.division_code)}：{_short(v.checked)}",
                    badge=ngettext("%(n)s finding", "%(n)s findings", v.n_findings) % {"n": v.n_findings}
                    if v.n_findings
                    else "",
                    url=reverse("supervision:visit", args=[v.pk]),
                )
                for v in latest[0]
            ],
            url=reverse("supervision:visits"),
            key="supervision.visits",
        ),
        ProfileSection(
            title=_("Supervision findings"),
            count=findings.count(),
            items=[
                ProfileItem(
                    date=f.visit.visited_on,
                    text=f"{names.get(f.division_code, f.division_code)}：{_short(f.text)}",
                    badge=_("serious") if f.serious else "",
                    url=reverse("supervision:visit", args=[f.visit_id]),
                )
                for f in latest[1]
            ],
            url=reverse("supervision:findings"),
            key="supervision.findings",
        ),
        ProfileSection(
            title=_("Rectification items followed up"),
            count=items.count(),
            items=[
                ProfileItem(
                    date=r.deadline,
                    text=f"{names.get(r.division_code, r.division_code)}：{_short(r.action)}（{r.owner}）",
                    badge=_state(r, today),
                    url=reverse("supervision:rectification", args=[r.pk]),
                )
                for r in latest[2]
            ],
            url=reverse("supervision:rectifications"),
            key="supervision.rectifications",
        ),
    ]
