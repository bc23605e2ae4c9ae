from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frontline.core.retention import RetentionRule, register
from frontline.publicity.models import PostAttachment, PostStatus

register(
    RetentionRule(
        key="publicity.attachment.unpublished",
        model=PostAttachment,
        date_field="uploaded_at",
        q=~Q(post__status=PostStatus.PUBLISHED),
        days=90,
        purpose=_("Pictures and documents of a column post never published (they may show people)"),
    ),
    RetentionRule(
        key="publicity.attachment.published",
        model=PostAttachment,
        date_field="uploaded_at",
        q=Q(post__status=PostStatus.PUBLISHED),
        days=1095,
        purpose=_(
            "Pictures and documents of a published column post, kept three years as the county's record"
        ),
    ),
)
