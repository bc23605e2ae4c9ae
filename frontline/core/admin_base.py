"""Admin writes are audited like any other write."""

from django.contrib import admin
from django.db import transaction

from frontline.audit.services import audit_record


class AuditedModelAdmin(admin.ModelAdmin):
    # The admin site itself admits county admins only (FrontlineAdminSite.has_permission); within it,
    # a county admin maintains the reference data without per-model Django permissions.
    def has_module_permission(self, request):
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def has_add_permission(self, request):
        return self.admin_site.has_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action="update" if change else "create",
                obj=obj,
                request=request,
                detail={"via": "admin", "fields": sorted(form.changed_data)},
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit_record(
                actor=request.user, action="delete", obj=obj, request=request, detail={"via": "admin"}
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            ids = list(queryset.values_list("pk", flat=True))
            audit_record(
                actor=request.user,
                action="bulk_delete",
                object_type=f"{queryset.model._meta.label_lower}",
                ids=ids,
                request=request,
                detail={"via": "admin"},
            )
            super().delete_queryset(request, queryset)
