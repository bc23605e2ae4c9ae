from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "frontline.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self):
        from frontline.audit import signals  # noqa: F401  login success/failure events
