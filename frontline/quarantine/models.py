"""Returnee screening, home quarantine and its living support; grids and households of a village.

Every row stores division_code (the village, or the grid for grids and households) so that one
`division_code__startswith` scopes it. The rules (risk classes, slots, lateness) live in
rules.py and services; these models hold data and invariants only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.models import Scoped, person_link

# -- grids and households -------------------------------------------------------------------------


class Grid(Scoped):
    """The profile of a division of level grid (网格): its leader and the households in it.
    division_code is division.code."""

    division = models.OneToOneField(
        "regions.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="grid_profile"
    )
    leader = person_link(_("grid leader"), related_name="led_grids")
    leader_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("grid leader's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_grids",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["division_code"]

    def __str__(self):
        return self.division.name


class Household(Scoped):
    """A household of a grid (division_code is the grid's code)."""

    grid = models.ForeignKey(
        Grid, verbose_name=_("grid"), on_delete=models.PROTECT, related_name="households"
    )
    address = models.CharField(_("address"), max_length=200)
    head = person_link(_("head of household"), related_name="headed_households")
    members = models.ManyToManyField(
        "people.Person", verbose_name=pgettext_lazy("household", "members"), related_name="households"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["division_code", "address", "id"]

    def __str__(self):
        return self.address


# -- screening ------------------------------------------------------------------------------------


class Campaign(models.Model):
    """A screening drive (e.g. 2020年春节返乡人员摸排): nobody is screened twice in one by mistake."""

    name = models.CharField(_("name"), max_length=100)
    division_code = models.CharField(_("division"), max_length=15, db_index=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("screening campaign")
        verbose_name_plural = _("screening campaigns")
        ordering = ["-starts_on", "name"]

    def __str__(self):
        return self.name


class RiskClass(models.TextChoices):
    REFERRAL = "referral", _("Refer to fever clinic")
    HOME_QUARANTINE = "home_quarantine", _("Home quarantine")
    MONITORING = "monitoring", _("Health monitoring")


class Contact(models.TextChoices):
    NONE = "none", _("No known contact")
    SUSPECTED = "suspected", _("Contact with a suspected case")
    CONFIRMED = "confirmed", _("Contact with a confirmed case")


class TravelMode(models.TextChoices):
    TRAIN = "train", _("Train")
    FLIGHT = "flight", _("Flight")
    CAR = "car", _("Car")
    BUS = "bus", _("Bus")
    OTHER = "other", _("Other")


class Source(models.TextChoices):
    CHECKPOINT = "checkpoint", _("Checkpoint registration")
    DOOR_TO_DOOR = "door_to_door", _("Door-to-door screening")
    SELF_REPORT = "self_report", _("Self-report")
    BIG_DATA = "big_data", _("Big-data push list")


SYMPTOMS = [
    ("fever", _("Fever")),
    ("cough", _("Cough")),
    ("fatigue", _("Fatigue")),
    ("sore_throat", _("Sore throat")),
    ("short_breath", _("Shortness of breath")),
    ("diarrhoea", _("Diarrhoea")),
]
SYMPTOM_KEYS = [k for k, _label in SYMPTOMS]


class RiskRule(models.Model):
    """One row of the risk table, edited by county admins. Rules are tried in `order`; the first whose
    every set condition holds gives the risk class; none matching gives health monitoring."""

    order = models.PositiveSmallIntegerField(_("order"), default=100)
    name = models.CharField(_("name"), max_length=100)
    requires_fever = models.BooleanField(_("fever"), default=False)
    requires_symptoms = models.BooleanField(_("any symptom"), default=False)
    contact_levels = models.CharField(
        pgettext_lazy("exposure", "contact"),
        max_length=40,
        blank=True,
        help_text=_("Comma-separated: suspected, confirmed. Empty: any."),
    )
    area_prefixes = models.CharField(
        _("returned from (division code prefixes)"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated code prefixes, e.g. 42 for Hubei. Empty: anywhere."),
    )
    within_days = models.PositiveSmallIntegerField(
        _("returned within days"), null=True, blank=True, help_text=_("Empty: whenever.")
    )
    risk_class = models.CharField(_("risk class"), max_length=20, choices=RiskClass.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("risk rule")
        verbose_name_plural = _("risk rules")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name

    @property
    def prefixes(self) -> list[str]:
        return [p.strip() for p in self.area_prefixes.split(",") if p.strip()]

    @property
    def contacts(self) -> list[str]:
        return [p.strip() for p in self.contact_levels.split(",") if p.strip()]


class Returnee(Scoped):
    """One screening record (摸排) of a person coming home, within a campaign."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="returnees"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="screenings"
    )
    # Copied from the person for the duplicate check (a partial unique index); null when no ID number.
    id_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    # household, risk_rule and rescreen_of are indexed only where set (Meta.indexes): their indexes
    # serve "the screenings of this household / rule / record" and the SET_NULL or PROTECT of a
    # deletion, and a NULL (every imported row's household and rescreen_of) has nothing to find.
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )
    returned_from_code = models.CharField(_("returned from (code)"), max_length=12, blank=True)
    returned_from_text = models.CharField(_("returned from"), max_length=100, blank=True)
    return_date = models.DateField(_("return date"))
    travel_mode = models.CharField(_("travel mode"), max_length=10, choices=TravelMode.choices)
    travel_number = models.CharField(_("train, flight or plate number"), max_length=30, blank=True)
    contact = models.CharField(
        pgettext_lazy("exposure", "contact"), max_length=10, choices=Contact.choices, default=Contact.NONE
    )
    symptoms = models.JSONField(_("symptoms"), default=list, blank=True)
    temperature = models.DecimalField(_("temperature"), max_digits=3, decimal_places=1, null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # Indexed through Meta.indexes (equality only: a checkpoint registration's screenings), which on
    # PostgreSQL spares the LIKE (varchar_pattern_ops) twin that db_index=True adds.
    source_ref = models.CharField(_("source reference"), max_length=100, blank=True)
    risk_class = models.CharField(_("risk class"), max_length=20, choices=RiskClass.choices)
    risk_rule = models.ForeignKey(
        RiskRule,
        verbose_name=_("risk rule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )
    rescreen_of = models.ForeignKey(
        "self",
        verbose_name=_("re-screen of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rescreens",
        db_index=False,
    )
    rescreen_reason = models.CharField(_("reason for re-screening"), max_length=200, blank=True)
    screened_at = models.DateTimeField(_("screened at"), db_index=True)
    # Not indexed: nothing lists screenings by who entered them (accounts are disabled, not deleted;
    # deleting one would scan this table once for its SET_NULL).
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("screened by"),
        null=True,
        on_delete=models.SET_NULL,
        db_index=False,
    )

    class Meta:
        verbose_name = _("returnee screening")
        verbose_name_plural = _("returnee screenings")
        ordering = ["-screened_at", "-id"]
        constraints = [
            # The database, not only the service, refuses a second first screening in one campaign.
            models.UniqueConstraint(
                fields=["campaign", "id_hash"],
                condition=Q(rescreen_of__isnull=True, id_hash__isnull=False),
                name="returnee_once_per_campaign",
            )
        ]
        indexes = [
            models.Index(
                fields=["household"], condition=Q(household__isnull=False), name="returnee_household"
            ),
            models.Index(
                fields=["risk_rule"], condition=Q(risk_rule__isnull=False), name="returnee_risk_rule"
            ),
            models.Index(
                fields=["rescreen_of"], condition=Q(rescreen_of__isnull=False), name="returnee_rescreen_of"
            ),
            models.Index(fields=["source_ref"], name="returnee_source_ref"),
        ]

    def __str__(self):
        return f"{self.person} ({self.return_date})"

    def symptom_labels(self):
        labels = dict(SYMPTOMS)
        return [labels.get(s, s) for s in self.symptoms]


# -- home quarantine ------------------------------------------------------------------------------


class Status(models.TextChoices):
    ACTIVE = "active", _("Under quarantine")
    EXTENDED = "extended", _("Extended")
    RELEASED = "released", _("Released")
    RELEASED_EARLY = "released_early", _("Released early")
    REFERRED = "referred", _("Referred to hospital")
    TRANSFERRED = "transferred", _("Transferred to central quarantine")


OPEN_STATUSES = (Status.ACTIVE, Status.EXTENDED)


class Quarantine(Scoped):
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="quarantines"
    )
    returnee = models.ForeignKey(
        Returnee,
        verbose_name=_("screening"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quarantines",
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quarantines",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("started at"))
    start_date = models.DateField(_("start date"), db_index=True)
    ends_on = models.DateField(_("planned last day"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("home quarantine")
        verbose_name_plural = _("home quarantines")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["status", "division_code"])]

    def __str__(self):
        return f"{self.person} {self.start_date}–{self.ends_on}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class QuarantineEvent(Scoped):
    """History: every status change or change of the planned end, with its reason. Never edited."""

    quarantine = models.ForeignKey(Quarantine, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL
    )
    from_status = models.CharField(
        pgettext_lazy("status change", "from"), max_length=20, choices=Status.choices, blank=True
    )
    to_status = models.CharField(pgettext_lazy("status change", "to"), max_length=20, choices=Status.choices)
    old_ends_on = models.DateField(null=True, blank=True)
    new_ends_on = models.DateField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("quarantine history entry")
        verbose_name_plural = _("quarantine history")

    def __str__(self):
        return f"{self.from_status}→{self.to_status}: {self.reason}"


class TeamRole(models.TextChoices):
    CADRE = "cadre", pgettext_lazy("quarantine team", "Cadre")
    DOCTOR = "doctor", _("Village doctor")
    POLICE = "police", _("Police officer")


class TeamMember(Scoped):
    """One of the 三包一 three responsible for a quarantined person."""

    quarantine = models.ForeignKey(Quarantine, on_delete=models.CASCADE, related_name="team")
    role = models.CharField(_("role"), max_length=10, choices=TeamRole.choices)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="quarantine_duties"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = pgettext_lazy("quarantine team", "team member")
        verbose_name_plural = pgettext_lazy("quarantine team", "team members")
        constraints = [models.UniqueConstraint(fields=["quarantine", "role"], name="team_one_per_role")]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person}"


class Slot(models.TextChoices):
    MORNING = "am", _("Morning")
    EVENING = "pm", _("Evening")


class CheckInSource(models.TextChoices):
    TEAM = "team", _("Team visit")
    HOUSEHOLD = "household", _("Reported by the household")
    EXTERNAL = "external", _("Symptom diary (external)")


class AlertStatus(models.TextChoices):
    NONE = "", _("No alert")
    OPEN = "open", pgettext_lazy("alert", "Open")
    FOLLOWING = "following", _("Being followed up")
    CLOSED = "closed", pgettext_lazy("alert", "Closed")


class CheckIn(Scoped):
    """One temperature taken in a slot (morning or evening) of a quarantine day."""

    quarantine = models.ForeignKey(Quarantine, on_delete=models.CASCADE, related_name="checkins")
    slot_date = models.DateField(_("day"))
    slot = models.CharField(_("slot"), max_length=2, choices=Slot.choices)
    taken_at = models.DateTimeField(_("taken at"))
    temperature = models.DecimalField(_("temperature (°C)"), max_digits=3, decimal_places=1)
    symptoms = models.JSONField(_("symptoms"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=CheckInSource.choices)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL
    )
    by_person = person_link(pgettext_lazy("quarantine team", "team member"), related_name="checkins_done")
    note = models.CharField(_("note"), max_length=200, blank=True)
    fever = models.BooleanField(_("fever"), default=False)
    alert_status = models.CharField(
        _("alert"), max_length=10, choices=AlertStatus.choices, blank=True, default=AlertStatus.NONE
    )
    alert_note = models.CharField(_("follow-up"), max_length=300, blank=True)
    alert_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-taken_at", "-id"]
        indexes = [
            models.Index(fields=["quarantine", "slot_date", "slot"]),
            models.Index(fields=["alert_status", "division_code"]),
        ]

    def __str__(self):
        return f"{self.slot_date} {self.slot} {self.temperature}"

    def symptom_labels(self):
        labels = dict(SYMPTOMS)
        return [labels.get(s, s) for s in self.symptoms]


# -- living support -------------------------------------------------------------------------------


class SupportKind(models.TextChoices):
    SUPPLIES = "supplies", _("Daily supplies")
    MEDICINE = "medicine", _("Medicine")
    OTHER = "other", _("Other")


class SupportStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("support request", "Open")
    ASSIGNED = "assigned", _("Assigned")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


PENDING_SUPPORT = (SupportStatus.OPEN, SupportStatus.ASSIGNED)


class SupportRequest(Scoped):
    quarantine = models.ForeignKey(
        Quarantine, verbose_name=_("quarantine"), on_delete=models.PROTECT, related_name="support_requests"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SupportKind.choices)
    items = models.CharField(_("items"), max_length=300)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=30, blank=True)
    source_ref = models.CharField(_("source reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SupportStatus.choices, default=SupportStatus.OPEN
    )
    requested_at = models.DateTimeField(_("requested at"), db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignee = person_link(_("party member (代购)"), related_name="support_assignments")
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("living support request")
        verbose_name_plural = _("living support requests")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "division_code"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.items}"

    @property
    def produce_order_id(self) -> int | None:
        """The community produce order (党员代购) this request follows, if it came from one: the order
        leads, delivering or cancelling it settles the request."""
        prefix = "community.produceorder:"
        ref = self.source_ref or ""
        return (
            int(ref.removeprefix(prefix)) if ref.startswith(prefix) and ref[len(prefix) :].isdigit() else None
        )


class BulkState(models.TextChoices):
    PENDING = "pending", _("Waiting for a second person")
    APPROVED = "approved", _("Approved and applied")
    REJECTED = "rejected", _("Rejected")


class BulkStatusChange(Scoped):
    """Ending many quarantines at once needs two people: one asks, another approves (the insider
    abuse of health-status changes in 2022 is what this guards against). Applying it ends each
    quarantine through quarantine_end, so each keeps its own history entry and audit event."""

    status = models.CharField(_("new status"), max_length=20, choices=Status.choices)
    reason = models.TextField(_("reason"))
    quarantine_ids = models.JSONField(_("quarantines"), default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))
    state = models.CharField(_("state"), max_length=10, choices=BulkState.choices, default=BulkState.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("approver", "decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("bulk status change")
        verbose_name_plural = _("bulk status changes")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.get_status_display()} × {len(self.quarantine_ids)}"
