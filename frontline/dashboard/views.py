import datetime as dt

from django.shortcuts import render
from django.utils.translation import gettext as _

from frontline.core.scoping import scoped
from frontline.dashboard import charts, selectors


def _date(raw):
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@scoped("dashboard.view")
def dashboard(request, code: str | None = None):
    """County, township, village or grid at a glance; clicking a row of the ranking drills down."""
    division = selectors.dashboard_division(policy=request.policy, code=code)
    date_to = _date(request.GET.get("to"))
    period = selectors.period_from(_date(request.GET.get("from")), date_to)
    trend = selectors.period_from(None, period.end, default_days=selectors.SERIES_DAYS)
    days, lines = selectors.series(division=division, period=trend)
    ranking = selectors.ranking(division=division, period=period)
    chart = (
        charts.line_chart(days, [(name, values) for name, values, _key in lines], title=_("Per day"))
        if lines
        else None
    )
    bars = None
    if ranking["rows"] and ranking["columns"]:
        bars = charts.bar_chart(
            [(r["name"], r["values"][0]) for r in ranking["rows"][:12]],
            title=str(ranking["columns"][0]["label"]),
        )
    parent = division.parent if division.parent_id and request.policy.covers(division.parent_id) else None
    context = {
        "division": division,
        "parent": parent,
        "period": period,
        "trend": trend,
        "headline": selectors.headline(division=division, period=period),
        "chart": chart,
        "bars": bars,
        "ranking": ranking,
        "screen": request.GET.get("screen") == "1",
    }
    template = "dashboard/_body.html" if request.htmx else "dashboard/dashboard.html"
    return render(request, template, context)
