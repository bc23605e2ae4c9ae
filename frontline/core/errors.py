"""Pages answer a value the database cannot take (a NUL byte on PostgreSQL, an integer beyond any
column on SQLite) with a 422 and a message, as /api/v1 does, instead of a server error."""

from __future__ import annotations

from django.db import DataError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class MalformedValueMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # The API has its own handlers (frontline/api.py) and answers JSON.
        if not isinstance(exception, DataError | OverflowError) or request.path.startswith("/api/"):
            return None
        if getattr(request, "htmx", False):
            return HttpResponse(
                _("A value is out of range or malformed."),
                status=422,
                content_type="text/plain; charset=utf-8",
            )
        return render(request, "core/bad_value.html", status=422)
