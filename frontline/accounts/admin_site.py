from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class FrontlineAdminSite(admin.AdminSite):
    site_header = _("Frontline reference data")
    site_title = _("Frontline admin")

    def has_permission(self, request):
        user = request.user
        return bool(
            user.is_active
            and user.is_authenticated
            and user.is_staff
            and "county_admin" in (user.roles or [])
        )
