from django.contrib import admin

from frontline.core.admin_base import AuditedModelAdmin
from frontline.regions.models import Division


@admin.register(Division)
class DivisionAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "level", "kind", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)
