"""Publicity's own figures: what the column published, deeds, and what went upward. Each is a count
of records dated within the period (core.figures.count_figure)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.figures import count_figure
from frontline.publicity.models import ColumnPost, Deed, Submission

count_figure(
    "posts_published",
    _("Column posts published"),
    model=ColumnPost,
    date_field="publish_date",
    q=Q(status="published"),
    unit=pgettext_lazy("unit", "posts"),
    order=900,
)
count_figure(
    "deeds_nominated",
    _("Typical deeds nominated"),
    model=Deed,
    date_field="nominated_at",
    unit=pgettext_lazy("unit", "deeds"),
    order=910,
)
count_figure(
    "deeds_published",
    _("Typical deeds published"),
    model=Deed,
    date_field="published_at",
    unit=pgettext_lazy("unit", "deeds"),
    order=911,
)
count_figure(
    "submissions_sent",
    _("Reports sent upward"),
    model=Submission,
    date_field="sent_at",
    unit=pgettext_lazy("unit", "items"),
    order=920,
)
count_figure(
    "submissions_adopted",
    _("Upward reports adopted by upper levels"),
    model=Submission,
    date_field="status_at",
    q=Q(status__in=("accepted", "published")),
    unit=pgettext_lazy("unit", "items"),
    order=921,
)
