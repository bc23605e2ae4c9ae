"""What a dashboard shows, computed from the figure registry: one aggregate query per headline
figure, one grouped query per series and per ranking column, whatever the volume of records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import DateField, F, Func, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frontline.core import clock
from frontline.core.figures import Figure, all_figures
from frontline.core.policy import Policy
from frontline.regions.models import Division

SERIES_KEYS = ["vehicle_registrations", "people_registered", "fevers", "returnees_screened", "checkins_done"]
RANKING_KEYS = [
    "vehicle_registrations",
    "fevers",
    "returnees_screened",
    "in_quarantine",
    "checkins_overdue",
    "support_requests_open",
    "gatherings_cancelled",
    "party_members",
]
# The stats API always answers these keys (null until the module counting them is installed).
OVERVIEW_KEYS = [
    "checkpoints",
    "persuasion_teams",
    "gatherings_cancelled",
    "party_members",
    "vehicle_registrations",
    "busiest_checkpoint_day",
    "care_fund_disbursed_yuan",
    "working_groups",
]
# Headline figures are grouped under the module that counts them (the figure's `app`), in this order,
# so a phone user scans a heading instead of forty tiles.
MODULES = {
    "checkpoints": _("Checkpoints"),
    "quarantine": _("Returnees and home quarantine"),
    "community": _("Community prevention"),
    "people": _("Party members and cadres"),
    "supervision": _("Supervision"),
    "discipline": _("Discipline"),
    "publicity": _("Publicity"),
    "care": _("Care fund"),
    "evaluation": _("Evaluation"),
}
CHILD_LENGTH = {6: 9, 9: 12, 12: 15}
SERIES_DAYS = 28
EPOCH = dt.date(2000, 1, 1)


@dataclass
class Period:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def period_from(date_from: dt.date | None, date_to: dt.date | None, *, default_days: int = 1) -> Period:
    end = date_to or clock.today()
    start = date_from or end - dt.timedelta(days=default_days - 1)
    if start > end:
        start, end = end, start
    return Period(start, end)


def dashboard_division(*, policy: Policy, code: str | None) -> Division:
    code = code or policy.prefix
    policy.require_covers(code)
    division = Division.objects.filter(code=code).first()
    if division is None:
        from django.http import Http404

        raise Http404
    return division


def _numeric(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def headline(*, division: Division, period: Period) -> list[dict]:
    out = []
    for fig in all_figures():
        value = fig.fn(division.code, period.start, period.end)
        if _numeric(value):
            out.append({"key": fig.key, "label": fig.label, "unit": fig.unit, "value": value, "app": fig.app})
        elif isinstance(value, dict) and value:
            # A record rather than a count (the busiest checkpoint day): shown as its parts in a row.
            out.append(
                {
                    "key": fig.key,
                    "label": fig.label,
                    "unit": fig.unit,
                    "value": value,
                    "parts": [str(v) for v in value.values()],
                    "app": fig.app,
                }
            )
    return out


def headline_groups(figures: list[dict]) -> list[dict]:
    """[{app, title, figures}] in MODULES order (unknown modules last, by name)."""
    groups: dict[str, list[dict]] = {}
    for f in figures:
        groups.setdefault(f["app"], []).append(f)
    order = list(MODULES)

    def rank(app):
        return (order.index(app), "") if app in MODULES else (len(order), app)

    return [
        {"app": app, "title": MODULES.get(app, app), "figures": groups[app]}
        for app in sorted(groups, key=rank)
    ]


def series(*, division: Division, period: Period, keys=SERIES_KEYS) -> tuple[list[dt.date], list[tuple]]:
    by_key = {f.key: f for f in all_figures() if f.is_series}
    chosen: list[Figure] = [by_key[k] for k in keys if k in by_key]
    days = period.days
    lines = []
    for fig in chosen:
        native = _sqlite_local_day(fig, period)
        if native is None:
            per_day = fig.series(division.code, period.start, period.end)
        else:
            rows = (
                fig.spec.base(division.code, period.start, period.end)
                .annotate(_day=native)
                .values("_day")
                .annotate(_v=fig.spec.aggregate_expr())
                .values_list("_day", "_v")
            )
            per_day = {day: fig.spec.finish(v) for day, v in rows}
        lines.append((str(fig.label), [per_day.get(d, 0) for d in days], fig.key))
    return days, lines


def _sqlite_local_day(fig: Figure, period: Period):
    """The local day of a timestamp computed by SQLite itself, or None to use `Figure.series`.

    On SQLite, Django's TruncDate with a time zone calls a Python function for every row: over the
    half-million registrations of a four-week trend that is most of the dashboard's time (see
    docs/PERFORMANCE.md). When the zone's offset is the same all over the period — always, for
    Asia/Shanghai — `date(ts, '+28800 seconds')` gives the same day natively. PostgreSQL converts
    time zones natively and keeps `Figure.series`."""
    if connection.vendor != "sqlite" or fig.spec is None or fig.spec.date_field is None:
        return None
    if fig.spec.model._meta.get_field(fig.spec.date_field).get_internal_type() != "DateTimeField":
        return None
    tz = timezone.get_current_timezone()
    midnights = [*period.days, period.end + dt.timedelta(days=1)]
    offsets = {dt.datetime.combine(day, dt.time.min, tzinfo=tz).utcoffset() for day in midnights}
    if len(offsets) != 1:
        return None
    seconds = int(offsets.pop().total_seconds())
    return Func(
        F(fig.spec.date_field), Value(f"{seconds:+d} seconds"), function="date", output_field=DateField()
    )


def ranking(*, division: Division, period: Period, keys=RANKING_KEYS) -> dict:
    child_len = CHILD_LENGTH.get(len(division.code))
    if child_len is None:
        return {"columns": [], "rows": []}
    figures = {f.key: f for f in all_figures() if f.spec is not None}
    columns = [figures[k] for k in keys if k in figures]
    children = list(
        Division.objects.filter(parent_id=division.code).order_by("code").values_list("code", "name")
    )
    values = {f.key: f.grouped(division.code, period.start, period.end, child_len) for f in columns}
    rows = [
        {"code": code, "name": name, "values": [values[f.key].get(code, 0) for f in columns]}
        for code, name in children
    ]
    if columns:
        rows.sort(key=lambda r: r["values"][0], reverse=True)
    labels = [f.label for f in columns]
    for r in rows:
        r["cells"] = list(zip(labels, r["values"], strict=True))
    return {"columns": [{"key": f.key, "label": f.label} for f in columns], "rows": rows}


def overview(*, division: str, start: dt.date, end: dt.date) -> dict:
    figures = {f.key: f for f in all_figures()}
    out = {key: None for key in OVERVIEW_KEYS}
    for key, fig in figures.items():
        out[key] = fig.fn(division, start, end)
    return out
