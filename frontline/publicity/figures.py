"""Publicity's own figures: what the column published, deeds, and what went upward."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.clock import local_day_bounds
from frontline.core.figures import figure
from frontline.publicity.models import ColumnPost, Deed, Submission


def _bounds(start: date, end: date):
    return local_day_bounds(start)[0], local_day_bounds(end)[1]


@figure("posts_published", _("Column posts published"), unit=pgettext_lazy("unit", "posts"), order=900)
def posts_published(division: str, start: date, end: date) -> int:
    return ColumnPost.objects.filter(
        division_code__startswith=division, status="published", publish_date__range=(start, end)
    ).count()


@figure("deeds_nominated", _("Typical deeds nominated"), unit=pgettext_lazy("unit", "deeds"), order=910)
def deeds_nominated(division: str, start: date, end: date) -> int:
    lo, hi = _bounds(start, end)
    return Deed.objects.filter(
        division_code__startswith=division, nominated_at__gte=lo, nominated_at__lt=hi
    ).count()


@figure("deeds_published", _("Typical deeds published"), unit=pgettext_lazy("unit", "deeds"), order=911)
def deeds_published(division: str, start: date, end: date) -> int:
    lo, hi = _bounds(start, end)
    return Deed.objects.filter(
        division_code__startswith=division, published_at__gte=lo, published_at__lt=hi
    ).count()


@figure("submissions_sent", _("Reports sent upward"), unit=pgettext_lazy("unit", "items"), order=920)
def submissions_sent(division: str, start: date, end: date) -> int:
    lo, hi = _bounds(start, end)
    return Submission.objects.filter(
        division_code__startswith=division, sent_at__gte=lo, sent_at__lt=hi
    ).count()


@figure(
    "submissions_adopted",
    _("Upward reports adopted by upper levels"),
    unit=pgettext_lazy("unit", "items"),
    order=921,
)
def submissions_adopted(division: str, start: date, end: date) -> int:
    lo, hi = _bounds(start, end)
    return Submission.objects.filter(
        division_code__startswith=division,
        status__in=("accepted", "published"),
        status_at__gte=lo,
        status_at__lt=hi,
    ).count()
