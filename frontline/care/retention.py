from django.utils.translation import gettext_lazy as _

from frontline.care.models import Disbursement
from frontline.core.retention import RetentionRule, register

register(
    RetentionRule(
        key="care.disbursement_voucher",
        model=Disbursement,
        file_field="voucher_file",
        date_field="paid_on",
        days=730,
        purpose=_(
            "Scan of a disbursement's paper voucher (recipient's name, signature), kept two years for the "
            "annual audits; the original stays in the finance archive and the ledger row stays"
        ),
    )
)
