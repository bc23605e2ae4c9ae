"""Figures: named counts over records, defined once, used by the dashboard, the daily brief, the
stats API and report templates alike. A figure on a page always comes from one of these.

Each app registers its figures in `figures.py` (autodiscovered):

    from frontline.core.figures import figure

    @figure("vehicles_registered", _("Vehicles registered"), unit=_("vehicles"), order=20)
    def vehicles_registered(division: str, start: date, end: date) -> int:
        return Registration.objects.filter(division_code__startswith=division,
                                           registered_at__date__range=(start, end)).count()

`division` is already authorized by the caller (policy.require_covers); `start`/`end` are inclusive
local dates. "Now" figures (people in quarantine today) read `end` as the day in question.
A figure that cannot be split by day ignores start and counts what stands on `end`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Figure:
    key: str
    label: object  # lazy translation
    fn: Callable[[str, dt.date, dt.date], int | float | dict | None]
    unit: object = ""
    order: int = 100
    app: str = ""


_FIGURES: dict[str, Figure] = {}
_discovered = False


def figure(key: str, label, *, unit="", order: int = 100):
    def decorator(fn):
        if key in _FIGURES:
            raise ValueError(f"figure {key!r} registered twice")
        _FIGURES[key] = Figure(
            key=key, label=label, fn=fn, unit=unit, order=order, app=fn.__module__.split(".")[1]
        )
        return fn

    return decorator


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
