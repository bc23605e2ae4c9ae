"""The care app's section of the cadre profile: care money received and visits (see
evaluation/profile.py for the contract)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from frontline.care import selectors
from frontline.care.money import format_fen
from frontline.evaluation.profile import ProfileItem, ProfileSection

ORDER = 90


def _disbursement_item(d) -> ProfileItem:
    return ProfileItem(
        date=d.paid_on,
        text=f"{format_fen(d.amount_fen)} 元 · {d.allocation.title}",
        badge=d.get_category_display(),
    )


def _visit_item(v) -> ProfileItem:
    return ProfileItem(
        date=v.visited_on, text=f"{v.recipient_name} · {v.items}", badge=v.get_category_display()
    )


def sections(person, policy):
    if not policy.has("care.view"):
        return []
    disbursements, visits = selectors.person_care(policy=policy, person=person)
    return [
        ProfileSection.listing(
            _("Care money received"),
            disbursements,
            _disbursement_item,
            url=reverse("care:disbursements"),
            key="care.disbursements",
        ),
        ProfileSection.listing(
            _("Visits (made or received)"),
            visits,
            _visit_item,
            url=reverse("care:visits"),
            key="care.visits",
        ),
    ]
