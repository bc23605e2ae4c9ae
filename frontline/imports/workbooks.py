"""The xlsx files of the import flow: a template per kind (Chinese headers, identifier columns formatted
as Text so Excel cannot destroy ID numbers), and the error workbook (the refused rows as read, plus
an error column, ready to fix and upload again)."""

from __future__ import annotations

import datetime as dt

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _

from frontline.core.exports import Column, write_workbook
from frontline.imports.registry import ImportKind

TEMPLATE_ROWS = 2000


def write_template(path, kind: ImportKind) -> None:
    wb = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_numbers": False})
    ws = wb.add_worksheet(str(kind.label)[:31])
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True})
    as_text = wb.add_format({"num_format": "@"})
    as_date = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_string(0, 0, str(kind.title or kind.label), title)
    ws.write_string(1, 0, _("Reporting unit:"))
    for c, col in enumerate(kind.columns):
        header = str(col.header) + ("*" if col.required else "")
        ws.write_string(2, c, header, head)
        fmt = as_text if col.is_text else as_date if col.is_date else None
        ws.set_column(c, c, col.width, fmt)
    ws.freeze_panes(3, 0)
    help_ws = wb.add_worksheet(_("Instructions")[:31])
    help_ws.set_column(0, 0, 24)
    help_ws.set_column(1, 1, 60)
    r = 0
    for note in kind.notes:
        help_ws.write_string(r, 0, str(note))
        r += 1
    r += 1
    help_ws.write_string(r, 0, _("Column"), head)
    help_ws.write_string(r, 1, _("Also recognised / example"), head)
    for col in kind.columns:
        r += 1
        help_ws.write_string(r, 0, str(col.header) + ("*" if col.required else ""))
        help_ws.write_string(
            r, 1, "、".join(col.aliases[:6]) + (f"  例：{col.example}" if col.example else "")
        )
    wb.close()


def write_errors(path, *, kind: ImportKind, headers: list[str], bad_rows, actor, export_id: str) -> int:
    """Refused rows as read (text, so nothing is reinterpreted), the spreadsheet row number and the error."""
    width = max([len(headers)] + [len(cells) for _n, cells, _m in bad_rows])
    headers = list(headers) + [""] * (width - len(headers))

    def cell(i):
        def get(r):
            value = r[1][i] if i < len(r[1]) else None
            if isinstance(value, float) and value.is_integer():
                return str(int(value))  # an ID destroyed by Excel stays visible as it was
            if isinstance(value, dt.datetime | dt.date):
                return value
            return None if value is None else str(value)

        return get

    columns = [Column(_("Error"), lambda r: r[2], width=40), Column(_("Row"), lambda r: r[0], width=6)]
    columns += [Column(h or f"#{i + 1}", cell(i), width=14) for i, h in enumerate(headers)]
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    mark = _("Exported by %(user)s at %(when)s, export %(id)s. Internal: do not forward.") % {
        "user": actor.get_username(),
        "when": when,
        "id": export_id,
    }
    return write_workbook(
        path,
        title=_("Rows to fix") + f" {kind.label}",
        columns=columns,
        rows=bad_rows,
        unmask=False,
        watermark=mark,
        author=actor.get_username(),
        export_id=export_id,
    )
