"""Checkpoints (联防联控哨卡), their shifts and rosters, vehicle registrations with occupants, the
dated high-risk area list and the alerts that registrations raise.

Every scoped row stores division_code, denormalized from its checkpoint (the checkpoint's township or
village), so that scoping is one indexed prefix match.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.models import Scoped

DEFAULT_SHIFT_STARTS = ["08:00", "20:00"]


def default_shift_starts():
    return list(DEFAULT_SHIFT_STARTS)


class CheckpointKind(models.TextChoices):
    HIGHWAY_EXIT = "highway_exit", _("Highway exit")
    ROAD = "road", _("Road checkpoint")
    PERSUASION_POINT = "persuasion_point", _("Persuasion point")


class Checkpoint(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=CheckpointKind.choices, default="road")
    division_code = models.CharField(_("division"), max_length=15, db_index=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    responsible = models.ForeignKey(
        "people.Organization",
        verbose_name=_("responsible organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checkpoints",
    )
    active_from = models.DateField(_("active from"))
    active_to = models.DateField(_("active to"), null=True, blank=True)
    # Local start times of the shifts of a day ("08:00", "20:00"): each shift lasts until the next one.
    shift_starts = models.JSONField(_("shift start times"), default=default_shift_starts)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["division_code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["division_code", "name"], name="checkpoint_unique_name"),
        ]

    def __str__(self):
        return self.name

    def is_active_on(self, day) -> bool:
        return self.active_from <= day and (self.active_to is None or self.active_to >= day)


class Shift(Scoped):
    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("checkpoint"), on_delete=models.CASCADE, related_name="shifts"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["start", "checkpoint_id"]
        constraints = [models.UniqueConstraint(fields=["checkpoint", "start"], name="shift_unique_start")]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self):
        return f"{self.checkpoint} {self.start:%Y-%m-%d %H:%M}"


class ShiftAssignment(Scoped):
    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="assignments"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="shift_assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shift_assignments",
    )
    is_leader = models.BooleanField(_("shift leader"), default=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)

    class Meta:
        verbose_name = _("shift member")
        verbose_name_plural = _("shift members")
        constraints = [
            models.UniqueConstraint(fields=["shift", "person"], name="assignment_unique_person"),
        ]

    def __str__(self):
        return f"{self.person} @ {self.shift}"


class VehicleType(models.TextChoices):
    CAR = "car", _("Private car")
    BUS = "bus", _("Bus / minibus")
    TRUCK = "truck", _("Truck")
    OTHER = "other", _("Other")


class Direction(models.TextChoices):
    IN = "in", _("Entering")
    OUT = "out", _("Leaving")


class Registration(Scoped):
    """One vehicle stopped at a checkpoint, with its occupants. client_uuid makes retries safe."""

    client_uuid = models.UUIDField(unique=True)
    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("checkpoint"), on_delete=models.PROTECT, related_name="registrations"
    )
    plate = models.CharField(_("plate"), max_length=10, db_index=True)
    plate_province = models.CharField(_("plate province"), max_length=2, blank=True)
    vehicle_type = models.CharField(_("vehicle type"), max_length=10, choices=VehicleType.choices)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    origin_code = models.CharField(_("from (division)"), max_length=15, blank=True)
    origin_text = models.CharField(_("from"), max_length=100, blank=True)
    destination_code = models.CharField(_("to (division)"), max_length=15, blank=True)
    destination_text = models.CharField(_("to"), max_length=100, blank=True)
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    occupant_count = models.PositiveSmallIntegerField(pgettext_lazy("count", "people"), default=0)
    has_fever = models.BooleanField(_("fever"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vehicle registration")
        verbose_name_plural = _("vehicle registrations")
        ordering = ["-registered_at", "-id"]
        indexes = [
            models.Index(fields=["division_code", "registered_at"]),
            models.Index(fields=["checkpoint", "registered_at"]),
        ]

    def __str__(self):
        return f"{self.plate} {self.registered_at:%Y-%m-%d %H:%M}"


class Occupant(Scoped):
    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="occupants"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="checkpoint_passages",
    )
    position = models.PositiveSmallIntegerField(default=0)  # 0 = driver
    name = models.CharField(_("name"), max_length=50)
    # The mobile given at the checkpoint (it may differ from the person's record): protected the same way.
    phone_enc = models.TextField(blank=True, editable=False)
    phone_hash = models.CharField(max_length=64, blank=True, editable=False)
    phone_masked = models.CharField(_("mobile"), max_length=20, blank=True)
    temperature = models.DecimalField(_("temperature"), max_digits=3, decimal_places=1)
    is_fever = models.BooleanField(_("fever"), default=False)

    class Meta:
        verbose_name = _("occupant")
        verbose_name_plural = _("occupants")
        ordering = ["registration_id", "position"]

    def __str__(self):
        return self.name


class HighRiskArea(models.Model):
    """A province (2-digit code) or city (4-digit) that counts as high-risk from a date (to a date)."""

    code = models.CharField(_("area code"), max_length=6)
    name = models.CharField(_("name"), max_length=50)
    valid_from = models.DateField(pgettext_lazy("validity", "from"))
    valid_to = models.DateField(pgettext_lazy("validity", "to"), null=True, blank=True)
    # The jurisdiction that configured it: applies to checkpoints beneath it.
    division_code = models.CharField(_("division"), max_length=15, db_index=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("high-risk area")
        verbose_name_plural = _("high-risk areas")
        ordering = ["code", "valid_from"]

    def __str__(self):
        return f"{self.name} ({self.valid_from:%Y-%m-%d}–)"


class AlertKind(models.TextChoices):
    FEVER = "fever", _("Fever")
    HIGH_RISK_ORIGIN = "high_risk_origin", _("From a high-risk area")
    HIGH_RISK_PLATE = "high_risk_plate", _("Plate from a high-risk province")


class AlertStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("alert", "Open")
    REFERRED = "referred_to_fever_clinic", _("Referred to the fever clinic")
    HOME_QUARANTINE = "home_quarantine", _("Placed under home quarantine")
    TURNED_BACK = "turned_back", _("Persuaded to turn back")
    CLEARED = "cleared", _("Cleared")


CLOSED_STATUSES = {AlertStatus.CLEARED, AlertStatus.TURNED_BACK}


class Alert(Scoped):
    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="alerts"
    )
    occupant = models.ForeignKey(
        Occupant,
        verbose_name=_("occupant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=AlertStatus.choices, default="open")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    raised_at = models.DateTimeField(_("raised at"))

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-raised_at", "-id"]
        indexes = [models.Index(fields=["status", "division_code"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.registration}"
