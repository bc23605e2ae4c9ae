from django.db import models
from django.utils.translation import gettext_lazy as _


class PurgedCount(models.Model):
    """What retention purging deleted, as anonymous counts: rule, division, day, number of rows."""

    rule = models.CharField(_("record kind"), max_length=60)
    division_code = models.CharField(_("division"), max_length=15, db_index=True)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"))
    purged_at = models.DateTimeField(_("purged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("purged record count")
        verbose_name_plural = _("purged record counts")
        indexes = [models.Index(fields=["rule", "day"])]

    def __str__(self):
        return f"{self.rule} {self.division_code} {self.day}: {self.count}"
