from frontline.core import clock
from frontline.core.nav import entries_for
from frontline.core.policy import policy_for


def frontline(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"demo_day": clock.demo_day()}
    policy = policy_for(request)
    return {"demo_day": clock.demo_day(), "policy": policy, "nav_entries": entries_for(policy)}
