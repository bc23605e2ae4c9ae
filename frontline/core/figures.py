"""Figures: named counts over records, defined once, used by the dashboard, the daily brief, the
stats API and report templates alike. A figure on a page always comes from one of these.

Each app registers its figures in `figures.py` (autodiscovered), in one of two ways.

Declarative (preferred: the dashboard can then also split it by day and by sub-division in ONE
grouped query each, instead of one query per day or per township):

    count_figure("vehicle_registrations", _("Vehicles registered"), model=Registration,
                 date_field="registered_at", unit=pgettext_lazy("unit", "vehicles"), order=20)
    count_figure("in_quarantine", _("In home quarantine"), model=Quarantine,
                 state=lambda start, end: Q(started_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=end)))

A function, for what a count cannot express:

    @figure("busiest_checkpoint_day", _("Busiest checkpoint day"))
    def busiest(division: str, start: date, end: date) -> dict: ...

`division` is already authorized by the caller (policy.require_covers); `start`/`end` are inclusive
local dates. Range figures count records dated within [start, end]; state figures ("now" figures such
as people in quarantine) describe the situation on `end` and ignore `start`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr, TruncDate
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class CountSpec:
    model: type
    date_field: str | None = None
    q: Q | None = None
    state: Callable[[dt.date, dt.date], Q] | None = None
    sum_field: str | None = None
    scale: float = 1
    distinct: str | None = None
    division_field: str = "division_code"

    def base(self, division: str, start: dt.date, end: dt.date):
        qs = self.model._default_manager.filter(**{f"{self.division_field}__startswith": division})
        if self.q is not None:
            qs = qs.filter(self.q)
        if self.state is not None:
            qs = qs.filter(self.state(start, end))
        if self.date_field:
            qs = qs.filter(_date_range(self.model, self.date_field, start, end))
        return qs

    def aggregate_expr(self):
        if self.sum_field:
            return Sum(self.sum_field)
        if self.distinct:
            return Count(self.distinct, distinct=True)
        return Count("pk")

    def finish(self, value):
        value = value or 0
        if self.scale != 1:
            value = value / self.scale
            return int(value) if float(value).is_integer() else round(value, 2)
        return value


def _date_range(model, field_name: str, start: dt.date, end: dt.date) -> Q:
    field = model._meta.get_field(field_name)
    if field.get_internal_type() == "DateTimeField":
        tz = timezone.get_current_timezone()
        lo = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
        hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return Q(**{f"{field_name}__gte": lo, f"{field_name}__lt": hi})
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lte": end})


@dataclass(frozen=True)
class Figure:
    key: str
    label: object  # lazy translation
    fn: Callable[[str, dt.date, dt.date], int | float | dict | None]
    unit: object = ""
    order: int = 100
    app: str = ""
    spec: CountSpec | None = field(default=None, compare=False)

    @property
    def is_series(self) -> bool:
        """A range figure that can be split by day."""
        return self.spec is not None and self.spec.date_field is not None

    def grouped(self, division: str, start: dt.date, end: dt.date, child_len: int) -> dict[str, object]:
        """{child division code: value} in one query for declarative figures."""
        if self.spec is None:
            raise TypeError(f"figure {self.key} is not declarative")
        rows = (
            self.spec.base(division, start, end)
            .annotate(_child=Substr(self.spec.division_field, 1, child_len))
            .values("_child")
            .annotate(_v=self.spec.aggregate_expr())
            .values_list("_child", "_v")
        )
        return {code: self.spec.finish(v) for code, v in rows}

    def series(self, division: str, start: dt.date, end: dt.date) -> dict[dt.date, object]:
        """{day: value} for each day with records, in one query (declarative range figures)."""
        if not self.is_series:
            raise TypeError(f"figure {self.key} cannot be split by day")
        spec = self.spec
        field_obj = spec.model._meta.get_field(spec.date_field)
        if field_obj.get_internal_type() == "DateTimeField":
            day_expr = TruncDate(spec.date_field, tzinfo=timezone.get_current_timezone())
        else:
            day_expr = None
        qs = spec.base(division, start, end)
        qs = qs.annotate(_day=day_expr) if day_expr is not None else qs.annotate(_day=_F(spec.date_field))
        rows = qs.values("_day").annotate(_v=spec.aggregate_expr()).values_list("_day", "_v")
        return {day: spec.finish(v) for day, v in rows}


def _F(name):
    from django.db.models import F

    return F(name)


_FIGURES: dict[str, Figure] = {}
_discovered = False


def _register(fig: Figure) -> None:
    if fig.key in _FIGURES:
        raise ValueError(f"figure {fig.key!r} registered twice")
    _FIGURES[fig.key] = fig


def figure(key: str, label, *, unit="", order: int = 100):
    def decorator(fn):
        _register(
            Figure(key=key, label=label, fn=fn, unit=unit, order=order, app=fn.__module__.split(".")[1])
        )
        return fn

    return decorator


def count_figure(key: str, label, **kwargs) -> Figure:
    """Register a declarative figure (see module docstring)."""
    fig = build_count_figure(key, label, **kwargs)
    _register(fig)
    return fig


def build_count_figure(
    key: str,
    label,
    *,
    model,
    date_field: str | None = None,
    q: Q | None = None,
    state: Callable[[dt.date, dt.date], Q] | None = None,
    sum_field: str | None = None,
    scale: float = 1,
    distinct: str | None = None,
    division_field: str = "division_code",
    unit="",
    order: int = 100,
) -> Figure:
    spec = CountSpec(
        model=model,
        date_field=date_field,
        q=q,
        state=state,
        sum_field=sum_field,
        scale=scale,
        distinct=distinct,
        division_field=division_field,
    )

    def fn(division: str, start: dt.date, end: dt.date):
        return spec.finish(spec.base(division, start, end).aggregate(_v=spec.aggregate_expr())["_v"])

    return Figure(key=key, label=label, fn=fn, unit=unit, order=order, app=model._meta.app_label, spec=spec)


def _discover():
    global _discovered
    if not _discovered:
        autodiscover_modules("figures")
        _discovered = True


def all_figures() -> list[Figure]:
    _discover()
    return sorted(_FIGURES.values(), key=lambda f: (f.order, f.key))


def get_figure(key: str) -> Figure:
    _discover()
    return _FIGURES[key]


def compute(division: str, start: dt.date, end: dt.date, keys: list[str] | None = None) -> dict:
    """{key: value} for the division's subtree over [start, end]."""
    figures = all_figures() if keys is None else [get_figure(k) for k in keys]
    return {f.key: f.fn(division, start, end) for f in figures}
