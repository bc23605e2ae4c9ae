from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from frontline.accounts.models import ApiToken, User
from frontline.audit.services import audit_record


@transaction.atomic
def api_token_issue(*, actor, user: User, name: str = "", days: int | None = 365) -> str:
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=ApiToken.hash(raw),
        prefix=raw[:8],
        # Real time, not the demo clock: a token's life is not part of the demo story.
        expires_at=(timezone.now() + timedelta(days=days)) if days else None,
    )
    audit_record(
        actor=actor,
        action="token_issued",
        obj=token,
        division_code=user.division_code,
        detail={"user": user.username, "prefix": token.prefix},
        actor_username="manage.py",
    )
    return raw


def api_token_authenticate(raw: str) -> User | None:
    if not raw or not raw.startswith("fl_"):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(raw), revoked=False).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.expires_at and token.expires_at < now:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
