"""Every list a user can see exports to xlsx through export_xlsx(): constant memory (xlsxwriter
constant_memory, written to a temporary file and streamed), identifiers masked unless the user may
unmask and asked to, watermarked (who, when, export id in header/footer, properties and a banner
row), audited, and limited per user per day with an alert to county admins when the limit is hit.

Formula injection: cells are written as typed values only (strings never become formulas), and text
starting with = + - @ or a control character gets a leading apostrophe, so it stays inert in any
spreadsheet program and after a copy-paste into CSV.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import xlsxwriter
from django.conf import settings
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from frontline.audit.models import AuditEvent
from frontline.audit.services import audit_record
from frontline.core.crypto import decrypt

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: str) -> str:
    return "'" + value if value and value.startswith(DANGEROUS_PREFIXES) else value


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]
    # "id" / "phone": value() returns (masked, encrypted); the export decides which one is written.
    protected: str | None = None
    width: int = 14


class ExportLimitExceeded(Exception):
    pass


# An audited download that holds figures only (no person in it: the daily brief) says so in its
# audit detail; it does not use up the daily quota, which guards lists of people.
FIGURES_ONLY = "figures_only"


def exports_today(user) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    details = AuditEvent.objects.filter(actor=user, action="export", at__gte=start).values_list(
        "detail", flat=True
    )
    # A few dozen rows at most (the quota stops the rest); counted here, the same on every database.
    return sum(1 for detail in details if not (detail or {}).get(FIGURES_ONLY))


def check_export_quota(*, actor, request=None, object_type: str = "") -> None:
    limit = getattr(settings, "FRONTLINE_EXPORT_DAILY_LIMIT", 30)
    if exports_today(actor) < limit:
        return
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="alert",
            object_type=object_type,
            request=request,
            division_code=getattr(actor, "division_code", ""),
            detail={"reason": "export_limit", "limit": limit, "user": actor.get_username()},
        )
    raise ExportLimitExceeded(limit)


def export_xlsx(
    *,
    actor,
    policy,
    title: str,
    columns: list[Column],
    rows: Iterable,
    object_type: str,
    division_code: str,
    unmask: bool = False,
    request=None,
    filename: str | None = None,
) -> HttpResponse:
    """Write the rows and answer a streamed download. Checks the quota first; audits with the count."""
    try:
        check_export_quota(actor=actor, request=request, object_type=object_type)
    except ExportLimitExceeded as exc:
        return HttpResponse(
            _("Daily export limit of %(n)s reached; county administrators have been alerted.")
            % {"n": exc.args[0]},
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    unmask = bool(unmask and policy.may_unmask)
    export_id = uuid.uuid4().hex[:12]
    when = timezone.localtime()
    mark = _("Exported by %(user)s at %(when)s, export %(id)s. Internal: do not forward.") % {
        "user": actor.get_username(),
        "when": f"{when:%Y-%m-%d %H:%M}",
        "id": export_id,
    }
    tmp = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - handed to FileResponse, closed by it
    count = write_workbook(
        tmp.name,
        title=title,
        columns=columns,
        rows=rows,
        unmask=unmask,
        watermark=mark,
        author=actor.get_username(),
        export_id=export_id,
    )
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="export",
            object_type=object_type,
            object_id=export_id,
            division_code=division_code,
            count=count,
            request=request,
            detail={"title": title, "rows": count, "unmasked": unmask},
        )
    tmp.seek(0)
    name = filename or f"{title}-{when:%Y%m%d-%H%M}-{export_id}.xlsx"
    response = FileResponse(
        tmp,
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Cache-Control"] = "no-store"
    return response


def write_workbook(
    path: str,
    *,
    title: str,
    columns: list[Column],
    rows: Iterable,
    unmask: bool,
    watermark: str,
    author: str,
    export_id: str,
) -> int:
    wb = xlsxwriter.Workbook(
        path,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd",
            "remove_timezone": True,
        },
    )
    wb.set_properties(
        {
            "title": title,
            "author": author,
            "company": "Frontline 一线守护",
            "comments": watermark,
            "keywords": f"export:{export_id}",
        }
    )
    ws = wb.add_worksheet(title[:31] or "Sheet1")
    ws.set_header(f"&L&8{_xl_escape(watermark)}")
    ws.set_footer(f"&L&8{_xl_escape(author)} {export_id}&R&8&P/&N")
    bold = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    banner = wb.add_format({"italic": True, "font_color": "#C0392B"})
    dt_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    ws.write_string(0, 0, watermark, banner)
    for c, col in enumerate(columns):
        ws.set_column(c, c, col.width)
        ws.write_string(1, c, col.header, bold)
    ws.freeze_panes(2, 0)
    r = 2
    for obj in rows:
        for c, col in enumerate(columns):
            value = col.value(obj)
            if col.protected:
                masked, enc = value if isinstance(value, tuple) else (value, "")
                value = decrypt(enc) if unmask and enc else masked
            _write(ws, r, c, value, dt_fmt)
        r += 1
    wb.close()
    return r - 2


def _write(ws, r, c, value, dt_fmt):
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, int | float):
        ws.write_number(r, c, value)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(
            r,
            c,
            timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value,
            dt_fmt,
        )
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()))
    else:
        ws.write_string(r, c, neutralise(str(value)))


def _xl_escape(text: str) -> str:
    return text.replace("&", "&&")
