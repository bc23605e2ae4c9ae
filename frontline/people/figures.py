from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.figures import count_figure
from frontline.people.models import PARTY_KINDS, Cadre, Membership, Organization

count_figure(
    "party_members",
    _("Party members"),
    model=Membership,
    q=Q(kind__in=PARTY_KINDS),
    distinct="person",
    unit=pgettext_lazy("unit", "people"),
    order=300,
)
count_figure("cadres", _("Cadres"), model=Cadre, unit=pgettext_lazy("unit", "people"), order=301)
count_figure(
    "organizations",
    _("Party organizations"),
    model=Organization,
    q=Q(kind__in=["township_committee", "village_branch", "party_group"]),
    order=302,
)
