"""The care app's section of the cadre profile: care money received and visits (see
evaluation/profile.py for the contract)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from frontline.care import selectors
from frontline.care.money import format_fen
from frontline.evaluation.profile import ProfileItem, ProfileSection

ORDER = 90
LIMIT = 10


def sections(person, policy):
    if not policy.has("care.view"):
        return []
    disbursements, visits = selectors.person_care(policy=policy, person=person)
    return [
        ProfileSection(
            title=_("Care money received"),
            count=disbursements.count(),
            items=[
                ProfileItem(
                    date=d.paid_on,
                    text=f"{format_fen(d.amount_fen)} 元 · {d.allocation.title}",
                    badge=d.get_category_display(),
                )
                for d in disbursements[:LIMIT]
            ],
            url=reverse("care:disbursements"),
            key="care.disbursements",
        ),
        ProfileSection(
            title=_("Visits (made or received)"),
            count=visits.count(),
            items=[
                ProfileItem(
                    date=v.visited_on, text=f"{v.recipient_name} · {v.items}", badge=v.get_category_display()
                )
                for v in visits[:LIMIT]
            ],
            url=reverse("care:visits"),
            key="care.visits",
        ),
    ]
