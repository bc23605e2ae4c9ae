from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Care fund"),
        "care:index",
        "care.view",
        group="work",
        order=70,
        description=_("Party-dues care ledger and visits"),
    ),
)
