from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Supervision by area"),
        "supervision:coverage",
        "supervision.view",
        group="organization",
        order=45,
        description=_("Leaders' townships, visits, findings and rectification"),
    ),
)
