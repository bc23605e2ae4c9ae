"""Front-line assessment (一线考察识别干部): observations of cadres on the front line, commendations,
priority pools with the records that justify each entry, and adjustments of cadres not up to the job.

Every row stores the cadre's division_code: evaluations are scoped like everything else, and the
permission table limits them to the county organization department and township leadership.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frontline.core.models import Recorded, Scoped


class Rating(models.TextChoices):
    OUTSTANDING = "outstanding", _("Outstanding")
    GOOD = "good", _("Good")
    ADEQUATE = "adequate", _("Adequate")
    POOR = "poor", _("Not up to the job")


class Observation(Scoped, Recorded):
    cadre = models.ForeignKey(
        "people.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="observations"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="observations"
    )
    observed_on = models.DateField(_("date"))
    event = models.CharField(_("event"), max_length=200)
    conduct = models.TextField(_("conduct"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    assessment = models.TextField(_("assessment"), blank=True)
    observer = models.CharField(_("observed by"), max_length=100)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-observed_on", "-id"]
        indexes = [models.Index(fields=["person", "observed_on"])]

    def __str__(self):
        return f"{self.observed_on} {self.event}"


class CommendationLevel(models.TextChoices):
    NATIONAL = "national", _("National level")
    PROVINCE = "province", _("Provincial level")
    CITY = "city", _("Municipal level")
    COUNTY = "county", _("County level")
    TOWNSHIP = "township", _("Township level")


class Commendation(Scoped, Recorded):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="commendations"
    )
    level = models.CharField(_("commendation level"), max_length=20, choices=CommendationLevel.choices)
    title = models.CharField(_("commendation title"), max_length=200)
    awarded_on = models.DateField(_("date"))
    awarded_by = models.CharField(_("awarded by"), max_length=100, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-awarded_on", "-id"]

    def __str__(self):
        return self.title


class Pool(models.TextChoices):
    TITLE_PROMOTION = "title_promotion", _("Professional title promotion")
    POST_PROMOTION = "post_promotion", _("Promotion to a post")
    HONOURS = "honours", _("Awards and honours")
    RANK_PROMOTION = "rank_promotion", _("Rank promotion")
    EXAM_RECRUITMENT = "exam_recruitment", _("Examination and recruitment")


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    USED = "used", _("Given priority")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ACTIVE_STATUSES = (EntryStatus.PROPOSED, EntryStatus.CONFIRMED)


class PoolEntry(Scoped, Recorded):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="pool_entries"
    )
    pool = models.CharField(_("priority pool"), max_length=20, choices=Pool.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.PROPOSED
    )
    reason = models.TextField(_("reason"))
    proposed_on = models.DateField(_("proposed on"))
    automatic = models.BooleanField(_("proposed automatically"), default=False)
    decided_note = models.CharField(_("decision note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("priority pool entry")
        verbose_name_plural = _("priority pool entries")
        ordering = ["pool", "-proposed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "pool"],
                condition=Q(status__in=["proposed", "confirmed"]),
                name="evaluation_one_active_entry_per_pool",
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_pool_display()}"


class Justification(models.Model):
    """A record that justifies a pool entry: an observation, a commendation, a 十带头 deed, …"""

    entry = models.ForeignKey(PoolEntry, on_delete=models.CASCADE, related_name="justifications")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    summary = models.CharField(_("summary"), max_length=300)

    class Meta:
        verbose_name = _("justification")
        verbose_name_plural = _("justifications")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "content_type", "object_id"], name="evaluation_justification_unique"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.summary


class AdjustmentKind(models.TextChoices):
    TRANSFER = "transfer", _("Transferred to another post")
    REMOVED = "removed", _("Removed from post")
    DEMOTED = "demoted", _("Demoted")
    NON_LEADING = "non_leading", _("Moved to a non-leading post")


class Adjustment(Scoped, Recorded):
    """不胜任现职调整: a cadre not up to the current post, adjusted."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="adjustments"
    )
    kind = models.CharField(_("measure"), max_length=20, choices=AdjustmentKind.choices)
    decided_on = models.DateField(_("date"))
    reason = models.TextField(_("reason"))
    from_position = models.CharField(_("former post"), max_length=100, blank=True)
    to_position = models.CharField(_("new post"), max_length=100, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=100)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    observation = models.ForeignKey(
        Observation,
        verbose_name=_("based on observation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustments",
    )

    class Meta:
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.person} · {self.get_kind_display()}"
