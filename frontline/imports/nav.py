from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Excel import"),
        "imports:index",
        "imports.view",
        group="work",
        order=90,
        description=_("Returnee lists, party members, checkpoint sheets"),
    ),
    NavEntry(
        _("Export alerts"),
        "imports:alerts",
        "imports.alerts",
        group="admin",
        order=95,
        description=_("Users who hit the daily export limit"),
    ),
)
