"""Discipline of organization cadres and the party members' pledges.

十严禁 (RuleSet/Rule/Acknowledgement), 负面清单 and 追责问责 (NegativeEntry/AccountabilityCase),
十带头 (Pledge/Deed), 党性体检 (Assessment) and 党员突击队 (CommandoTeam/TeamMember/TeamTask/TaskRecord).
Every row stores the division_code of the person or body it belongs to, so one prefix scopes it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.models import Recorded, Scoped, account_link

COUNTY = "360732"


# -- 十严禁 ------------------------------------------------------------------------------------
class RuleSet(Recorded):
    """One version of the county's 十严禁. Editing makes a new version; old ones are kept."""

    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=100)
    issued_on = models.DateField(_("issued on"))
    in_force = models.BooleanField(_("in force"), default=False)
    note = models.TextField(_("note"), blank=True)
    division_code = models.CharField(_("division"), max_length=15, db_index=True, default=COUNTY)

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["division_code", "version"], name="ruleset_unique_version"),
            models.UniqueConstraint(
                fields=["division_code"], condition=Q(in_force=True), name="ruleset_one_in_force"
            ),
        ]

    def __str__(self):
        return f"{self.title} v{self.version}"


class Rule(models.Model):
    ruleset = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("text"), max_length=300)

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["ruleset", "number"]
        constraints = [models.UniqueConstraint(fields=["ruleset", "number"], name="rule_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Acknowledgement(Scoped):
    """A cadre has read and signed a version of the rules (self, or recorded by an administrator)."""

    ruleset = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="acknowledgements")
    cadre = models.ForeignKey("people.Cadre", on_delete=models.CASCADE, related_name="acknowledgements")
    acknowledged_at = models.DateTimeField(_("acknowledged at"))
    recorded_by = account_link()

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [models.UniqueConstraint(fields=["ruleset", "cadre"], name="ack_unique")]

    def __str__(self):
        return f"{self.cadre_id} · {self.ruleset}"


# -- 负面清单 / 追责问责 ------------------------------------------------------------------------
class EntryCategory(models.TextChoices):
    NOT_FIRM = "not_firm", _("Not firm in executing decisions")
    BUCK_PASSING = "buck_passing", _("Buck-passing")
    INACTION = "inaction", _("Inaction or slow action")
    RULE = "rule", _("Breach of a ten-prohibitions rule")
    OTHER = "other", _("Other")


class EntryStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    UNDER_REVIEW = "under_review", _("Under review")
    CONFIRMED = "confirmed", pgettext_lazy("negative list", "Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


ENTRY_TRANSITIONS = {
    EntryStatus.RECORDED: {EntryStatus.UNDER_REVIEW, EntryStatus.DISMISSED},
    EntryStatus.UNDER_REVIEW: {EntryStatus.CONFIRMED, EntryStatus.DISMISSED},
    EntryStatus.CONFIRMED: set(),
    EntryStatus.DISMISSED: set(),
}


class NegativeEntry(Scoped):
    cadre = models.ForeignKey("people.Cadre", on_delete=models.PROTECT, related_name="negative_entries")
    category = models.CharField(_("category"), max_length=20, choices=EntryCategory.choices)
    rule = models.ForeignKey(Rule, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    facts = models.TextField(_("facts"))
    occurred_on = models.DateField(_("occurred on"))
    evidence = models.FileField(_("evidence"), upload_to="discipline/evidence/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.RECORDED
    )
    review_note = models.TextField(pgettext_lazy("negative list", "review note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    reviewed_by = account_link()
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("negative-list entry")
        verbose_name_plural = _("negative-list entries")
        ordering = ["-recorded_at", "-id"]

    def __str__(self):
        return f"{self.cadre.person.name}: {self.get_category_display()}"


class Outcome(models.TextChoices):
    TALK = "talk", _("Reminder talk")
    CRITICISM = "criticism", _("Criticism and education")
    ADMONITION = "admonition", _("Admonition")
    ORGANIZATIONAL = "organizational", _("Organizational handling")
    DISCIPLINARY = "disciplinary", _("Disciplinary sanction")
    NONE = "none", _("No action")


class AccountabilityCase(Scoped):
    entry = models.OneToOneField(NegativeEntry, on_delete=models.PROTECT, related_name="case")
    opened_at = models.DateTimeField(_("opened at"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decided_by = models.CharField(_("decided by"), max_length=100, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("accountability case")
        verbose_name_plural = _("accountability cases")
        ordering = ["-opened_at", "-id"]

    def __str__(self):
        return f"#{self.pk} {self.get_outcome_display()}".strip()

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


# -- 十带头 ------------------------------------------------------------------------------------
class PledgeItem(models.TextChoices):
    OBEY = "obey", _("Obey the overall situation")
    POLICY = "policy", _("Carry out policies")
    POST = "post", _("Stand fast at one's post")
    STUDY = "study", _("Study and spread the word")
    RUMOURS = "rumours", _("Resist rumours")
    VOLUNTEER = "volunteer", _("Volunteer service")
    PROTECTION = "protection", _("Protect oneself properly")
    HEALTH = "health", _("Live healthily")
    ORDER = "order", _("Keep public order")
    DISCIPLINE = "discipline", _("Keep strict discipline")


class Pledge(Scoped):
    """A member's pledge on all ten items."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="pledge")
    pledged_on = models.DateField(_("pledged on"))
    note = models.CharField(_("personal commitment"), max_length=300, blank=True)
    recorded_by = account_link()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")

    def __str__(self):
        return f"{self.person}"


class Deed(Scoped, Recorded):
    """Something a member did, against one pledge item; by hand or from a work record (source)."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="deeds")
    item = models.CharField(_("pledge item"), max_length=20, choices=PledgeItem.choices)
    what = models.CharField(_("what"), max_length=300)
    happened_at = models.DateTimeField(_("when"))
    place = models.CharField(_("where"), max_length=100, blank=True)
    count = models.PositiveIntegerField(_("count"), default=1)
    photo = models.FileField(_("photo"), upload_to="discipline/deeds/%Y/%m/", blank=True)
    confirmed_by = models.CharField(_("confirmed by"), max_length=100, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    source_kind = models.CharField(_("source"), max_length=30, blank=True, default="manual")
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(_("record"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deed")
        verbose_name_plural = _("deeds")
        ordering = ["-happened_at", "-id"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["person", "source_kind", "happened_at"]),
        ]

    def __str__(self):
        return self.what


class Rating(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Qualified")
    BASIC = "basic", _("Basically qualified")
    POOR = "poor", _("Not qualified")


class Assessment(Scoped):
    """党性体检: a member's assessment by their branch for one campaign."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="assessments")
    branch = models.ForeignKey("people.Organization", on_delete=models.PROTECT, related_name="+")
    campaign = models.CharField(pgettext_lazy("assessment", "campaign"), max_length=50)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    comments = models.TextField(_("comments"), blank=True)
    deeds_count = models.PositiveIntegerField(_("deeds"), default=0)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed at"))

    class Meta:
        verbose_name = _("party-spirit assessment")
        verbose_name_plural = _("party-spirit assessments")
        ordering = ["-assessed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "campaign"], name="assessment_unique_campaign")
        ]

    def __str__(self):
        return f"{self.campaign}: {self.get_rating_display()}"


# -- 党员突击队 -------------------------------------------------------------------------------
class TaskKind(models.TextChoices):
    SCREENING = "screening", _("Returnee screening")
    PERSUASION = "persuasion", _("Persuasion-point duty")
    SUPPORT = "support", _("Living support for the quarantined")


class CommandoTeam(Scoped):
    name = models.CharField(_("name"), max_length=100)
    organization = models.ForeignKey(
        "people.Organization", on_delete=models.PROTECT, related_name="commando_teams"
    )
    leader = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    formed_on = models.DateField(_("formed on"))

    class Meta:
        verbose_name = _("commando team")
        verbose_name_plural = _("commando teams")
        ordering = ["division_code", "name"]
        constraints = [models.UniqueConstraint(fields=["division_code", "name"], name="team_unique_name")]

    def __str__(self):
        return self.name


class TeamMember(Scoped):
    """A member of a commando team (division_code is the team's)."""

    team = models.ForeignKey(CommandoTeam, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="team_memberships")
    joined_on = models.DateField(_("joined on"))

    class Meta:
        verbose_name = pgettext_lazy("commando team", "team member")
        verbose_name_plural = pgettext_lazy("commando team", "team members")
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="team_member_unique")]

    def __str__(self):
        return f"{self.person} @ {self.team}"


class TeamTask(Scoped):
    """A task given to a commando team (division_code is the team's)."""

    team = models.ForeignKey(CommandoTeam, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices)
    title = models.CharField(_("title"), max_length=200)
    area_code = models.CharField(_("area"), max_length=15)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("team task")
        verbose_name_plural = _("team tasks")
        ordering = ["team", "kind", "id"]

    def __str__(self):
        return self.title


class TaskRecord(Scoped):
    """A record a team's task produced (a registration, a check-in, a delivery): generic relation."""

    task = models.ForeignKey(TeamTask, on_delete=models.CASCADE, related_name="records")
    record_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    label = models.CharField(_("record"), max_length=200)
    person = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("task record")
        verbose_name_plural = _("task records")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "record_type", "record_id"], name="task_record_unique")
        ]

    def __str__(self):
        return self.label
