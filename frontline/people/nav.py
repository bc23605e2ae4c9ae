from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("People"),
        "people:list",
        "people.view",
        group="organization",
        order=80,
        description=_("Residents, returnees, cadres (masked)"),
    ),
    NavEntry(
        _("Party members"),
        "people:members",
        "members.view",
        group="organization",
        order=81,
        description=_("Members, activists, volunteers"),
    ),
    NavEntry(
        _("Organizations"),
        "people:organizations",
        "organizations.view",
        group="organization",
        order=82,
        description=_("Party committees, branches, working groups"),
    ),
)
