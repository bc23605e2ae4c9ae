from django.utils.translation import gettext_lazy as _

from frontline.checkpoints.models import Registration
from frontline.core.retention import RetentionRule, register

register(
    RetentionRule(
        key="checkpoints.registration",
        model=Registration,
        date_field="registered_at",
        days=90,
        order=50,
        purpose=_(
            "Tracing people who passed a checkpoint during an outbreak (occupants and alerts go with it)"
        ),
    )
)
