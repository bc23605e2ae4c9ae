"""/api/v1: one NinjaAPI; each app contributes `router` from its api.py (mounted at the root)."""

import importlib
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from frontline.core.api_support import API_AUTH, field_path, pydantic_message

log = logging.getLogger(__name__)


class Utf8JSONRenderer(JSONRenderer):
    """Chinese text as UTF-8, not \\u escapes: smaller and readable in logs of integrations."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSONRenderer(),
    title="Frontline 一线守护 API",
    version="1",
    description="Scoped to the caller's jurisdiction; identifiers are masked. Auth: `Authorization: Bearer <token>`.",
    auth=API_AUTH,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _error(request, status: int, message: str, **extra):
    return api.create_response(request, {"message": message, **extra}, status=status)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, _("Not found."))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, _("Your role may not do this."))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(request, 401, _("Authentication required: send 'Authorization: Bearer <token>'."))


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    errors = [{"field": field_path(e.get("loc", ())), "message": pydantic_message(e)} for e in exc.errors]
    return _error(request, 422, _("Some fields are not valid."), errors=errors)


@api.exception_handler(DjangoValidationError)
def _invalid_django(request, exc):
    if hasattr(exc, "error_dict"):
        errors = [{"field": f, "message": str(m)} for f, msgs in exc.message_dict.items() for m in msgs]
    else:
        errors = [{"field": "__all__", "message": str(m)} for m in exc.messages]
    return _error(
        request,
        422,
        errors[0]["message"] if len(errors) == 1 else _("Some fields are not valid."),
        errors=errors,
    )


@api.exception_handler(OverflowError)
def _overflow(request, exc):
    # An id or number far beyond any row (e.g. 2**80) never reaches the database as a crash.
    return _error(request, 422, _("A number is out of range."))


@api.exception_handler(DataError)
def _data_error(request, exc):
    return _error(request, 422, _("A value is out of range or malformed."))


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


@api.get("/healthz", auth=None, include_in_schema=False)
def api_health(request):
    return {"status": "ok"}


# Operations that answer without authentication (checked by tests/test_urls_scoped.py).
PUBLIC_OPERATIONS = {"api_health"}

for app in settings.FRONTLINE_APPS:
    try:
        module = importlib.import_module(f"{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api":
            raise
        continue
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router("", router)
