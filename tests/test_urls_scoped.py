"""Deny by default: every URL pattern resolves to a view declared scoped or public, or to the admin
site / the API, which guard themselves (checked here too)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from frontline.api import PUBLIC_OPERATIONS
from frontline.core.scoping import SELF_GUARDED_NAMESPACES, access_of


def _walk(patterns, namespaces=()):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = (*namespaces, p.namespace) if p.namespace else namespaces
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            yield p, namespaces


def test_every_view_is_declared_scoped_or_public():
    undeclared = []
    for pattern, namespaces in _walk(get_resolver().url_patterns):
        if set(namespaces) & SELF_GUARDED_NAMESPACES:
            continue
        if access_of(pattern.callback) is None:
            undeclared.append(f"{'/'.join(namespaces)} {pattern.pattern} → {pattern.callback}")
    assert undeclared == []


def _path_view(callback):
    """The ninja PathView behind an /api/v1 URL (its wrapper closes over it)."""
    from ninja.operation import PathView

    for cell in getattr(callback, "__closure__", None) or ():
        if isinstance(cell.cell_contents, PathView):
            return cell.cell_contents
    return None


def test_every_api_operation_requires_auth_unless_listed_public():
    open_ops, seen = [], 0
    for pattern, namespaces in _walk(get_resolver().url_patterns):
        if "api" not in namespaces:
            continue
        path_view = _path_view(pattern.callback)
        if path_view is None:
            # Only the schema and its docs page are served outside an operation.
            assert pattern.pattern.name in ("openapi-json", "openapi-view", "api-root"), pattern
            continue
        for op in path_view.operations:
            seen += 1
            if not op.auth_callbacks and op.view_func.__name__ not in PUBLIC_OPERATIONS:
                open_ops.append(op.view_func.__name__)
    assert seen > 5 and open_ops == []


def test_self_guarded_namespaces_are_really_there():
    namespaces = {ns for _p, nss in _walk(get_resolver().url_patterns) for ns in nss}
    assert namespaces >= SELF_GUARDED_NAMESPACES


@pytest.mark.django_db
def test_undeclared_view_is_refused(rf, users):
    from django.core.exceptions import PermissionDenied

    from frontline.core.scoping import JurisdictionMiddleware

    def naked(request):  # pragma: no cover - must never run
        raise AssertionError("reached")

    request = rf.get("/x")
    request.user = users["county_admin"]
    with pytest.raises(PermissionDenied):
        JurisdictionMiddleware(lambda r: None).process_view(request, naked, (), {})


def test_admin_refuses_everyone_but_county_admins(client_for):
    assert client_for("county_admin").get("/admin/").status_code == 200
    for username in ("county_leader", "gaoxing_admin", "yuantang_secretary"):
        response = client_for(username).get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_flag_alone_does_not_open_the_admin(client_for, users):
    users["gaoxing_admin"].is_staff = True
    users["gaoxing_admin"].save()
    response = client_for("gaoxing_admin").get("/admin/")
    assert response.status_code == 302
