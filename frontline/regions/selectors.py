from frontline.core.policy import Policy
from frontline.regions.models import Division


def division_list(*, policy: Policy, level: str | None = None, parent: str | None = None):
    qs = policy.scope(Division.objects.all(), field="code")
    if level:
        qs = qs.filter(level=level)
    if parent:
        qs = qs.filter(parent_id=parent)
    return qs.order_by("code")


def division_get(*, policy: Policy, code: str) -> Division:
    return policy.get_or_404(Division.objects.all(), field="code", code=code)


def division_names(codes) -> dict[str, str]:
    return dict(Division.objects.filter(code__in=set(codes)).values_list("code", "full_name"))
