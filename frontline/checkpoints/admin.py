from django.contrib import admin

from frontline.checkpoints.models import Checkpoint, HighRiskArea
from frontline.core.admin_base import AuditedModelAdmin


@admin.register(Checkpoint)
class CheckpointAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "division_code", "active_from", "active_to")
    list_filter = ("kind",)
    search_fields = ("name", "division_code")
    raw_id_fields = ("responsible",)


@admin.register(HighRiskArea)
class HighRiskAreaAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "valid_from", "valid_to", "division_code")
