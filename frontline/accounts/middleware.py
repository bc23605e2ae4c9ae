"""Per-request account safeguards.

- Pages seen by a logged-in user may show personal data: `Cache-Control: no-store, private`, so no
  shared phone, browser back-cache or proxy keeps them.
- An account that expired or was disabled while logged in is logged out at its next request.
- With FRONTLINE_OTP_REQUIRED, a county admin must pass the one-time-password step before anything
  else (the admin site checks the same).
"""

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

OTP_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz", "/jsi18n/")


def otp_required_for(user) -> bool:
    return bool(getattr(settings, "FRONTLINE_OTP_REQUIRED", False) and "county_admin" in (user.roles or []))


class AccountSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if not user.is_active or getattr(user, "is_expired", False):
                logout(request)
                return redirect(reverse("login"))
            if (
                otp_required_for(user)
                and not user.is_verified()
                and not request.path.startswith(OTP_EXEMPT_PREFIXES)
                and not request.path.startswith("/api/")
            ):
                return redirect(f"{reverse('accounts:otp')}?next={request.get_full_path()}")
        response = self.get_response(request)
        if (user is not None and user.is_authenticated) or request.path.startswith("/api/"):
            add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
        return response
