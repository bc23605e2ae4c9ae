from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Quarantine today"),
        "quarantine:workbench",
        "quarantine.view",
        order=20,
        description=_("Check-ins due and overdue, living support, new returnees"),
    ),
    NavEntry(
        _("Returnees"),
        "quarantine:returnees",
        "quarantine.view",
        order=21,
        description=_("Screening of people coming home (摸排)"),
    ),
    NavEntry(
        _("Home quarantine"),
        "quarantine:list",
        "quarantine.view",
        order=22,
        description=_("三包一 teams, twice-daily temperatures"),
    ),
    NavEntry(
        _("Living support"),
        "quarantine:support",
        "quarantine.view",
        order=23,
        description=_("Supplies and medicine, 党员代购"),
    ),
    NavEntry(
        _("Grids"),
        "quarantine:grids",
        "quarantine.view",
        group="organization",
        order=70,
        description=_("Grids, grid leaders and households"),
    ),
)
add(
    NavEntry(
        _("Risk rules"),
        "quarantine:rules",
        "quarantine.rules",
        group="admin",
        order=90,
        description=_("Which returnees go to home quarantine or the fever clinic"),
    )
)

add(
    NavEntry(
        _("End several quarantines"),
        "quarantine:bulk",
        "quarantine.manage",
        order=25,
        description=_("Ask, and a second person approves"),
    ),
)
