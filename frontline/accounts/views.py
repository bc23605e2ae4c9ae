from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontline.accounts import services
from frontline.core.scoping import scoped


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else "/"


@scoped("accounts.me")
@never_cache
def otp(request):
    """Second factor: enrol an authenticator app (first time) or enter its 6-digit code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = services.otp_device_for_enrolment(user=request.user)
    if request.method == "POST":
        if device.verify_token((request.POST.get("token") or "").strip()):
            services.otp_verified(actor=request.user, device=device, enrolled=enrolling, request=request)
            otp_login(request, device)
            return redirect(_next(request))
        messages.error(request, _("The code is wrong or has expired. Enter the current 6-digit code."))
    context = {"enrolling": enrolling, "next": _next(request)}
    if enrolling:
        context.update(services.otp_enrolment_context(device))
    return render(request, "accounts/otp.html", context)
