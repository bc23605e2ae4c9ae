from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frontline.core.retention import RetentionRule, register
from frontline.discipline.models import Deed, EntryStatus, NegativeEntry

register(
    RetentionRule(
        key="discipline.entry_evidence.dismissed",
        model=NegativeEntry,
        file_field="evidence",
        date_field="reviewed_at",
        q=Q(status=EntryStatus.DISMISSED),
        days=30,
        purpose=_(
            "Evidence of a negative-list entry found unfounded: kept 30 days after the dismissal for a "
            "request to review it; the entry stays"
        ),
    ),
    RetentionRule(
        key="discipline.entry_evidence.confirmed",
        model=NegativeEntry,
        file_field="evidence",
        date_field="reviewed_at",
        q=Q(status=EntryStatus.CONFIRMED),
        days=730,
        purpose=_(
            "Evidence of a confirmed negative-list entry (追责问责): kept two years after the decision, "
            "while it weighs on the cadre's assessments; the entry stays"
        ),
    ),
    RetentionRule(
        key="discipline.deed_photo",
        model=Deed,
        file_field="photo",
        date_field="happened_at",
        days=365,
        purpose=_(
            "Photo of a member's deed (十带头), kept a year for the review of pledges and assessments; "
            "the deed stays"
        ),
    ),
)
