from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Dashboard"),
        "dashboard:home",
        "dashboard.view",
        group="reports",
        order=10,
        description=_("Where your jurisdiction stands today"),
    )
)
