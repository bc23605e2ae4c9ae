"""The checkpoints app's sections of the cadre profile: shifts served and vehicle registrations made
(see evaluation/profile.py for the contract).

A shift counts as served once the member has checked out of it: that is the moment
services.shift_check_out announces it as work done (`shift_served`), so the profile, the 十带头 deed
and the dashboards agree on the same records.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from frontline.checkpoints.models import Registration, ShiftAssignment
from frontline.evaluation.profile import ProfileItem, ProfileSection

ORDER = 10


def shifts_served(*, policy, person):
    return policy.scope(
        ShiftAssignment.objects.filter(person=person, checked_out_at__isnull=False).select_related(
            "shift__checkpoint"
        )
    ).order_by("-shift__start", "-id")


def registrations_made(*, policy, person):
    """Registrations entered from any of the person's accounts."""
    return policy.scope(
        Registration.objects.filter(registered_by__person=person).select_related("checkpoint")
    ).order_by("-registered_at", "-id")


def _shift_item(a: ShiftAssignment) -> ProfileItem:
    start, end = timezone.localtime(a.shift.start), timezone.localtime(a.shift.end)
    return ProfileItem(
        date=start.date(),
        text=f"{a.shift.checkpoint.name} {start:%H:%M}–{end:%H:%M}",
        badge=pgettext("shift", "leader") if a.is_leader else "",
        url=reverse("checkpoints:detail", args=[a.shift.checkpoint_id]),
    )


def _registration_item(r: Registration) -> ProfileItem:
    return ProfileItem(
        date=timezone.localtime(r.registered_at).date(),
        text=f"{r.plate} · {r.checkpoint.name} · " + _("%(n)s people") % {"n": r.occupant_count},
        badge=r.get_direction_display(),
        url=reverse("checkpoints:registration", args=[r.pk]),
    )


def sections(person, policy):
    if not policy.has("checkpoints.view"):
        return []
    return [
        ProfileSection.listing(
            _("Shifts served"),
            shifts_served(policy=policy, person=person),
            _shift_item,
            key="checkpoints.shifts",
        ),
        ProfileSection.listing(
            _("Vehicle registrations made"),
            registrations_made(policy=policy, person=person),
            _registration_item,
            url=reverse("checkpoints:registrations"),
            key="checkpoints.registrations",
        ),
    ]
