from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frontline.core.retention import RetentionRule, register
from frontline.quarantine.models import Quarantine, Returnee, SupportRequest

register(
    RetentionRule(
        key="quarantine.support_request",
        model=SupportRequest,
        date_field="requested_at",
        days=180,
        order=20,
        purpose=_("Delivering supplies and medicine to households in home quarantine"),
    ),
    RetentionRule(
        key="quarantine.quarantine",
        model=Quarantine,
        date_field="ended_on",
        q=Q(ended_on__isnull=False),
        days=180,
        order=30,
        purpose=_(
            "Home quarantine, its 三包一 team, status history and temperature check-ins, kept after it ended"
        ),
    ),
    RetentionRule(
        key="quarantine.returnee",
        model=Returnee,
        date_field="return_date",
        days=180,
        order=40,
        purpose=_("Screening of people returning home (返乡人员摸排)"),
    ),
)
