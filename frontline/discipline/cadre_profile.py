"""The discipline app's sections of the cadre profile: the 十带头 pledge and deeds, 党性体检
assessments, and — only for roles that may read the negative list — negative-list entries and
accountability cases, whose decided outcomes also feed the assessment summary (see
evaluation/profile.py for the contract)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from frontline.discipline import selectors
from frontline.discipline.models import AccountabilityCase, Pledge
from frontline.evaluation.profile import ProfileItem, ProfileSection
from frontline.people.models import PARTY_KINDS, Membership

ORDER = 20


def _short(text: str, n: int = 60) -> str:
    return Truncator(text).chars(n)


def _deed_item(d) -> ProfileItem:
    return ProfileItem(
        date=timezone.localtime(d.happened_at).date(),
        text=d.what if d.count == 1 else f"{d.what} ×{d.count}",
        badge=d.get_item_display(),
        url=reverse("discipline:deed", args=[d.pk]),
    )


def _assessment_item(a) -> ProfileItem:
    return ProfileItem(
        date=timezone.localtime(a.assessed_at).date(),
        text=f"{a.campaign}：{_short(a.comments)}" if a.comments else a.campaign,
        badge=a.get_rating_display(),
    )


def _member_sections(person, policy) -> list[ProfileSection]:
    pledge = policy.scope(Pledge.objects.filter(person=person)).first()
    # The member page 404s for someone who is not a party member in scope: link it only when it exists.
    is_member = policy.scope(Membership.objects.filter(person=person, kind__in=PARTY_KINDS)).exists()
    member_url = reverse("discipline:member", args=[person.pk]) if is_member else None
    return [
        ProfileSection(
            title=_("Take-the-lead pledge"),
            count=int(pledge is not None),
            items=[ProfileItem(date=pledge.pledged_on, text=pledge.note or _("Pledged the ten items"))]
            if pledge
            else [],
            url=member_url,
            key="discipline.pledge",
        ),
        ProfileSection.listing(
            _("Take-the-lead deeds"),
            selectors.deed_list(policy=policy, person_id=person.pk),
            _deed_item,
            url=member_url or reverse("discipline:deeds"),
            key="discipline.deeds",
        ),
        ProfileSection.listing(
            _("Party-spirit assessments"),
            selectors.assessment_list(policy=policy).filter(person=person),
            _assessment_item,
            url=reverse("discipline:assessments"),
            key="discipline.assessments",
        ),
    ]


def _cases(person, policy):
    return selectors.case_list(policy=policy).filter(entry__cadre__person=person)


def _case_badge(case: AccountabilityCase) -> str:
    if case.outcome:
        return case.get_outcome_display()
    return _("Closed") if case.is_closed else _("Open")


def _entry_item(e) -> ProfileItem:
    return ProfileItem(
        date=e.occurred_on,
        text=f"{e.get_category_display()}：{_short(e.facts)}",
        badge=e.get_status_display(),
        url=reverse("discipline:negative_detail", args=[e.pk]),
    )


def _case_item(c) -> ProfileItem:
    return ProfileItem(
        date=timezone.localtime(c.opened_at).date(),
        text=c.entry.get_category_display(),
        badge=_case_badge(c),
        url=reverse("discipline:negative_detail", args=[c.entry_id]),
    )


def _negative_sections(person, policy) -> list[ProfileSection]:
    return [
        ProfileSection.listing(
            _("Negative-list entries"),
            selectors.negative_list(policy=policy).filter(cadre__person=person),
            _entry_item,
            url=reverse("discipline:negative"),
            key="discipline.negative",
        ),
        ProfileSection.listing(
            _("Accountability cases"),
            _cases(person, policy),
            _case_item,
            url=reverse("discipline:cases"),
            key="discipline.cases",
        ),
    ]


def sections(person, policy):
    out = []
    if policy.has("discipline.pledges_view"):
        out += _member_sections(person, policy)
    # 负面清单 is readable by fewer roles than the profile may ever be: ask the discipline rule itself.
    if policy.has("discipline.negative_view"):
        out += _negative_sections(person, policy)
    return out


def accountability(person, policy):
    """追责问责 outcomes: the decided accountability cases of the person, newest decision first."""
    if not policy.has("discipline.negative_view"):
        return []
    decided = _cases(person, policy).exclude(outcome="").order_by("-decided_on", "-id")
    return [
        ProfileItem(
            date=c.decided_on,
            text="；".join(
                part
                for part in (
                    c.entry.get_category_display(),
                    _short(c.decision, 80),
                    c.decided_by,
                )
                if part
            ),
            badge=c.get_outcome_display(),
        )
        for c in decided
    ]
