from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Ten prohibitions"),
        "discipline:rules",
        "discipline.rules_view",
        group="organization",
        order=40,
        description=_("The rules for organization cadres; acknowledge the version in force"),
    ),
    NavEntry(
        _("Negative list"),
        "discipline:negative",
        "discipline.negative_view",
        group="organization",
        order=41,
        description=_("Entries against cadres and accountability cases"),
    ),
    NavEntry(
        _("Take the lead"),
        "discipline:pledges",
        "discipline.pledges_view",
        group="organization",
        order=42,
        description=_("Members' ten pledges, deeds and party-spirit check-ups"),
    ),
    NavEntry(
        _("Commando teams"),
        "discipline:teams",
        "discipline.teams_view",
        group="organization",
        order=43,
        description=_("Party-member commando teams and their tasks"),
    ),
    NavEntry(
        _("Leading group"),
        "discipline:groups",
        "discipline.groups_view",
        group="organization",
        order=44,
        description=_("The leading group and its four working groups"),
    ),
)
