"""Care figures: yuan computed from integer fen (exact), recipients and visits."""

from datetime import date

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from frontline.care.models import Allocation, Disbursement, Visit
from frontline.care.money import yuan_number
from frontline.core.figures import figure


@figure("care_fund_allocated_yuan", _("Care fund allocated"), unit=_("yuan"), order=700)
def care_fund_allocated_yuan(division: str, start: date, end: date):
    fen = Allocation.objects.filter(
        division_code__startswith=division, decided_on__range=(start, end)
    ).aggregate(s=Sum("amount_fen"))["s"]
    return yuan_number(fen or 0)


@figure("care_fund_disbursed_yuan", _("Care fund disbursed"), unit=_("yuan"), order=701)
def care_fund_disbursed_yuan(division: str, start: date, end: date):
    fen = Disbursement.objects.filter(
        division_code__startswith=division, paid_on__range=(start, end)
    ).aggregate(s=Sum("amount_fen"))["s"]
    return yuan_number(fen or 0)


@figure("care_recipients", _("Care recipients"), unit=_("recipients"), order=702)
def care_recipients(division: str, start: date, end: date) -> int:
    counts = Disbursement.objects.filter(
        division_code__startswith=division, paid_on__range=(start, end)
    ).aggregate(p=Count("recipient_person", distinct=True), o=Count("recipient_org", distinct=True))
    return (counts["p"] or 0) + (counts["o"] or 0)


@figure("care_visits", _("Care visits"), unit=_("visits"), order=703)
def care_visits(division: str, start: date, end: date) -> int:
    return Visit.objects.filter(division_code__startswith=division, visited_on__range=(start, end)).count()
