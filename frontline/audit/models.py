"""Append-only audit trail. Rows are inserted by audit.services only; never updated or deleted.

The database refuses UPDATE too (trigger created in the migration), so not even a raw query can
rewrite history. Events never hold a whole identifier: services pass masked values only and
audit_record() scrubs anything that still looks like an ID number or a mobile number.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    BULK_CREATE = "bulk_create", _("Bulk create")
    BULK_UPSERT = "bulk_upsert", _("Bulk create/update")
    BULK_UPDATE = "bulk_update", _("Bulk update")
    BULK_DELETE = "bulk_delete", _("Bulk delete")
    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export")
    UNMASK = "unmask", _("View whole identifier")
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Login failed")
    LOGOUT = "logout", _("Logout")
    TOKEN_ISSUED = "token_issued", _("API token issued")
    PURGE = "purge", _("Retention purge")
    ALERT = "alert", _("Security alert")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("audit events are append-only")

    def delete(self):
        raise TypeError("audit events are append-only")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # Indexed through Meta.indexes (equality filters only): db_index=True on a CharField also builds
    # a LIKE (varchar_pattern_ops) twin on PostgreSQL, one more index for every write's event.
    # object_type needs none of its own: the (object_type, object_id) index leads with it. (audit 0004)
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    division_code = models.CharField(_("division"), max_length=15, blank=True, db_index=True)
    count = models.PositiveIntegerField(_("count"), default=1)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor_username"], name="audit_actor_username"),
            models.Index(fields=["action"], name="audit_action"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("audit events are append-only")
