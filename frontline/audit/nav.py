from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Audit log"),
        "audit:list",
        "audit.view",
        group="admin",
        order=900,
        description=_("Every write, export, unmask and login"),
    )
)
