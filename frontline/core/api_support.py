"""Shared pieces of /api/v1: authentication, errors in the request's language, list envelope.

Every operation is authenticated (Bearer token or the browser session with CSRF) unless listed in
PUBLIC_OPERATIONS; the policy then scopes every query exactly as for HTML views.
"""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination
from ninja.security import HttpBearer, SessionAuth

from frontline.accounts.services import api_token_authenticate
from frontline.core.policy import Policy, policy_for


class BearerTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is None:
            return None
        request.user = user  # the policy reads request.user, whatever the entrance
        return user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated and user.is_active:
            return user
        return None


API_AUTH = [BearerTokenAuth(), ActiveSessionAuth()]

MAX_OFFSET = 10_000_000
MAX_ID = 2**63 - 1  # the largest id a database column holds: beyond it is a 422, not a 500
DbId = Annotated[int, Field(ge=1, le=MAX_ID)]  # an id in a body
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]  # an id in the path


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    """`{"items": [...], "count": N}` with limit/offset; an absurd offset is a 422, not a database error."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PersonRecordOut(Schema):
    """Resolvers of a record about one person (`obj.person`): `name`, and `id_number` only ever masked.
    A schema lists the fields it answers; the resolvers serve those it has."""

    @staticmethod
    def resolve_name(obj):
        return obj.person.name

    @staticmethod
    def resolve_id_number(obj):
        return obj.person.id_masked


def api_policy(request, perm: str | None = None) -> Policy:
    policy = policy_for(request)
    if perm:
        policy.require(perm)
    return policy


# Pydantic's English messages → translated ones (the request's language).
def pydantic_message(err: dict) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("int_parsing", "int_type"):
        return _("Enter a whole number.")
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type"):
        return _("Enter a number.")
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return _("Enter a date as YYYY-MM-DD.")
    if kind in ("datetime_parsing", "datetime_type", "datetime_from_date_parsing"):
        return _("Enter a date and time as YYYY-MM-DDTHH:MM.")
    if kind in ("uuid_parsing", "uuid_type"):
        return _("Enter a valid UUID.")
    if kind in ("string_too_long",):
        return _("At most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind in ("string_too_short", "too_short"):
        return _("Too short.")
    if kind in ("too_long",):
        return _("Too many items.")
    if kind in ("enum", "literal_error"):
        return _("Not one of the allowed values.")
    if kind == "value_error" and ctx.get("error"):
        return str(ctx["error"])
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _("Value out of range.")
    if kind in ("json_invalid",):
        return _("The request body is not valid JSON.")
    return _("Invalid value.")


def field_path(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    return ".".join(parts) or "__all__"
