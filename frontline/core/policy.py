"""The one jurisdiction policy. Every view, API endpoint, export and selector asks it.

A user belongs to one division node; its code is a prefix of every code beneath it (materialized
path: 360732 → 360732104 → 360732104201 → 360732104201001). Scoping a queryset is one
`division_code__startswith` on an indexed column. What lies outside the prefix does not exist for
the user: getting it answers 404, exactly like a missing row.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from frontline.core.permissions import roles_for


class Policy:
    __slots__ = ("user", "prefix", "roles")

    def __init__(self, user):
        self.user = user
        active = bool(user is not None and user.is_authenticated and user.is_active)
        code = getattr(user, "division_id", None) if active else None
        # A user with no division sees nothing: deny by default.
        self.prefix: str | None = code or None
        self.roles: frozenset[str] = frozenset(user.roles or ()) if active and code else frozenset()

    # -- roles ---------------------------------------------------------------------------------
    def has(self, perm: str) -> bool:
        return bool(self.roles & roles_for(perm))

    def require(self, perm: str) -> None:
        if not self.has(perm):
            raise PermissionDenied(perm)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    # -- jurisdiction --------------------------------------------------------------------------
    def covers(self, code: str | None) -> bool:
        return bool(self.prefix and code and code.startswith(self.prefix))

    def q(self, field: str = "division_code") -> Q:
        if not self.prefix:
            return Q(pk__in=[])
        return Q(**{f"{field}__startswith": self.prefix})

    def scope(self, qs: QuerySet, field: str = "division_code") -> QuerySet:
        if not self.prefix:
            return qs.none()
        return qs.filter(self.q(field))

    def get_or_404(self, qs: QuerySet, field: str = "division_code", **lookup) -> Model:
        obj = self.scope(qs, field).filter(**lookup).first()
        if obj is None:
            raise Http404
        return obj

    def fetch_or_404(self, model, pk, field: str = "division_code") -> Model:
        """get_or_404 by primary key for hot paths (every checkpoint registration names its
        checkpoint): the row by its key in one written-out SELECT, then the same jurisdiction check
        on its division — outside it, or missing, is 404 just the same."""
        from frontline.core.fastsql import fetch_where_in

        try:
            pk = model._meta.pk.to_python(pk)
        except ValidationError:
            raise Http404 from None
        found = fetch_where_in(model, model._meta.pk.column, [pk])
        if not found or not self.covers(getattr(found[0], field)):
            raise Http404
        return found[0]

    def require_covers(self, code: str | None) -> None:
        """For writes that name a division: outside the jurisdiction is 'does not exist'."""
        if not self.covers(code):
            raise Http404

    # -- personal identifiers ------------------------------------------------------------------
    @property
    def may_unmask(self) -> bool:
        return self.has("people.unmask")


def policy_for(request_or_user) -> Policy:
    """The policy of a request (cached on it) or of a user (services, commands)."""
    user = getattr(request_or_user, "user", request_or_user)
    if hasattr(request_or_user, "META"):
        cached = getattr(request_or_user, "_frontline_policy", None)
        if cached is not None and cached.user is user:
            return cached
        policy = Policy(user)
        request_or_user._frontline_policy = policy
        return policy
    return Policy(user)
