"""The daily brief (日报) of a division and a day: every registered figure, and a narrative paragraph
written from them by templates. Nothing is typed: a figure another app registers in its figures.py
appears here the day it lands.

A sentence appears only when its figure exists and is non-zero. Known figures have a hand-written
phrase (PHRASES); any other figure is told as "<label><value><unit>", so the brief never drops one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frontline.core.figures import Figure, all_figures, compute
from frontline.regions.models import Division

# Phrases for figures whose label alone reads awkwardly in a sentence; %(v)s is the value.
# Keys that are not (yet) registered are simply never used.
PHRASES = {
    "party_members": gettext_lazy("%(v)s party members in all"),
    "organizations": gettext_lazy("%(v)s party organizations and bodies"),
    "posts_published": gettext_lazy("the column published %(v)s posts"),
    "deeds_nominated": gettext_lazy("%(v)s typical deeds were nominated"),
    "deeds_published": gettext_lazy("%(v)s typical deeds were published"),
    "submissions_sent": gettext_lazy("%(v)s posts and deeds were sent upward"),
    "submissions_adopted": gettext_lazy("%(v)s were adopted by upper levels"),
    # Figures other apps register (checkpoints, quarantine, community, discipline, supervision,
    # care, evaluation). A figure without a phrase here is still told, by its label.
    "shifts_staffed_now": gettext_lazy("%(v)s checkpoint shifts on duty"),
    "vehicle_registrations": gettext_lazy("%(v)s vehicles registered at checkpoints"),
    "vehicles_registered": gettext_lazy("%(v)s vehicles registered"),
    "people_registered": gettext_lazy("%(v)s people registered at checkpoints"),
    "fevers": gettext_lazy("%(v)s fevers found at checkpoints"),
    "open_alerts": gettext_lazy("%(v)s checkpoint alerts open"),
    "returnees_screened": gettext_lazy("%(v)s returnees screened"),
    "in_quarantine": gettext_lazy("%(v)s people under home quarantine"),
    "checkins_done": gettext_lazy("%(v)s temperature check-ins done"),
    "checkins_overdue": gettext_lazy("%(v)s check-ins overdue"),
    "quarantine_fevers": gettext_lazy("%(v)s fevers during quarantine"),
    "support_requests_open": gettext_lazy("%(v)s living-support requests open"),
    "support_requests_late": gettext_lazy("%(v)s living-support requests late"),
    "support_requests_fulfilled": gettext_lazy("%(v)s living-support requests fulfilled"),
    "patrol_logs": gettext_lazy("%(v)s propaganda patrols"),
    "households_reached": gettext_lazy("%(v)s households reached"),
    "gatherings_found": gettext_lazy("%(v)s gatherings found"),
    "gatherings_cancelled": gettext_lazy("%(v)s households persuaded to cancel banquets"),
    "gatherings_persuaded": gettext_lazy("%(v)s gatherings cancelled, postponed or scaled down"),
    "produce_orders": gettext_lazy("%(v)s proxy-purchase and produce orders"),
    "produce_orders_delivered": gettext_lazy("%(v)s orders delivered"),
    "produce_sales_yuan": gettext_lazy("produce sold for %(v)s yuan"),
    "negative_list_entries": gettext_lazy("%(v)s negative-list entries recorded"),
    "accountability_cases": gettext_lazy("%(v)s accountability cases opened"),
    "deeds": gettext_lazy("%(v)s take-the-lead deeds recorded"),
    "supervision_visits": gettext_lazy("%(v)s supervision visits"),
    "rectifications_open": gettext_lazy("%(v)s rectification items open"),
    "rectifications_overdue": gettext_lazy("%(v)s rectification items overdue"),
    "care_fund_allocated_yuan": gettext_lazy("%(v)s yuan of party-dues care money allocated"),
    "care_fund_disbursed_yuan": gettext_lazy("%(v)s yuan of care money disbursed"),
    "care_recipients": gettext_lazy("%(v)s people received care money"),
    "care_visits": gettext_lazy("%(v)s care visits"),
    "commendations": gettext_lazy("%(v)s commendations"),
    "checkpoints": gettext_lazy("%(v)s checkpoints set up"),
    "persuasion_teams": gettext_lazy("%(v)s persuasion teams"),
    "patrol_teams": gettext_lazy("%(v)s propaganda patrol teams"),
    "commando_teams": gettext_lazy("%(v)s party-member commando teams"),
    "working_groups": gettext_lazy("%(v)s working groups"),
    "cadres": gettext_lazy("%(v)s cadres"),
    "pledges": gettext_lazy("%(v)s members pledged to take the lead"),
    "priority_pool_entries": gettext_lazy("%(v)s in the priority-use pool"),
}

# Stock figures describe the organization, not the day's work: told in a closing sentence.
STOCK_KEYS = {
    "cadres",
    "checkpoints",
    "commando_teams",
    "organizations",
    "party_members",
    "patrol_teams",
    "persuasion_teams",
    "pledges",
    "priority_pool_entries",
    "working_groups",
}


@dataclass
class BriefLine:
    key: str
    label: str
    unit: str
    value: object
    app: str

    @property
    def display(self) -> str:
        """The value as printed: numbers grouped, a breakdown (dict) as its parts, none as a dash."""
        if self.value is None:
            return "—"
        if isinstance(self.value, dict):
            return " · ".join(_fmt(v) for v in self.value.values() if v not in (None, ""))
        return _fmt(self.value)

    @property
    def is_zero(self) -> bool:
        return self.value in (None, 0, {})


@dataclass
class Brief:
    division_code: str
    division_name: str
    date: dt.date
    figures: dict
    lines: list[BriefLine] = field(default_factory=list)
    text: str = ""


def division_name(code: str) -> str:
    return Division.objects.filter(code=code).values_list("name", flat=True).first() or code


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fmt(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
    return str(value)


def daily_brief(division_code: str, day: dt.date) -> Brief:
    """The brief of `division_code`'s subtree on `day`. The caller has authorized the division."""
    figures = all_figures()
    values = compute(division_code, day, day)
    name = division_name(division_code)
    lines = [
        BriefLine(key=f.key, label=str(f.label), unit=str(f.unit), value=values.get(f.key), app=f.app)
        for f in figures
    ]
    return Brief(
        division_code=division_code,
        division_name=name,
        date=day,
        figures=values,
        lines=lines,
        text=narrative(name, day, figures, values),
    )


