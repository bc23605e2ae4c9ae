from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Community today"),
        "community:today",
        "community.view",
        order=40,
        description=_("Patrols today, gatherings to persuade, open orders"),
    ),
    NavEntry(
        _("Persuasion and patrol teams"),
        "community:teams",
        "community.view",
        order=41,
        description=_("Teams, members and patrol logs"),
    ),
    NavEntry(
        _("Gatherings and banquets"),
        "community:gatherings",
        "community.view",
        order=42,
        description=_("Banquets found, households persuaded to cancel"),
    ),
    NavEntry(
        _("Produce and proxy purchase"),
        "community:produce",
        "community.view",
        order=43,
        description=_("Members buy for households and sell unsold produce"),
    ),
    NavEntry(
        _("Jobs near home"),
        "community:jobs",
        "community.view",
        order=44,
        description=_("Employment survey, job postings, matches"),
    ),
)
