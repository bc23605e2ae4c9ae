import datetime as dt

from django.shortcuts import render

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
    # Small multiples, each on its own scale: on one shared axis the vehicles flatten the fevers.
    trends = [
        {
            "key": key,
            "label": name,
            "total": sum(values),
            "color": charts.PALETTE[i % len(charts.PALETTE)],
            "chart": charts.line_chart(
                days, [(name, values)], colors=[charts.PALETTE[i % len(charts.PALETTE)]]
            ),
        }
        for i, (name, values, key) in enumerate(lines)
    ]
    bars = None
    if ranking["rows"] and ranking["columns"]:
        bars = charts.bar_chart(
            [(r["name"], r["values"][0]) for r in ranking["rows"][:12]],
            title=str(ranking["columns"][0]["label"]),
        )
    headline = selectors.headline(division=division, period=period)
    parent = division.parent if division.parent_id and request.policy.covers(division.parent_id) else None
    context = {
        "division": division,
        "parent": parent,
        "period": period,
        "trend": trend,
        "headline": headline,
        "headline_groups": selectors.headline_groups(headline),
        "trends": trends,
        "bars": bars,
        "ranking": ranking,
        "screen": request.GET.get("screen") == "1",
    }
    template = "dashboard/_body.html" if request.htmx else "dashboard/dashboard.html"
    return render(request, template, context)
