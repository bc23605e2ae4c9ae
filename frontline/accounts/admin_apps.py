from django.contrib.admin.apps import AdminConfig


class FrontlineAdminConfig(AdminConfig):
    """The Django admin, restricted to county admins (see admin_site.FrontlineAdminSite)."""

    default_site = "frontline.accounts.admin_site.FrontlineAdminSite"
