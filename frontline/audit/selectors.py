from django.db.models import Q

from frontline.audit.models import AuditEvent
from frontline.core.policy import Policy


def audit_event_list(*, policy: Policy, filters: dict | None = None):
    """County admins browse the trail of their jurisdiction. Events that belong to no division
    (logins, token issues) are shown to county-level admins only."""
    policy.require("audit.view")
    qs = AuditEvent.objects.all()
    if policy.prefix and len(policy.prefix) <= 6:
        qs = qs.filter(policy.q() | Q(division_code=""))
    else:
        qs = policy.scope(qs)
    f = filters or {}
    if f.get("action"):
        qs = qs.filter(action=f["action"])
    if f.get("actor"):
        qs = qs.filter(actor_username=f["actor"])
    if f.get("object_type"):
        qs = qs.filter(object_type=f["object_type"])
    if f.get("object_id"):
        qs = qs.filter(object_id=str(f["object_id"]))
    if f.get("division"):
        qs = qs.filter(division_code__startswith=f["division"])
    if f.get("date_from"):
        qs = qs.filter(at__date__gte=f["date_from"])
    if f.get("date_to"):
        qs = qs.filter(at__date__lte=f["date_to"])
    return qs.order_by("-at", "-id")
