import datetime as dt

from ninja import Router

from frontline.core import clock
from frontline.core.api_support import api_policy
from frontline.dashboard import selectors

router = Router(tags=["stats"])


@router.get("/stats/overview")
def stats_overview(
    request, division: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None
):
    """Figures over the division's subtree. Without dates: everything up to today; state figures
    (people in quarantine, open alerts…) describe `date_to`."""
    policy = api_policy(request, "stats.view")
    code = division or policy.prefix
    policy.require_covers(code)
    selectors.dashboard_division(policy=policy, code=code)
    end = date_to or clock.today()
    start = date_from or selectors.EPOCH
    figures = selectors.overview(division=code, start=start, end=end)
    return {"division_code": code, "date_from": start if date_from else None, "date_to": end, **figures}
