"""The evaluation app's own sections of the cadre profile (see evaluation/profile.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from frontline.evaluation import selectors
from frontline.evaluation.profile import ProfileItem, ProfileSection

ORDER = 80
LIMIT = 10


def sections(person, policy):
    if not policy.has("evaluation.view"):
        return []
    observations = selectors.observation_list(policy=policy, person=person)
    commendations = selectors.commendation_list(policy=policy, person=person)
    entries = selectors.pool_entry_list(policy=policy, person=person)
    adjustments = selectors.adjustment_list(policy=policy, person=person)
    pools_url = reverse("evaluation:pools")
    return [
        ProfileSection(
            title=_("Front-line assessments"),
            count=observations.count(),
            items=[
                ProfileItem(
                    date=o.observed_on,
                    text=f"{o.event}：{o.conduct}（{o.observer}）",
                    badge=o.get_rating_display(),
                )
                for o in observations[:LIMIT]
            ],
            key="evaluation.observations",
        ),
        ProfileSection(
            title=_("Commendations"),
            count=commendations.count(),
            items=[
                ProfileItem(
                    date=c.awarded_on, text=f"{c.title}（{c.awarded_by}）", badge=c.get_level_display()
                )
                for c in commendations[:LIMIT]
            ],
            key="evaluation.commendations",
        ),
        ProfileSection(
            title=_("Priority pools"),
            count=entries.count(),
            items=[
                ProfileItem(
                    date=e.proposed_on,
                    text=f"{e.get_pool_display()}：{e.reason}",
                    badge=e.get_status_display(),
                    url=pools_url,
                )
                for e in entries[:LIMIT]
            ],
            url=pools_url,
            key="evaluation.pools",
        ),
        ProfileSection(
            title=_("Adjustments (not up to the post)"),
            count=adjustments.count(),
            items=[
                ProfileItem(
                    date=a.decided_on,
                    text=f"{a.from_position} → {a.to_position}：{a.reason}",
                    badge=a.get_kind_display(),
                )
                for a in adjustments[:LIMIT]
            ],
            key="evaluation.adjustments",
        ),
    ]
