from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from frontline.accounts.models import User
from frontline.accounts.roles import Role
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
