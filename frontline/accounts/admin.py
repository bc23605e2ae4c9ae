from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from frontline.accounts.models import User
from frontline.accounts.roles import Role
from frontline.audit.services import audit_record
from frontline.core.admin_base import AuditedModelAdmin


class UserRolesForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = User
        fields = "__all__"  # noqa: DJ007 - UserAdmin fieldsets choose what is shown


@admin.register(User)
class FrontlineUserAdmin(AuditedModelAdmin, UserAdmin):
    form = UserRolesForm
    list_display = ("username", "display_name", "division", "roles", "is_active", "last_login")
    list_filter = ("is_active", "is_staff")
    search_fields = ("username", "display_name")
    raw_id_fields = ("division", "person")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Frontline", {"fields": ("display_name", "division", "roles", "person")}),
    )

    def user_change_password(self, request, id, form_url=""):
        # UserAdmin saves the new password itself, not through save_model: audit it here (a success
        # redirects), in the same transaction, never with the password.
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                audit_record(
                    actor=request.user,
                    action="update",
                    obj=self.get_object(request, unquote(id)),
                    request=request,
                    detail={"via": "admin", "fields": ["password"]},
                )
        return response
