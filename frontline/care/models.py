"""The party-dues care ledger (党费慰问) and visits (走访慰问).

Money is integer fen everywhere (BigInteger), never floats. An allocation carries `disbursed_fen`,
updated in the same transaction as every disbursement, and the database refuses
`disbursed_fen > amount_fen`: the balance can never go negative, whatever path writes.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from frontline.core.models import Recorded, Scoped


class AllocationSource(models.TextChoices):
    PARTY_DUES = "party_dues", _("Party dues")
    OTHER = "other", _("Other funds")


class Allocation(Scoped, Recorded):
    title = models.CharField(_("allocation title"), max_length=200)
    source = models.CharField(
        _("source"), max_length=20, choices=AllocationSource.choices, default=AllocationSource.PARTY_DUES
    )
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    disbursed_fen = models.BigIntegerField(_("disbursed (fen)"), default=0, editable=False)
    decided_on = models.DateField(_("date"))
    decided_by = models.CharField(_("decided by"), max_length=100)
    decided_by_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("decided by (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    document_number = models.CharField(_("decision document number"), max_length=60, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("care fund allocation")
        verbose_name_plural = _("care fund allocations")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_fen__gt=0), name="care_allocation_amount_positive"),
            models.CheckConstraint(
                condition=Q(disbursed_fen__gte=0), name="care_allocation_disbursed_nonneg"
            ),
            models.CheckConstraint(
                condition=Q(disbursed_fen__lte=F("amount_fen")), name="care_allocation_never_overdrawn"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def balance_fen(self) -> int:
        return self.amount_fen - self.disbursed_fen


class RecipientCategory(models.TextChoices):
    MEDICAL_WORKER = "medical_worker", _("Front-line medical worker")
    PARTY_MEMBER = "party_member", _("Grassroots party member")
    GRASSROOTS_CADRE = "grassroots_cadre", _("Grassroots cadre")
    HUBEI_AID_FAMILY = "hubei_aid_family", _("Family of Hubei-aid medical staff")
    FRONTLINE_ORG = "frontline_org", _("Front-line organization")
    OTHER = "other", _("Other")


class Disbursement(Scoped, Recorded):
    """Money paid from an allocation to one recipient; division_code is the recipient's."""

    allocation = models.ForeignKey(
        Allocation, verbose_name=_("allocation"), on_delete=models.PROTECT, related_name="disbursements"
    )
    recipient_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("recipient (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="care_disbursements",
    )
    recipient_org = models.ForeignKey(
        "people.Organization",
        verbose_name=_("recipient (organization)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="care_disbursements",
    )
    category = models.CharField(_("category"), max_length=20, choices=RecipientCategory.choices)
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    approver = models.CharField(_("approver"), max_length=100)
    voucher_number = models.CharField(_("voucher number"), max_length=60)
    voucher_file = models.FileField(_("voucher file"), upload_to="care/vouchers/%Y/%m/", blank=True)
    paid_on = models.DateField(_("date"))
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["paid_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_fen__gt=0), name="care_disbursement_amount_positive"),
            models.CheckConstraint(
                condition=(Q(recipient_person__isnull=False) & Q(recipient_org__isnull=True))
                | (Q(recipient_person__isnull=True) & Q(recipient_org__isnull=False)),
                name="care_disbursement_one_recipient",
            ),
            models.UniqueConstraint(
                fields=["allocation", "voucher_number"], name="care_disbursement_voucher_unique"
            ),
        ]
        indexes = [models.Index(fields=["allocation", "paid_on", "id"])]

    def __str__(self):
        return f"{self.recipient_name} {self.amount_fen / 100:.2f}"

    @property
    def recipient_name(self) -> str:
        recipient = self.recipient_person or self.recipient_org
        return recipient.name if recipient else ""


class Visit(Scoped, Recorded):
    visited_on = models.DateField(_("date"))
    visitors = models.ManyToManyField(
        "people.Person", verbose_name=_("visitors"), blank=True, related_name="care_visits_made"
    )
    visitor_names = models.CharField(
        _("visitors (names)"), max_length=200, blank=True, help_text=_("Leaders or staff not in the register")
    )
    recipient_person = models.ForeignKey(
        "people.Person",
        verbose_name=_("visited person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="care_visits_received",
    )
    recipient_org = models.ForeignKey(
        "people.Organization",
        verbose_name=_("visited organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="care_visits_received",
    )
    household = models.CharField(
        _("family / household"), max_length=200, blank=True, help_text=_("e.g. family of a Hubei-aid nurse")
    )
    category = models.CharField(_("category"), max_length=20, choices=RecipientCategory.choices)
    items = models.CharField(_("what was given"), max_length=300, blank=True)
    disbursement = models.ForeignKey(
        Disbursement,
        verbose_name=_("money given (disbursement)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_person__isnull=False)
                | Q(recipient_org__isnull=False)
                | ~Q(household=""),
                name="care_visit_has_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.visited_on} {self.recipient_name}"

    @property
    def recipient_name(self) -> str:
        recipient = self.recipient_person or self.recipient_org
        return recipient.name if recipient else self.household
