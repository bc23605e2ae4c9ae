"""Deny by default: every view is declared `@scoped(permission)` or `@public`.

JurisdictionMiddleware refuses any view that is neither (CommCare's @location_safe idea). The Django
admin (restricted to county admins by its site) and the /api/v1 router (whose every operation carries
an auth class that resolves the same Policy) declare themselves at their own level; a test walks the
URLconf and fails on any view that slips through.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from frontline.core.permissions import roles_for
from frontline.core.policy import policy_for

log = logging.getLogger(__name__)

ACCESS_ATTR = "frontline_access"
# URL namespaces that enforce access themselves (see module docstring).
SELF_GUARDED_NAMESPACES = {"admin", "api"}


def scoped(perm: str):
    """Login required, the role must hold `perm`; the view then scopes every query through request.policy."""
    roles_for(perm)  # fail at import time on a typo

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            policy = policy_for(request)
            request.policy = policy
            if not policy.has(perm):
                raise PermissionDenied(perm)
            return view(request, *args, **kwargs)

        setattr(wrapper, ACCESS_ATTR, ("scoped", perm))
        return wrapper

    return decorator


def public(view):
    """Open to anyone (login, health, language switch). Must not touch scoped data."""
    setattr(view, ACCESS_ATTR, ("public", None))
    return view


def access_of(view) -> tuple[str, str | None] | None:
    access = getattr(view, ACCESS_ATTR, None)
    if access is None and hasattr(view, "view_class"):
        access = getattr(view.view_class, ACCESS_ATTR, None)
    return access


class JurisdictionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if access_of(view_func) is not None:
            return None
        match = getattr(request, "resolver_match", None)
        if match is not None and set(match.namespaces) & SELF_GUARDED_NAMESPACES:
            return None
        log.error("refused undeclared view %s", getattr(view_func, "__qualname__", view_func))
        raise PermissionDenied("view not declared scoped or public")
