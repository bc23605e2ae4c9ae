# Reference data in the admin (county admins only). Person is deliberately absent: identifiers are
# seen through the audited people pages, never through a generic admin form.
from django.contrib import admin

from frontline.core.admin_base import AuditedModelAdmin
from frontline.people.models import Organization


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "division_code", "parent", "is_temporary")
    list_filter = ("kind", "is_temporary")
    search_fields = ("name", "division_code")
    raw_id_fields = ("parent",)
