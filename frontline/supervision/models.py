"""分片包乡 督导: department leaders own townships, visit them, record findings, send feedback, and
follow every rectification item until it is closed with evidence. Rows carry the township's code."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.models import account_link


class Assignment(models.Model):
    leader = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="supervision_areas")
    division_code = models.CharField(_("township"), max_length=15, db_index=True)
    assigned_on = models.DateField(_("assigned on"))
    active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("area assignment")
        verbose_name_plural = _("area assignments")
        ordering = ["division_code", "leader__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["leader", "division_code"], condition=Q(active=True), name="assignment_unique_active"
            )
        ]

    def __str__(self):
        return f"{self.leader} → {self.division_code}"


class Visit(models.Model):
    division_code = models.CharField(_("township"), max_length=15, db_index=True)
    visited_on = models.DateField(_("visited on"))
    leader = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="supervision_visits")
    companions = models.CharField(_("accompanied by"), max_length=200, blank=True)
    checked = models.TextField(_("what was checked"))
    summary = models.TextField(pgettext_lazy("supervision", "summary"), blank=True)
    feedback_sent_on = models.DateField(_("feedback sent on"), null=True, blank=True)
    feedback_to = models.CharField(_("feedback sent to"), max_length=100, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("supervision visit")
        verbose_name_plural = _("supervision visits")
        ordering = ["-visited_on", "-id"]

    def __str__(self):
        return f"{self.visited_on} {self.leader.name}"


class Finding(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("finding"))
    serious = models.BooleanField(_("serious"), default=False)
    division_code = models.CharField(_("township"), max_length=15, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["visit", "id"]

    def __str__(self):
        return self.text[:60]


class RectificationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def overdue(self, today: dt.date):
        return self.filter(closed_on__isnull=True, deadline__lt=today)


class Rectification(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="rectifications")
    action = models.CharField(_("what must be done"), max_length=300)
    owner = models.CharField(_("owner"), max_length=100)
    deadline = models.DateField(_("deadline"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_note = models.TextField(_("how it was fixed"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="supervision/evidence/%Y/%m/", blank=True)
    closed_by = account_link()
    division_code = models.CharField(_("township"), max_length=15, db_index=True)

    objects = RectificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["closed_on", "deadline"])]

    def __str__(self):
        return self.action[:60]

    def is_overdue(self, today: dt.date) -> bool:
        return self.closed_on is None and self.deadline < today
