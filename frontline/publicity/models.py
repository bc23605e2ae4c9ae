"""Publicity and upward reporting: the daily 疫情防控 column, typical deeds (典型事迹), what was sent
upward (上报) and how it fared, and report templates that turn registered figures into the
spreadsheet an upper level asks for.

Every row stores the division it belongs to (division_code), scoped like everything else.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.models import Scoped


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class ColumnPost(Scoped):
    """One article of the 疫情防控 column. Rejected posts go back to draft with the editor's note."""

    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("body"))
    status = models.CharField(_("status"), max_length=12, choices=PostStatus.choices, default="draft")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="column_posts",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="edited_column_posts",
    )
    publish_date = models.DateField(_("publish date"), null=True, blank=True, db_index=True)
    review_note = models.CharField(_("review note"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("column post")
        verbose_name_plural = _("column posts")
        ordering = ["-publish_date", "-created_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_date"])]

    def __str__(self):
        return self.title


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class PostAttachment(Scoped):
    post = models.ForeignKey(
        ColumnPost, verbose_name=_("post"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="publicity/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.original_name


class DeedStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    REVIEWED = "reviewed", _("Reviewed")
    PUBLISHED = "published", _("Published")
    SUBMITTED = "submitted", _("Submitted upward")
    REJECTED = "rejected", _("Not adopted")


class Deed(Scoped):
    """A typical deed (典型事迹): a story about people, linked to the records that show it."""

    title = models.CharField(_("title"), max_length=120)
    story = models.TextField(_("story"))
    status = models.CharField(_("status"), max_length=12, choices=DeedStatus.choices, default="nominated")
    people = models.ManyToManyField(
        "people.Person", verbose_name=_("people"), related_name="publicity_deeds", blank=True
    )
    occurred_on = models.DateField(_("occurred on"), null=True, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("nominated by"), on_delete=models.PROTECT, related_name="+"
    )
    nominated_at = models.DateTimeField(_("nominated at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=500, blank=True)
    post = models.ForeignKey(
        ColumnPost,
        verbose_name=_("column post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deeds",
    )

    class Meta:
        verbose_name = _("typical deed")
        verbose_name_plural = _("typical deeds")
        ordering = ["-nominated_at", "-id"]

    def __str__(self):
        return self.title


class DeedRecord(models.Model):
    """A record a deed is about (a duty shift, a registration, a pledge deed …), by generic relation."""

    deed = models.ForeignKey(Deed, on_delete=models.CASCADE, related_name="records")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("linked record")
        verbose_name_plural = _("linked records")
        constraints = [
            models.UniqueConstraint(fields=["deed", "content_type", "object_id"], name="deed_record_unique")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.label or f"{self.content_type.model} #{self.object_id}"


class Level(models.TextChoices):
    CITY_ORG = "city_org", _("Municipal organization department (市委组织部)")
    PROVINCE_ORG = "province_org", _("Provincial organization department (省委组织部)")
    PEOPLE_DAILY = "people_daily", _("People's Daily Online 一线守护 column")
    COUNTY = "county", _("County organization department (县委组织部)")
    OTHER = "other", _("Other")


class SubmissionStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("submission", "Sent")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned")


class Submission(Scoped):
    """A post or a deed sent upward (上报): to which level, when, by whom, and what came back."""

    post = models.ForeignKey(
        ColumnPost,
        verbose_name=_("column post"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    deed = models.ForeignKey(
        Deed,
        verbose_name=_("typical deed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    level = models.CharField(_("sent to"), max_length=20, choices=Level.choices)
    recipient = models.CharField(_("recipient"), max_length=100, blank=True)
    sent_at = models.DateTimeField(_("sent at"), db_index=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("submission", "sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.SENT
    )
    status_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    published_url = models.URLField(_("published at (link)"), blank=True)

    class Meta:
        verbose_name = _("upward submission")
        verbose_name_plural = _("upward submissions")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(post__isnull=False, deed__isnull=True))
                | (models.Q(post__isnull=True, deed__isnull=False)),
                name="submission_post_xor_deed",
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.get_level_display()}"

    @property
    def subject(self):
        return self.post if self.post_id else self.deed

    @property
    def subject_kind(self) -> str:
        return "post" if self.post_id else "deed"


class Granularity(models.TextChoices):
    SELF = "self", _("The division itself")
    TOWNSHIPS = "townships", _("One row per township")
    VILLAGES = "villages", _("One row per village")


class ReportTemplate(Scoped):
    """An upward report defined once: rows (divisions) × columns (registered figures, own headers).

    columns: [{"key": figure key, "header": column header}, …] in order.
    """

    name = models.CharField(_("name"), max_length=60)
    granularity = models.CharField(
        pgettext_lazy("report", "rows"), max_length=10, choices=Granularity.choices
    )
    columns = models.JSONField(_("columns"), default=list)
    first_header = models.CharField(_("first column header"), max_length=40, default="单位")
    with_total = models.BooleanField(_("total row"), default=True)
    period = models.CharField(
        _("period"),
        max_length=10,
        choices=[("day", _("The day")), ("cumulative", _("Cumulative to the day"))],
        default="day",
    )
    cumulative_from = models.DateField(_("counted from"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["division_code", "name"], name="report_template_unique_name")
        ]

    def __str__(self):
        return self.name
