from django.utils.translation import gettext_lazy as _

from frontline.community.models import ProduceOrder
from frontline.core.retention import RetentionRule, register

register(
    RetentionRule(
        key="community.produce_order",
        model=ProduceOrder,
        date_field="ordered_at",
        days=180,
        order=10,
        purpose=_("Proxy purchases (党员代购) and produce sales: buyers' names and phones"),
    )
)
