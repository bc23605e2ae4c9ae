from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from frontline.audit.services import audit_record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record(
        actor=user,
        action="login",
        object_type="accounts.user",
        object_id=user.pk,
        division_code=getattr(user, "division_id", "") or "",
        request=request,
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(
            actor=user,
            action="logout",
            object_type="accounts.user",
            object_id=user.pk,
            division_code=getattr(user, "division_id", "") or "",
            request=request,
        )


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the username tried, never the password.
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None,
        actor_username=username,
        action="login_failed",
        object_type="accounts.user",
        request=request,
    )
