"""People's figures: the party organization as it stands on the day (stock figures ignore start)."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from frontline.core.figures import figure
from frontline.people.models import PARTY_KINDS, Membership, Organization


@figure("party_members", _("Party members (full and probationary)"), unit=_("person(s)"), order=5)
def party_members(division: str, start: date, end: date) -> int:
    # One person may hold memberships in two bodies (a branch and a committee): count people.
    return (
        Membership.objects.filter(division_code__startswith=division, kind__in=PARTY_KINDS)
        .values("person_id")
        .distinct()
        .count()
    )


@figure("organizations", _("Party organizations and bodies"), unit=_("body(ies)"), order=6)
def organizations(division: str, start: date, end: date) -> int:
    return Organization.objects.filter(division_code__startswith=division).count()
