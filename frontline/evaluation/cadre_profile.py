"""The evaluation app's own sections of the cadre profile (see evaluation/profile.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from frontline.evaluation import selectors
from frontline.evaluation.profile import ProfileItem, ProfileSection

ORDER = 80


def _observation_item(o) -> ProfileItem:
    return ProfileItem(
        date=o.observed_on, text=f"{o.event}：{o.conduct}（{o.observer}）", badge=o.get_rating_display()
    )


def _commendation_item(c) -> ProfileItem:
    return ProfileItem(date=c.awarded_on, text=f"{c.title}（{c.awarded_by}）", badge=c.get_level_display())


def _adjustment_item(a) -> ProfileItem:
    return ProfileItem(
        date=a.decided_on,
        text=f"{a.from_position} → {a.to_position}：{a.reason}",
        badge=a.get_kind_display(),
    )


def sections(person, policy):
    if not policy.has("evaluation.view"):
        return []
    pools_url = reverse("evaluation:pools")

    def entry_item(e) -> ProfileItem:
        return ProfileItem(
            date=e.proposed_on,
            text=f"{e.get_pool_display()}：{e.reason}",
            badge=e.get_status_display(),
            url=pools_url,
        )

    return [
        ProfileSection.listing(
            _("Front-line assessments"),
            selectors.observation_list(policy=policy, person=person),
            _observation_item,
            key="evaluation.observations",
        ),
        ProfileSection.listing(
            _("Commendations"),
            selectors.commendation_list(policy=policy, person=person),
            _commendation_item,
            key="evaluation.commendations",
        ),
        ProfileSection.listing(
            _("Priority pools"),
            selectors.pool_entry_list(policy=policy, person=person),
            entry_item,
            url=pools_url,
            key="evaluation.pools",
        ),
        ProfileSection.listing(
            _("Adjustments (not up to the post)"),
            selectors.adjustment_list(policy=policy, person=person),
            _adjustment_item,
            key="evaluation.adjustments",
        ),
    ]
