"""County admins manage screening campaigns here (the risk table has its own page at /quarantine/rules/)."""

from django.contrib import admin

from frontline.core.admin_base import AuditedModelAdmin
from frontline.quarantine.models import Campaign, RiskRule


@admin.register(Campaign)
class CampaignAdmin(AuditedModelAdmin):
    list_display = ("name", "division_code", "starts_on", "ends_on", "is_active")
    list_filter = ("is_active",)


@admin.register(RiskRule)
class RiskRuleAdmin(AuditedModelAdmin):
    list_display = ("order", "name", "risk_class", "is_active")
    list_editable = ("is_active",)
