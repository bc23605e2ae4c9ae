"""Mass work and livelihood in the villages (群众工作与民生保障).

Teams (宣传劝导队 / 宣传巡逻队) and their patrol logs; gatherings found or reported and the outcome of
persuading the household (劝说取消酒席); produce listings and orders (党员代购, 滞销农产品直销);
the household production and employment survey, job postings near home and matches (农门口就业).

Every row stores the division_code it belongs to (township, village or grid), denormalized from the
record's owner, for prefix scoping. Money is integer fen; identifiers of buyers and employers are
stored protected (encrypted + keyed hash + masked) like a Person's.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.models import Recorded, Scoped, account_link, person_link


class HouseholdRecord(Scoped, Recorded):
    """What community work records about one household: its head by name and, when the head is in the
    register, the person."""

    household_head = models.CharField(_("head of household"), max_length=50)
    address = models.CharField(_("address"), max_length=200, blank=True)
    person = person_link(_("person (if registered)"))

    class Meta:
        abstract = True


class TeamKind(models.TextChoices):
    PERSUASION = "persuasion", _("Persuasion team (宣传劝导队)")
    PATROL = "patrol", _("Patrol team (宣传巡逻队)")


class Team(Scoped, Recorded):
    kind = models.CharField(_("kind"), max_length=20, choices=TeamKind.choices)
    name = models.CharField(_("name"), max_length=100)
    leader = person_link(pgettext_lazy("team", "leader"), related_name="community_teams_led")
    members = models.ManyToManyField(
        "people.Person",
        verbose_name=pgettext_lazy("team", "members"),
        blank=True,
        related_name="community_teams",
    )
    formed_on = models.DateField(_("formed on"))
    disbanded_on = models.DateField(_("disbanded on"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["division_code", "kind", "name", "id"]
        indexes = [models.Index(fields=["kind", "division_code"])]
        constraints = [
            models.UniqueConstraint(
                fields=["division_code", "kind", "name"], name="community_team_unique_name"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.disbanded_on is None


class PatrolMethod(models.TextChoices):
    GONG = "gong", _("Gong and rhymes (铜锣顺口溜)")
    LOUDSPEAKER = "loudspeaker", _("Loudspeaker (小喇叭)")
    BANNER = "banner", _("Banners and slogans (横幅标语)")
    DOOR = "door", _("Door-to-door persuasion (上门劝导)")
    WECHAT = "wechat", _("WeChat group (微信群)")
    OTHER = "other", _("Other")


class PatrolLog(Scoped, Recorded):
    """One patrol of a team (division_code is the team's)."""

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="logs")
    date = models.DateField(_("date"), db_index=True)
    route = models.CharField(_("route"), max_length=200)
    methods = models.JSONField(_("methods"), default=list)  # PatrolMethod values, at least one
    households_reached = models.PositiveIntegerField(_("households reached"), default=0)
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    logged_by = person_link(_("logged by"))

    class Meta:
        verbose_name = _("patrol log")
        verbose_name_plural = _("patrol logs")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.team} {self.date}"

    def method_labels(self) -> list[str]:
        labels = dict(PatrolMethod.choices)
        return [str(labels.get(m, m)) for m in self.methods]


class GatheringKind(models.TextChoices):
    WEDDING_BANQUET = "wedding_banquet", _("Wedding banquet (婚宴)")
    BIRTHDAY_BANQUET = "birthday_banquet", _("Birthday banquet (寿宴)")
    SCHOOL_BANQUET = "school_banquet", _("School admission banquet (升学宴)")
    FULL_MONTH = "full_month", _("Full-month banquet (满月酒)")
    HOUSEWARMING = "housewarming", _("Housewarming banquet (乔迁宴)")
    WEDDING = "wedding", _("Wedding ceremony")
    FUNERAL = "funeral", _("Funeral")
    OTHER = "other", _("Other gathering")


BANQUET_KINDS = (
    GatheringKind.WEDDING_BANQUET,
    GatheringKind.BIRTHDAY_BANQUET,
    GatheringKind.SCHOOL_BANQUET,
    GatheringKind.FULL_MONTH,
    GatheringKind.HOUSEWARMING,
)


class GatheringSource(models.TextChoices):
    FOUND = "found", _("Found on patrol or visit")
    REPORTED = "reported", _("Reported by villagers")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    DOWNSIZED = "downsized", _("Downsized")
    HELD = "held", _("Held anyway")


PERSUADED = (Outcome.CANCELLED, Outcome.POSTPONED, Outcome.DOWNSIZED)


