from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.nav import NavEntry, add

add(
    NavEntry(
        _("Daily brief"),
        "publicity:brief",
        "reports.brief",
        group="reports",
        order=60,
        description=_("The day's figures and narrative, printable"),
    ),
    NavEntry(
        _("Upward reports"),
        "publicity:templates",
        "reports.brief",
        group="reports",
        order=61,
        description=_("Report forms filled from the records"),
    ),
    NavEntry(
        pgettext_lazy("publicity column", "Column"),
        "publicity:posts",
        "publicity.view",
        group="reports",
        order=62,
        description=_("The daily epidemic-prevention column"),
    ),
    NavEntry(
        _("Typical deeds"),
        "publicity:deeds",
        "publicity.view",
        group="reports",
        order=63,
        description=_("Stories of the front line, nominated and reviewed"),
    ),
    NavEntry(
        _("Submissions upward"),
        "publicity:submissions",
        "publicity.view",
        group="reports",
        order=64,
        description=_("What was sent to the city, the province, the press"),
    ),
)