def _phrase(f: Figure, value, chinese: bool) -> str:
    v = _fmt(value)
    if f.key in PHRASES:
        return str(PHRASES[f.key]) % {"v": v}
    sep = "" if chinese else " "
    return f"{f.label}{sep}{v}{sep if f.unit else ''}{f.unit}".strip()


def narrative(name: str, day: dt.date, figures: list[Figure], values: dict) -> str:
    """One paragraph: a sentence per app (in figure order) of its non-zero figures, stock last."""
    chinese = (translation.get_language() or "zh-hans").lower().startswith("zh")
    by_app: dict[str, list[str]] = {}
    stock: list[str] = []
    for f in figures:
        value = values.get(f.key)
        if not _is_number(value) or value == 0:
            continue
        phrase = _phrase(f, value, chinese)
        (stock if f.key in STOCK_KEYS else by_app.setdefault(f.app, [])).append(phrase)
    comma, stop, semi = ("，", "。", "；") if chinese else (", ", ". ", "; ")
    head = _("On %(month)s/%(day)s, %(name)s") % {"month": day.month, "day": day.day, "name": name}
    lead = "" if chinese else comma  # "2月19日，高兴镇登记车辆…" / "On 2/19, Gaoxing, vehicles …"
    if by_app:
        text = head + lead + semi.join(comma.join(phrases) for phrases in by_app.values()) + stop
    else:
        text = head + lead + _("no front-line work was recorded that day") + stop
    if stock:
        text += _("As of that day") + comma + comma.join(stock) + stop
    return text.strip()


def brief_docx(brief: Brief, *, author: str) -> bytes:
    """The brief as a Word document (python-docx): title, paragraph, figure table."""
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    title = doc.add_heading(
        _("%(division)s daily epidemic-prevention brief") % {"division": brief.division_name}, level=1
    )
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(f"{brief.date:%Y-%m-%d}")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(brief.text)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = _("Figure")
    table.rows[0].cells[1].text = _("Value")
    for line in brief.lines:
        if line.is_zero:
            continue
        row = table.add_row().cells
        row[0].text = line.label
        row[1].text = f"{line.display} {line.unit}".strip()
    foot = doc.add_paragraph(
        _("Generated from the records by Frontline for %(user)s. Internal: do not forward.")
        % {"user": author}
    )
    foot.runs[0].font.size = Pt(8)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
