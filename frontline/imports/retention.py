from django.utils.translation import gettext_lazy as _

from frontline.core.retention import RetentionRule, register
from frontline.imports.models import ImportJob

register(
    RetentionRule(
        key="imports.import_job",
        model=ImportJob,
        date_field="created_at",
        days=30,
        order=5,
        purpose=_(
            "Uploaded spreadsheets and their error workbooks (names, ID numbers), kept while the import is checked"
        ),
    )
)
