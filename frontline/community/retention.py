from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frontline.community.models import ProduceListing, ProduceOrder
from frontline.core.retention import RetentionRule, register

register(
    RetentionRule(
        key="community.produce_order",
        model=ProduceOrder,
        date_field="ordered_at",
        days=180,
        order=10,
        purpose=_("Proxy purchases (党员代购) and produce sales: buyers' names and phones"),
    ),
    RetentionRule(
        key="community.produce_listing",
        model=ProduceListing,
        date_field="listed_on",
        q=Q(orders__isnull=True),  # after their orders (purged first, by the rule above)
        days=180,
        order=12,
        purpose=_("Selling a household's unsold produce: head of household, address and the produce photo"),
    ),
)
