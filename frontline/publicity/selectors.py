"""Every read of publicity records, scoped by the policy.

Published column posts and deeds of the levels above a user are visible to them too (the county's
column is read in every village); drafts, reviews and submissions stay within the jurisdiction.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db.models import Count, Q
from django.http import Http404

from frontline.core.policy import Policy
from frontline.publicity.models import ColumnPost, Deed, ReportTemplate, Submission


def _ancestors(prefix: str | None) -> list[str]:
    if not prefix:
        return []
    return [prefix[:n] for n in (2, 4, 6, 9, 12) if n < len(prefix)]


def _visible(policy: Policy) -> Q:
    return policy.q() | Q(status="published", division_code__in=_ancestors(policy.prefix))


def post_list(*, policy: Policy, status: str = "", division: str = ""):
    policy.require("publicity.view")
    qs = ColumnPost.objects.filter(_visible(policy)) if policy.prefix else ColumnPost.objects.none()
    if status:
        qs = qs.filter(status=status)
    if division:
        qs = qs.filter(division_code__startswith=division)
    return (
        qs.select_related("author", "editor")
        .annotate(n_attachments=Count("attachments"))
        .order_by("-publish_date", "-created_at", "-id")
    )


def post_get(*, policy: Policy, pk: int) -> ColumnPost:
    policy.require("publicity.view")
    return _get(policy, ColumnPost, pk)


def _get(policy: Policy, model, pk: int):
    if not policy.prefix:
        raise Http404
    obj = model.objects.filter(_visible(policy), pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def attachment_get(*, policy: Policy, post: ColumnPost, pk: int):
    att = post.attachments.filter(pk=pk).first()
    if att is None:
        raise Http404
    return att


def column_calendar(*, policy: Policy, division: str, year: int, month: int) -> list[list[dict | None]]:
    """Weeks (Monday first) of day cells {day, count, future}: whether the column was updated that day."""
    policy.require("publicity.view")
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    counts = dict(
        ColumnPost.objects.filter(
            division_code__startswith=division, status="published", publish_date__range=(first, last)
        )
        .values_list("publish_date")
        .annotate(n=Count("id"))
        .values_list("publish_date", "n")
    )
    return [
        [None if d.month != month else {"day": d, "count": counts.get(d, 0)} for d in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]


def deed_list(*, policy: Policy, status: str = ""):
    policy.require("publicity.view")
    qs = Deed.objects.filter(_visible(policy)) if policy.prefix else Deed.objects.none()
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("nominated_by").prefetch_related("people").order_by("-nominated_at", "-id")


def deed_get(*, policy: Policy, pk: int) -> Deed:
    policy.require("publicity.view")
    return _get(policy, Deed, pk)


def submission_list(*, policy: Policy, status: str = "", level: str = ""):
    policy.require("publicity.view")
    qs = policy.scope(Submission.objects.all())
    if status:
        qs = qs.filter(status=status)
    if level:
        qs = qs.filter(level=level)
    return qs.select_related("post", "deed", "sent_by").order_by("-sent_at", "-id")


def submission_get(*, policy: Policy, pk: int) -> Submission:
    policy.require("publicity.view")
    return policy.get_or_404(Submission.objects.select_related("post", "deed", "sent_by"), pk=pk)


def template_list(*, policy: Policy):
    # Templates are defined by the county and used by every level beneath it.
    policy.require("reports.brief")
    if not policy.prefix:
        return ReportTemplate.objects.none()
    return ReportTemplate.objects.filter(
        Q(division_code__in=_ancestors(policy.prefix)) | policy.q(), is_active=True
    ).order_by("name", "id")


def template_get(*, policy: Policy, pk: int) -> ReportTemplate:
    obj = template_list(policy=policy).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj
