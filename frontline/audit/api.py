from datetime import date, datetime

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from frontline.audit.selectors import audit_event_list
from frontline.core.api_support import LimitOffsetPagination, api_policy

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    division_code: str
    count: int
    detail: dict

    @staticmethod
    def resolve_actor(obj):
        return obj.actor_username


class AuditFilters(Schema):
    action: str | None = None
    actor: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    division: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@router.get("/audit-events/", response=list[AuditEventOut])
@paginate(LimitOffsetPagination)
def list_audit_events(request, filters: Query[AuditFilters]):
    return audit_event_list(policy=api_policy(request), filters=filters.dict(exclude_none=True))
