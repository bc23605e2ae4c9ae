"""Care figures: yuan computed from integer fen (scale 100: whole yuan as int, otherwise at most two
decimals), recipients and visits. Declarative where a count or sum says it, so the dashboard can
split them by day and by sub-division in one query."""

from datetime import date

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.care.models import Allocation, Disbursement, Visit
from frontline.core.figures import count_figure, figure

count_figure(
    "care_fund_allocated_yuan",
    _("Care fund allocated"),
    model=Allocation,
    date_field="decided_on",
    sum_field="amount_fen",
    scale=100,
    unit=pgettext_lazy("unit", "yuan"),
    order=700,
)
count_figure(
    "care_fund_disbursed_yuan",
    _("Care fund disbursed"),
    model=Disbursement,
    date_field="paid_on",
    sum_field="amount_fen",
    scale=100,
    unit=pgettext_lazy("unit", "yuan"),
    order=701,
)


@figure("care_recipients", _("Care recipients"), unit=pgettext_lazy("unit", "recipients"), order=702)
def care_recipients(division: str, start: date, end: date) -> int:
    """Distinct people plus distinct organizations paid in the period."""
    counts = Disbursement.objects.filter(
        division_code__startswith=division, paid_on__range=(start, end)
    ).aggregate(p=Count("recipient_person", distinct=True), o=Count("recipient_org", distinct=True))
    return (counts["p"] or 0) + (counts["o"] or 0)


count_figure(
    "care_visits",
    _("Care visits"),
    model=Visit,
    date_field="visited_on",
    unit=pgettext_lazy("unit", "visits"),
    order=703,
)
