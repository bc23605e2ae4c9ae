from datetime import date, datetime

from ninja import Field, Query, Router, Schema
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
    """Choice filters: they may travel in a query string."""

    action: str | None = Field(None, max_length=30)
    object_type: str | None = Field(None, max_length=60)
    object_id: str | None = Field(None, max_length=40)
    division: str | None = Field(None, max_length=15)
    date_from: date | None = None
    date_to: date | None = None


class AuditSearch(AuditFilters):
    """The choice filters and the actor's username, which may be a person's name: sent in a body."""

    actor: str | None = Field(None, max_length=150)


@router.get("/audit-events/", response=list[AuditEventOut])
@paginate(LimitOffsetPagination)
def list_audit_events(request, filters: Query[AuditFilters]):
    return audit_event_list(policy=api_policy(request), filters=filters.dict(exclude_none=True))


@router.post("/audit-events/search", response=list[AuditEventOut])
@paginate(LimitOffsetPagination)
def search_audit_events(request, payload: AuditSearch):
    """Like the list, with a username filter; by POST so that no name lands in a URL or an access log."""
    return audit_event_list(policy=api_policy(request), filters=payload.dict(exclude_none=True))
