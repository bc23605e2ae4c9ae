from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frontline.core.retention import RetentionRule, register
from frontline.supervision.models import Rectification

register(
    RetentionRule(
        key="supervision.rectification_evidence",
        model=Rectification,
        file_field="evidence",
        date_field="closed_on",
        q=Q(closed_on__isnull=False),
        days=365,
        purpose=_(
            "Evidence photo of a rectification (the site, sometimes people), kept a year after it was "
            "closed for the supervising group's checks; the rectification record stays"
        ),
    )
)
