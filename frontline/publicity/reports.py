"""Report templates: an upward form defined once (rows = divisions, columns = registered figures
with the upper level's own headers), produced for any day and division as xlsx through the shared
audited export. Report files carry division names and counts only: no personal identifiers."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core.exports import Column, export_xlsx
from frontline.core.figures import all_figures, compute
from frontline.core.policy import policy_for
from frontline.publicity.brief import division_name
from frontline.publicity.models import Granularity, ReportTemplate
from frontline.regions.models import Division

MAX_COLUMNS = 40


def clean_columns(columns: list[dict]) -> list[dict]:
    known = {f.key for f in all_figures()}
    if not columns:
        raise ValidationError({"columns": _("Choose at least one figure.")})
    if len(columns) > MAX_COLUMNS:
        raise ValidationError({"columns": _("At most %(n)s columns.") % {"n": MAX_COLUMNS}})
    out, seen = [], set()
    for col in columns:
        key = str(col.get("key", "")).strip()
        header = str(col.get("header", "")).strip()
        if key not in known:
            raise ValidationError({"columns": _("Unknown figure: %(key)s.") % {"key": key}})
        if key in seen:
            raise ValidationError({"columns": _("A figure is chosen twice: %(key)s.") % {"key": key}})
        if not header or len(header) > 40:
            raise ValidationError({"columns": _("Each column needs a header of at most 40 characters.")})
        seen.add(key)
        out.append({"key": key, "header": header})
    return out


@transaction.atomic
def template_save(
    *,
    actor,
    name: str,
    granularity: str,
    columns: list[dict],
    first_header: str = "单位",
    with_total: bool = True,
    period: str = "day",
    cumulative_from: dt.date | None = None,
    template: ReportTemplate | None = None,
    request=None,
) -> ReportTemplate:
    """Create or change a template. County administrators only."""
    policy = policy_for(actor)
    policy.require("reports.templates")
    name = (name or "").strip()
    if not name or len(name) > 20:
        raise ValidationError({"name": _("Give the report a name of at most 20 characters.")})
    if any(ch in name for ch in "[]:*?/\\'"):
        raise ValidationError({"name": _("A report name cannot contain [ ] : * ? / \\ or '.")})
    if granularity not in Granularity.values:
        raise ValidationError({"granularity": _("Not one of the allowed values.")})
    if period not in ("day", "cumulative"):
        raise ValidationError({"period": _("Not one of the allowed values.")})
    if period == "cumulative" and cumulative_from is None:
        raise ValidationError({"cumulative_from": _("Say from which day the figures are counted.")})
    first_header = (first_header or "").strip() or "单位"
    if len(first_header) > 40:
        raise ValidationError({"first_header": _("At most %(n)s characters.") % {"n": 40}})
    is_new = template is None
    if template is None:
        template = ReportTemplate(division_code=policy.prefix, created_by=actor)
    else:
        policy.require_covers(template.division_code)
    template.name = name
    template.granularity = granularity
    template.columns = clean_columns(columns)
    template.first_header = first_header
    template.with_total = with_total
    template.period = period
    template.cumulative_from = cumulative_from if period == "cumulative" else None
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        raise ValidationError({"name": _("A report with this name already exists.")}) from None
    audit_record(actor=actor, action="create" if is_new else "update", obj=template, request=request)
    return template


def row_divisions(template: ReportTemplate, division_code: str) -> list[tuple[str, str]]:
    """(code, name) of the rows: the division itself, or its townships / villages in code order."""
    if template.granularity == Granularity.SELF:
        return [(division_code, division_name(division_code))]
    level = "township" if template.granularity == Granularity.TOWNSHIPS else "village"
    rows = Division.objects.filter(level=level, code__startswith=division_code).order_by("code")
    return list(rows.values_list("code", "name"))


def produce(template: ReportTemplate, division_code: str, day: dt.date) -> tuple[list[str], list[list]]:
    """(headers, rows) exactly as the xlsx will hold them below its banner row."""
    keys = [c["key"] for c in template.columns]
    start = template.cumulative_from if template.period == "cumulative" and template.cumulative_from else day
    start = min(start, day)
    headers = [template.first_header] + [c["header"] for c in template.columns]
    rows = []
    for code, name in row_divisions(template, division_code):
        values = compute(code, start, day, keys=keys)
        rows.append([name] + [_cell(values[k]) for k in keys])
    if template.with_total and template.granularity != Granularity.SELF:
        total = compute(division_code, start, day, keys=keys)
        rows.append([_("Total")] + [_cell(total[k]) for k in keys])
    return headers, rows


def _cell(value):
    # A figure answering a breakdown (dict) is not a cell: its total if it has one, else blank.
    if isinstance(value, dict):
        return value.get("total")
    return value


def template_export(
    *, actor, policy, template: ReportTemplate, division_code: str, day: dt.date, request=None
):
    policy.require_covers(division_code)
    headers, rows = produce(template, division_code, day)
    columns = [
        Column(h, (lambda row, i=i: row[i]), width=max(10, min(30, len(h) * 2 + 2)))
        for i, h in enumerate(headers)
    ]
    title = f"{template.name} {day:%Y-%m-%d}"
    return export_xlsx(
        actor=actor,
        policy=policy,
        title=title,
        columns=columns,
        rows=rows,
        object_type="publicity.reporttemplate",
        division_code=division_code,
        request=request,
        filename=f"{template.name}-{division_code}-{day:%Y%m%d}.xlsx",
    )
