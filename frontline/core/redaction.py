"""No personal data in logs or error reports.

Three layers, configured in settings (LOGGING, DEFAULT_EXCEPTION_REPORTER_FILTER,
DEFAULT_EXCEPTION_REPORTER):

- Error reports (the 500 e-mail to ADMINS, the DEBUG page) show no value a user sent: every POST and
  GET value, uploaded file name, cookie and query string is hidden, and so is every local variable of
  the traceback (a view's locals hold the names and ID numbers it was working on). What stays: the
  exception, the code, the path, the method, the user.
- Every log line is redacted on its way out (RedactingFormatter, traceback included): anything shaped
  like an ID number, a mobile or a plate, query strings of URLs, and the row dumps PostgreSQL puts in
  constraint errors ("Failing row contains (…)", "Key (…)=(…)").
- SQL is never logged with its parameters (django.db.backends stays at INFO whatever LOG_LEVEL says).

Names cannot be recognised by shape: they are kept out structurally (by the first layer, and by
searches going by POST so that they never appear in a request line).
"""

from __future__ import annotations

import logging
import re

from django.utils.log import ServerFormatter
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

REDACTED = "[redacted]"

_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")  # also with a wrong check digit
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])")
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]"
)
# A URL's query string (in a request line, a repr, a Referer): the part after "?" goes.
_QUERY = re.compile(r"((?:^|(?<=[\s\"'=(<]))(?:https?://[^\s\"'<>/]+)?/[^\s?\"'<>]*)\?[^\s\"'<>]+")
_PG_ROW = re.compile(r"(Failing row contains )\(.*?\)(?=\.?\s*$)", re.MULTILINE)
_PG_KEY = re.compile(
    r"(Key \([^)]*\)=)\(.*?\)(?=( already exists| is not present| is still referenced|\.|\s*$))"
)


def redact(text: str) -> str:
    """`text` with identifiers, query strings and database row dumps replaced by [redacted]."""
    if not text:
        return text
    text = _PG_ROW.sub(r"\1(" + REDACTED + ")", text)
    text = _PG_KEY.sub(r"\1(" + REDACTED + ")", text)
    text = _QUERY.sub(r"\1?" + REDACTED, text)
    text = _ID.sub(REDACTED, text)
    text = _MOBILE.sub(REDACTED, text)
    return _PLATE.sub(REDACTED, text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual (message, traceback, stack), then redacts the whole text."""

    def format(self, record):
        return redact(super().format(record))


class RedactingServerFormatter(ServerFormatter):
    """Django's runserver request lines ("GET /path?… HTTP/1.1" 200), redacted."""

    def format(self, record):
        return redact(super().format(record))


class NoPersonalDataReporterFilter(SafeExceptionReporterFilter):
    """Hides every value a request carried, and every local variable of the traceback, always (also
    with DEBUG on: a staging server with real lists is no place for them either)."""

    hidden_settings = re.compile("API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|URL|DSN", flags=re.I)
    _HIDDEN_META = re.compile("QUERY|URI|COOKIE|REFERER|AUTH|CSRF|TOKEN|KEY|SECRET|PASS|URL|DSN", flags=re.I)

    def is_active(self, request):
        return True

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {name: self.cleansed_substitute for name in request.POST}

    def get_safe_cookies(self, request):
        return {name: self.cleansed_substitute for name in getattr(request, "COOKIES", {})}

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        return {
            name: self.cleansed_substitute if self._HIDDEN_META.search(name) else value
            for name, value in meta.items()
        }

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class RedactingExceptionReporter(ExceptionReporter):
    """Django's report with GET values, file names and the query string hidden too (Django shows them
    unfiltered), and the rendered report redacted like a log line (an exception message may quote a
    value)."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            hidden = self.filter.cleansed_substitute
            data["request_GET_items"] = [(name, hidden) for name in self.request.GET]
            data["request_FILES_items"] = [(name, hidden) for name in self.request.FILES]
            data["request_insecure_uri"] = redact(data.get("request_insecure_uri") or "")
        for key in ("exception_value", "exception_notes"):
            if data.get(key):
                data[key] = redact(data[key])
        return data

    def get_traceback_html(self):
        return redact(super().get_traceback_html())

    def get_traceback_text(self):
        return redact(super().get_traceback_text())
