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
    # The user's person comes along: work events (十带头 deeds) name the person who did the work.
    token = (
        ApiToken.objects.select_related("user", "user__person")
        .filter(key_hash=ApiToken.hash(raw), revoked=False)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.expires_at and token.expires_at < now:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def otp_device_for_enrolment(*, user):
    """The user's unconfirmed TOTP device, created on first need (its secret never leaves this page)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def otp_enrolment_context(device) -> dict:
    import base64

    import segno

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return {"secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), "qr_svg": qr}


@transaction.atomic
def otp_verified(*, actor, device, enrolled: bool, request=None) -> None:
    if enrolled and not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    audit_record(
        actor=actor,
        action="update" if enrolled else "login",
        object_type="accounts.otp",
        object_id=device.pk,
        division_code=actor.division_code,
        request=request,
        detail={"second_factor": "enrolled" if enrolled else "verified"},
    )
