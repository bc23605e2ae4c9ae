from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Register a vehicle"),
        "checkpoints:register",
        "checkpoints.register",
        order=10,
        description=_("Plate, occupants, temperature; works offline"),
    ),
    NavEntry(
        _("My shifts"),
        "checkpoints:my_shifts",
        "checkpoints.duty",
        order=11,
        description=_("Check in and out"),
    ),
    NavEntry(
        _("Checkpoints"),
        "checkpoints:list",
        "checkpoints.view",
        order=12,
        description=_("Checkpoints, shifts and rosters"),
    ),
    NavEntry(
        _("Checkpoint alerts"),
        "checkpoints:alerts",
        "checkpoints.alerts",
        order=13,
        description=_("Fever and high-risk arrivals to follow up"),
    ),
    NavEntry(
        _("Registrations"),
        "checkpoints:registrations",
        "checkpoints.view",
        group="reports",
        order=14,
        description=_("Vehicles and people registered"),
    ),
    NavEntry(
        _("Checkpoint figures"),
        "checkpoints:stats",
        "checkpoints.view",
        group="reports",
        order=15,
        description=_("Per checkpoint and day, busiest days"),
    ),
    NavEntry(
        _("Unstaffed shifts"),
        "checkpoints:unstaffed",
        "checkpoints.manage",
        order=16,
        description=_("Shifts with nobody on them, now and in 24 hours"),
    ),
    NavEntry(
        _("High-risk areas"),
        "checkpoints:risk_areas",
        "checkpoints.alerts",
        group="admin",
        order=17,
        description=_("Dated list that registrations are checked against"),
    ),
)
