"""The daily brief (page, print, DOCX) and report templates (define without code, produce as xlsx)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontline.audit.services import audit_record
from frontline.core.clock import today
from frontline.core.exports import FIGURES_ONLY
from frontline.core.figures import all_figures
from frontline.core.scoping import scoped
from frontline.publicity import reports, selectors
from frontline.publicity.brief import brief_docx, daily_brief
from frontline.publicity.models import Granularity
from frontline.regions.models import Division


def _brief_params(request, source) -> tuple[str, dt.date | None]:
    division = (source.get("division") or request.policy.prefix or "").strip()
    request.policy.require_covers(division)
    value = source.get("date", "")
    try:
        day = dt.date.fromisoformat(value) if value else today()
    except ValueError:
        day = None
    return division, day


def _division_choices(policy):
    qs = Division.objects.filter(code__startswith=policy.prefix, level__in=["county", "township", "village"])
    return qs.order_by("code").values_list("code", "name")[:500]


@scoped("reports.brief")
def brief_page(request):
    division, day = _brief_params(request, request.GET)
    if day is None:
        messages.error(request, _("Enter a date as YYYY-MM-DD."))
        day = today()
    brief = daily_brief(division, day)
    return render(
        request,
        "publicity/brief.html",
        {"brief": brief, "divisions": _division_choices(request.policy), "today": today()},
    )


@scoped("reports.brief")
def brief_download(request):
    division, day = _brief_params(request, request.GET)
    if day is None:
        return HttpResponse(
            _("Enter a date as YYYY-MM-DD."), status=422, content_type="text/plain; charset=utf-8"
        )
    brief = daily_brief(division, day)
    data = brief_docx(brief, author=request.user.get_username())
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="export",
            object_type="publicity.brief",
            object_id=f"{division}:{day}",
            division_code=division,
            request=request,
            detail={"format": "docx", FIGURES_ONLY: True},  # not counted against the export quota
        )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="brief-{division}-{day:%Y%m%d}.docx"'
    response["Cache-Control"] = "no-store"
    return response


@scoped("reports.brief")
def template_list(request):
    return render(
        request,
        "publicity/template_list.html",
        {
            "templates": selectors.template_list(policy=request.policy),
            "divisions": _division_choices(request.policy),
            "today": today(),
            "may_define": request.policy.has("reports.templates"),
        },
    )


def _columns_from_post(post) -> list[dict]:
    """Chosen figures in the order given: include_<key>, order_<key>, header_<key>."""
    chosen = []
    for i, f in enumerate(all_figures()):
        if post.get(f"include_{f.key}") != "1":
            continue
        try:
            order = float(post.get(f"order_{f.key}") or i)
        except ValueError:
            order = i
        chosen.append((order, i, {"key": f.key, "header": post.get(f"header_{f.key}", "").strip()}))
    return [c for _, _, c in sorted(chosen, key=lambda t: (t[0], t[1]))]


@scoped("reports.templates")
def template_edit(request, pk: int | None = None):
    template = selectors.template_get(policy=request.policy, pk=pk) if pk else None
    if template is not None:
        request.policy.require_covers(template.division_code)
    errors = {}
    if request.method == "POST":
        post = request.POST
        try:
            cumulative_from = (
                dt.date.fromisoformat(post["cumulative_from"]) if post.get("cumulative_from") else None
            )
        except ValueError:
            cumulative_from = None
        try:
            template = reports.template_save(
                actor=request.user,
                template=template,
                name=post.get("name", ""),
                granularity=post.get("granularity", ""),
                columns=_columns_from_post(post),
                first_header=post.get("first_header", ""),
                with_total=post.get("with_total") == "1",
                period=post.get("period", "day"),
                cumulative_from=cumulative_from,
                request=request,
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        else:
            messages.success(request, _("Report template saved."))
            return redirect("publicity:templates")
    chosen = {c["key"]: (i, c["header"]) for i, c in enumerate(template.columns)} if template else {}
    rows = [
        {
            "key": f.key,
            "label": f.label,
            "app": f.app,
            "included": f.key in chosen,
            "order": chosen[f.key][0] + 1 if f.key in chosen else "",
            "header": chosen[f.key][1] if f.key in chosen else f.label,
        }
        for f in all_figures()
    ]
    return render(
        request,
        "publicity/template_form.html",
        {
            "template": template,
            "rows": rows,
            "errors": errors,
            "granularities": Granularity.choices,
            "data": request.POST if request.method == "POST" else None,
        },
        status=422 if errors else 200,
    )


@require_POST
@scoped("reports.brief")
def template_export(request, pk: int):
    template = selectors.template_get(policy=request.policy, pk=pk)
    division, day = _brief_params(request, request.POST)
    if day is None:
        return HttpResponse(
            _("Enter a date as YYYY-MM-DD."), status=422, content_type="text/plain; charset=utf-8"
        )
    return reports.template_export(
        actor=request.user,
        policy=request.policy,
        template=template,
        division_code=division,
        day=day,
        request=request,
    )