class Gathering(HouseholdRecord):
    kind = models.CharField(_("kind"), max_length=20, choices=GatheringKind.choices)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    expected_guests = models.PositiveIntegerField(_("expected guests"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=GatheringSource.choices, default="found")
    found_on = models.DateField(_("found on"), db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_on = models.DateField(_("outcome recorded on"), null=True, blank=True, db_index=True)
    persuaded_by = person_link(_("persuaded by"))
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gatherings",
    )
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        ordering = ["-found_on", "-id"]
        indexes = [
            # The outcome figures (gatherings_cancelled …) count from this index alone.
            models.Index(fields=["outcome", "division_code", "outcome_on"]),
            # The counts page groups a township's gatherings by village and outcome from this index alone.
            models.Index(fields=["division_code", "outcome"]),
        ]

    def __str__(self):
        return f"{self.household_head} {self.get_kind_display()}"


class ListingStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    SOLD_OUT = "sold_out", _("Sold out")
    WITHDRAWN = "withdrawn", pgettext_lazy("listing", "Withdrawn")


class ProduceListing(HouseholdRecord):
    """A household's unsold produce (滞销农产品), sold directly through party members."""

    product = models.CharField(_("product"), max_length=100)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10)
    price_fen = models.PositiveIntegerField(_("price per unit (fen)"))
    photo = models.FileField(_("photo"), upload_to="community/produce/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.AVAILABLE
    )
    listed_on = models.DateField(_("listed on"), db_index=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("produce listing")
        verbose_name_plural = _("produce listings")
        ordering = ["-listed_on", "-id"]
        indexes = [models.Index(fields=["status", "division_code"])]

    def __str__(self):
        return f"{self.product} ({self.household_head})"


class OrderStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("purchase order", "Open")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class ProduceOrder(Scoped):
    """An order: a buyer takes listed produce, or a household (possibly under home quarantine) asks a
    party member to buy for it (党员代购). An order for a quarantined household is also a living-support
    request of that quarantine (quarantine_id / support_request_id, see services.produce)."""

    listing = models.ForeignKey(
        ProduceListing,
        verbose_name=_("produce listing"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    buyer_name = models.CharField(_("buyer"), max_length=50)
    buyer_address = models.CharField(_("delivery address"), max_length=200, blank=True)
    phone_enc = models.TextField(blank=True, editable=False)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone_masked = models.CharField(_("buyer mobile"), max_length=20, blank=True)
    items = models.CharField(_("items"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, null=True, blank=True)
    amount_fen = models.PositiveIntegerField(_("amount due (fen)"), default=0)
    # A proxy purchase for a household under home quarantine is also one of its living-support requests.
    # A quarantine with orders is never deleted; a request deleted by hand leaves the order standing.
    quarantine = models.ForeignKey(
        "quarantine.Quarantine",
        verbose_name=_("home quarantine"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="produce_orders",
    )
    support_request = models.ForeignKey(
        "quarantine.SupportRequest",
        verbose_name=_("living-support request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handler = person_link(_("party member handling it"))
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.OPEN
    )
    ordered_at = models.DateTimeField(_("ordered at"), db_index=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True, db_index=True)
    received_fen = models.PositiveIntegerField(_("money received (fen)"), default=0)
    received_at = models.DateTimeField(_("money received at"), null=True, blank=True, db_index=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_by = account_link()

    class Meta:
        verbose_name = _("produce order")
        verbose_name_plural = _("produce orders")
        ordering = ["-ordered_at", "-id"]
        indexes = [models.Index(fields=["status", "division_code"])]

    def __str__(self):
        return f"{self.buyer_name}: {self.items}"


class EmploymentSurvey(HouseholdRecord):
    """One household's production and employment situation (摸排群众生产、就业情况)."""

    surveyed_on = models.DateField(_("surveyed on"), db_index=True)
    members_surveyed = models.PositiveSmallIntegerField(_("household members surveyed"))
    working_away = models.PositiveSmallIntegerField(_("working away"), default=0)
    seeking_work = models.PositiveSmallIntegerField(_("back home, looking for work"), default=0)
    farming = models.PositiveSmallIntegerField(_("farming"), default=0)
    business = models.PositiveSmallIntegerField(_("running a business"), default=0)
    other = models.PositiveSmallIntegerField(_("other (students, elderly …)"), default=0)
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    surveyed_by = person_link(_("surveyed by"))

    class Meta:
        verbose_name = _("employment survey")
        verbose_name_plural = _("employment surveys")
        ordering = ["-surveyed_on", "-id"]

    def __str__(self):
        return f"{self.household_head} {self.surveyed_on}"


class JobPosting(Scoped, Recorded):
    employer = models.CharField(_("employer"), max_length=100)
    title = models.CharField(_("job"), max_length=100)
    place = models.CharField(_("place"), max_length=200)
    positions = models.PositiveSmallIntegerField(_("positions"))
    pay_min_yuan = models.PositiveIntegerField(_("pay from (yuan)"), null=True, blank=True)
    pay_max_yuan = models.PositiveIntegerField(_("pay up to (yuan)"), null=True, blank=True)
    pay_period = models.CharField(_("pay period"), max_length=10, default="month")
    contact_name = models.CharField(_("contact"), max_length=50, blank=True)
    phone_enc = models.TextField(blank=True, editable=False)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone_masked = models.CharField(_("contact mobile"), max_length=20, blank=True)
    posted_on = models.DateField(_("posted on"), db_index=True)
    valid_until = models.DateField(_("valid until"), db_index=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-posted_on", "-id"]

    def __str__(self):
        return f"{self.employer}: {self.title}"


class MatchStatus(models.TextChoices):
    INTRODUCED = "introduced", _("Introduced")
    HIRED = "hired", _("Hired")
    DECLINED = "declined", _("Declined")


class JobMatch(Scoped):
    """A job seeker introduced to a posting (division_code is the person's)."""

    posting = models.ForeignKey(
        JobPosting, verbose_name=_("job posting"), on_delete=models.PROTECT, related_name="matches"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("job seeker"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.INTRODUCED
    )
    introduced_on = models.DateField(_("introduced on"), db_index=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_by = account_link()

    class Meta:
        verbose_name = _("job match")
        verbose_name_plural = _("job matches")
        ordering = ["-introduced_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["posting", "person"], name="community_match_unique")]

    def __str__(self):
        return f"{self.person} → {self.posting}"
