"""An import job: the uploaded file (kept under MEDIA_ROOT, never in a process between requests), its
preview (a dry run) and its commit, with progress for the page that polls it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    QUEUED_PREVIEW = "queued_preview", _("Waiting to be checked")
    PREVIEWING = "previewing", _("Checking")
    PREVIEWED = "previewed", _("Checked, waiting for confirmation")
    QUEUED = "queued", _("Waiting to be imported")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    REFUSED = "refused", _("File refused")
    FAILED = "failed", _("Failed")


ACTIVE = (Status.QUEUED_PREVIEW, Status.PREVIEWING, Status.QUEUED, Status.RUNNING)


class ImportJob(models.Model):
    kind = models.CharField(_("kind"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), on_delete=models.PROTECT
    )
    division_code = models.CharField(_("division"), max_length=15, db_index=True)  # the importer's
    file = models.FileField(upload_to="imports/%Y/%m/", max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED_PREVIEW
    )
    message = models.TextField(_("message"), blank=True)
    progress = models.PositiveIntegerField(_("rows read"), default=0)
    total = models.PositiveIntegerField(_("rows in file"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(default=list, blank=True)  # the first errors, for the page
    error_file = models.FileField(upload_to="imports/errors/%Y/%m/", max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.kind} {self.original_name}"

    @property
    def percent(self) -> int:
        if self.status in (Status.DONE, Status.PREVIEWED):
            return 100
        if not self.total:
            return 0
        # Reading and checking is 90 %; the commit transaction is the last 10 %.
        return min(99, int(90 * self.progress / self.total) + (5 if self.status == Status.RUNNING else 0))

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE
