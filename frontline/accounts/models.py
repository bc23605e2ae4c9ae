import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from frontline.accounts.roles import Role


def _validate_roles(value):
    if not isinstance(value, list) or any(r not in Role.values for r in value):
        raise ValidationError(_("Unknown role in %(value)s"), params={"value": value})


class User(AbstractUser):
    """A cadre's account: one division node (its jurisdiction) and a list of roles."""

    division = models.ForeignKey(
        "regions.Division",
        verbose_name=_("division"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    roles = models.JSONField(_("roles"), default=list, blank=True, validators=[_validate_roles])
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
    )
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    expires_at = models.DateTimeField(
        _("account expires"),
        null=True,
        blank=True,
        help_text=_("After this moment the account can no longer log in."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def division_code(self) -> str:
        return self.division_id or ""

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return bool(self.expires_at and self.expires_at <= timezone.now())

    def role_labels(self):
        return [Role(r).label for r in self.roles if r in Role.values]

    def __str__(self):
        return self.display_name or self.username


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """Bearer token for integrations. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def new_raw() -> str:
        return "fl_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash(raw: str) -> str:
        return _hash_token(raw)
