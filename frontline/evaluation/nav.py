from django.utils.translation import gettext_lazy as _

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Front-line assessment"),
        "evaluation:cadres",
        "evaluation.view",
        group="organization",
        order=84,
        description=_("Cadre profiles, observations, commendations, priority pools"),
    ),
)
