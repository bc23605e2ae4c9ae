"""Writing audit events. Call inside the same transaction.atomic() as the change being recorded."""

from __future__ import annotations

import re
from collections.abc import Iterable

from frontline.audit.models import AuditEvent
from frontline.core.fastsql import insert_objects

# Anything that looks like a whole resident ID (15/18 chars) or mainland mobile number is masked
# before it reaches the audit table, whatever a caller passes by mistake.
_ID_RE = re.compile(r"(?<![0-9])([1-9][0-9]{5})([0-9]{8,11})([0-9]{3}[0-9Xx]?)(?![0-9Xx])")
_PHONE_RE = re.compile(r"(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")
MAX_IDS = 10_000


def scrub(value):
    if isinstance(value, str):
        value = _ID_RE.sub(lambda m: m.group(1)[:3] + "*" * (len(m.group(0)) - 7) + m.group(0)[-4:], value)
        return _PHONE_RE.sub(lambda m: m.group(1) + "****" + m.group(3), value)
    if isinstance(value, dict):
        return {str(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    return value


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    division_code: str = "",
    detail: dict | None = None,
    ids: Iterable | None = None,
    count: int | None = None,
    request=None,
    actor_username: str = "",
) -> AuditEvent:
    """One event. For bulk paths pass ids (kept up to MAX_IDS) and count instead of one event per row."""
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = object_id or obj.pk
        division_code = division_code or getattr(obj, "division_code", "") or ""
    detail = dict(detail or {})
    if ids is not None:
        ids = list(ids)
        detail["ids"] = [str(i) for i in ids[:MAX_IDS]]
        if len(ids) > MAX_IDS:
            detail["ids_truncated"] = True
        count = len(ids) if count is None else count
    user = actor if getattr(actor, "is_authenticated", False) else None
    # insert_objects: an audit row goes with every write; the ORM's save() machinery around one
    # INSERT costs more than the INSERT itself (frontline/core/fastsql.py).
    (event,) = insert_objects(
        [
            AuditEvent(
                actor=user,
                actor_username=(user.get_username() if user else actor_username)[:150],
                action=action,
                object_type=object_type,
                object_id=str(object_id or ""),
                division_code=division_code or "",
                count=1 if count is None else count,
                detail=scrub(detail),
                ip=_client_ip(request),
            )
        ]
    )
    return event
