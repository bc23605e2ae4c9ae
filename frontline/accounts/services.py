from datetime import timedelta

from django.db import connections, router, transaction
from django.utils import timezone

from frontline.accounts.models import ApiToken, User
from frontline.audit.services import audit_record
from frontline.core.fastsql import instance_from_row, select_list


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
    """The active user of a live, unexpired token, or None. Asked on every API request: one
    written-out SELECT, its row made into a User with the ORM's own converters (core/fastsql.py;
    a third of the time User.objects.raw takes for the same row), last use noted at most every 5
    minutes."""
    if not raw or not raw.startswith("fl_"):
        return None
    now = timezone.now()
    alias = router.db_for_read(ApiToken)
    conn = connections[alias]
    qn = conn.ops.quote_name
    at = ApiToken._meta.get_field("expires_at").get_db_prep_value(now, conn)
    stale = ApiToken._meta.get_field("last_used_at").get_db_prep_value(now - timedelta(minutes=5), conn)
    sql = (
        f"SELECT {select_list(User, prefix='u', using=alias)}, t.id, CASE WHEN t.last_used_at IS NULL "  # noqa: S608
        f"OR t.last_used_at < %s THEN 1 ELSE 0 END FROM {qn(User._meta.db_table)} u "
        f"JOIN {qn(ApiToken._meta.db_table)} t ON t.user_id = u.id "
        "WHERE t.key_hash = %s AND t.revoked = %s AND u.is_active = %s "
        "AND (t.expires_at IS NULL OR t.expires_at >= %s) AND (u.expires_at IS NULL OR u.expires_at > %s)"
    )
    with conn.cursor() as cursor:
        cursor.execute(sql, [stale, ApiToken.hash(raw), False, True, at, at])
        row = cursor.fetchone()
    if row is None:
        return None
    *_user, token_id, token_stale = row
    if token_stale:
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
    return instance_from_row(User, row, using=alias)


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
