"""Pages of the column, typical deeds and upward submissions. Thin: parse → authorize → service → render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontline.core.clock import today
from frontline.core.paging import paginate
from frontline.core.scoping import scoped
from frontline.publicity import selectors, services
from frontline.publicity.brief import division_name
from frontline.publicity.models import DeedStatus, Level, PostStatus, SubmissionStatus


def _errors(exc: ValidationError) -> dict:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


def _date(value: str, default: dt.date | None = None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return None


# -- column posts ----------------------------------------------------------------------------------
@scoped("publicity.view")
def post_list(request):
    status = request.GET.get("status", "")
    status = status if status in PostStatus.values else ""
    page = paginate(request, selectors.post_list(policy=request.policy, status=status), per_page=30)
    return render(
        request,
        "publicity/post_list.html",
        {
            "page": page,
            "status": status,
            "statuses": PostStatus.choices,
            "may_write": request.policy.has("publicity.write"),
        },
    )


@scoped("publicity.write")
def post_new(request):
    errors, data = {}, {}
    if request.method == "POST":
        data = request.POST
        try:
            post = services.post_create(
                actor=request.user, title=data.get("title", ""), body=data.get("body", ""), request=request
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("publicity:post_detail", pk=post.pk)
    return render(
        request, "publicity/post_form.html", {"errors": errors, "data": data}, status=422 if errors else 200
    )


@scoped("publicity.write")
def post_edit(request, pk: int):
    post = selectors.post_get(policy=request.policy, pk=pk)
    request.policy.require_covers(post.division_code)
    errors, data = {}, {"title": post.title, "body": post.body}
    if request.method == "POST":
        data = request.POST
        try:
            services.post_update(
                actor=request.user,
                post=post,
                title=data.get("title", ""),
                body=data.get("body", ""),
                request=request,
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("publicity:post_detail", pk=post.pk)
    return render(
        request,
        "publicity/post_form.html",
        {"errors": errors, "data": data, "post": post},
        status=422 if errors else 200,
    )


@scoped("publicity.view")
def post_detail(request, pk: int):
    post = selectors.post_get(policy=request.policy, pk=pk)
    policy = request.policy
    may_write = policy.has("publicity.write") and policy.covers(post.division_code)
    return render(
        request,
        "publicity/post_detail.html",
        {
            "post": post,
            "attachments": post.attachments.all(),
            "submissions": post.submissions.select_related("sent_by"),
            "may_write": may_write,
            "may_review": may_write
            and (post.author_id != request.user.pk or policy.has_role("county_admin")),
            "levels": Level.choices,
            "today": today(),
        },
    )


@require_POST
@scoped("publicity.write")
def post_action(request, pk: int):
    post = selectors.post_get(policy=request.policy, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "submit":
            services.post_submit(actor=request.user, post=post, request=request)
            messages.success(request, _("Sent for review."))
        elif action == "publish":
            day = _date(request.POST.get("publish_date", ""), today())
            if day is None:
                raise ValidationError({"publish_date": _("Enter a date as YYYY-MM-DD.")})
            services.post_publish(actor=request.user, post=post, publish_date=day, request=request)
            messages.success(request, _("Published."))
        elif action == "reject":
            services.post_reject(
                actor=request.user, post=post, note=request.POST.get("note", ""), request=request
            )
            messages.success(request, _("Sent back to the author."))
        else:
            raise Http404
    except ValidationError as exc:
        for msgs in _errors(exc).values():
            for m in msgs:
                messages.error(request, m)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Not allowed."))
    return redirect("publicity:post_detail", pk=post.pk)


@require_POST
@scoped("publicity.write")
def post_attach(request, pk: int):
    post = selectors.post_get(policy=request.policy, pk=pk)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError({"file": _("Choose a file.")})
        services.attachment_add(actor=request.user, post=post, upload=upload, request=request)
        messages.success(request, _("Attachment added."))
    except ValidationError as exc:
        for msgs in _errors(exc).values():
            for m in msgs:
                messages.error(request, m)
    return redirect("publicity:post_detail", pk=post.pk)


@require_POST
@scoped("publicity.write")
def attachment_remove(request, pk: int, att: int):
    post = selectors.post_get(policy=request.policy, pk=pk)
    attachment = selectors.attachment_get(policy=request.policy, post=post, pk=att)
    try:
        services.attachment_remove(actor=request.user, attachment=attachment, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("publicity:post_detail", pk=post.pk)


@scoped("publicity.view")
def attachment_download(request, pk: int, att: int):
    post = selectors.post_get(policy=request.policy, pk=pk)
    attachment = selectors.attachment_get(policy=request.policy, post=post, pk=att)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=attachment.kind != "image",
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


@scoped("publicity.view")
def column_calendar(request):
    policy = request.policy
    division = request.GET.get("division") or policy.prefix
    policy.require_covers(division)
    month = request.GET.get("month", "")
    try:
        year, mon = (int(x) for x in month.split("-")) if month else (today().year, today().month)
        first = dt.date(year, mon, 1)
    except ValueError:
        first = today().replace(day=1)
    weeks = selectors.column_calendar(policy=policy, division=division, year=first.year, month=first.month)
    days = [c for w in weeks for c in w if c]
    past = [c for c in days if c["day"] <= today()]
    prev = (first - dt.timedelta(days=1)).replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "publicity/calendar.html",
        {
            "weeks": weeks,
            "first": first,
            "today": today(),
            "division": division,
            "division_name": division_name(division),
            "updated_days": sum(1 for c in past if c["count"]),
            "gap_days": [c["day"] for c in past if not c["count"]],
            "prev": prev,
            "next": nxt,
            "weekdays": [WEEKDAYS_ABBR[i] for i in range(7)],
        },
    )


# -- typical deeds ---------------------------------------------------------------------------------
@scoped("publicity.view")
def deed_list(request):
    status = request.GET.get("status", "")
    status = status if status in DeedStatus.values else ""
    page = paginate(request, selectors.deed_list(policy=request.policy, status=status), per_page=30)
    return render(
        request,
        "publicity/deed_list.html",
        {
            "page": page,
            "status": status,
            "statuses": DeedStatus.choices,
            "may_nominate": request.policy.has("publicity.nominate"),
        },
    )


@scoped("publicity.nominate")
def deed_new(request):
    from frontline.people.models import Person

    errors, data = {}, {}
    if request.method == "POST":
        data = request.POST
        try:
            ids = [int(x) for x in data.getlist("person_ids") if x.strip()]
            occurred = _date(data.get("occurred_on", ""))
            if data.get("occurred_on") and occurred is None:
                raise ValidationError({"occurred_on": _("Enter a date as YYYY-MM-DD.")})
            deed = services.deed_nominate(
                actor=request.user,
                title=data.get("title", ""),
                story=data.get("story", ""),
                person_ids=ids,
                occurred_on=occurred,
                request=request,
            )
        except ValueError:
            errors = {"person_ids": [_("Unknown person.")]}
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Deed nominated for review."))
            return redirect("publicity:deed_detail", pk=deed.pk)
    # Candidates: people who hold a cadre post or who are named in the jurisdiction's records.
    candidates = request.policy.scope(Person.objects.filter(cadre__isnull=False)).order_by(
        "division_code", "name"
    )[:200]
    return render(
        request,
        "publicity/deed_form.html",
        {"errors": errors, "data": data, "candidates": candidates},
        status=422 if errors else 200,
    )


@scoped("publicity.view")
def deed_detail(request, pk: int):
    deed = selectors.deed_get(policy=request.policy, pk=pk)
    policy = request.policy
    may_write = policy.has("publicity.write") and policy.covers(deed.division_code)
    return render(
        request,
        "publicity/deed_detail.html",
        {
            "deed": deed,
            "people": deed.people.all(),
            "records": deed.records.select_related("content_type"),
            "submissions": deed.submissions.select_related("sent_by"),
            "may_write": may_write,
            "may_review": may_write
            and (deed.nominated_by_id != request.user.pk or policy.has_role("county_admin")),
            "levels": Level.choices,
        },
    )


@require_POST
@scoped("publicity.write")
def deed_action(request, pk: int):
    deed = selectors.deed_get(policy=request.policy, pk=pk)
    try:
        services.deed_decide(
            actor=request.user,
            deed=deed,
            action=request.POST.get("action", ""),
            note=request.POST.get("note", ""),
            request=request,
        )
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Not allowed."))
    return redirect("publicity:deed_detail", pk=deed.pk)


# -- upward submissions ----------------------------------------------------------------------------
@scoped("publicity.view")
def submission_list(request):
    status = request.GET.get("status", "")
    status = status if status in SubmissionStatus.values else ""
    page = paginate(request, selectors.submission_list(policy=request.policy, status=status), per_page=30)
    return render(
        request,
        "publicity/submission_list.html",
        {
            "page": page,
            "status": status,
            "statuses": SubmissionStatus.choices,
            "may_write": request.policy.has("publicity.write"),
        },
    )


@require_POST
@scoped("publicity.write")
def submission_new(request):
    kind = request.POST.get("subject", "")
    try:
        pk = int(request.POST.get("subject_id", ""))
    except ValueError:
        raise Http404 from None
    post = selectors.post_get(policy=request.policy, pk=pk) if kind == "post" else None
    deed = selectors.deed_get(policy=request.policy, pk=pk) if kind == "deed" else None
    back = ("publicity:post_detail" if post else "publicity:deed_detail", pk)
    try:
        services.submission_create(
            actor=request.user,
            post=post,
            deed=deed,
            level=request.POST.get("level", ""),
            recipient=request.POST.get("recipient", ""),
            request=request,
        )
        messages.success(request, _("Recorded as sent upward."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(back[0], pk=back[1])


@require_POST
@scoped("publicity.write")
def submission_outcome(request, pk: int):
    sub = selectors.submission_get(policy=request.policy, pk=pk)
    try:
        services.submission_record_outcome(
            actor=request.user,
            submission=sub,
            status=request.POST.get("status", ""),
            feedback=request.POST.get("feedback", ""),
            published_url=request.POST.get("published_url", ""),
            request=request,
        )
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("publicity:submissions")
