from django.contrib.auth.backends import ModelBackend


class ExpiringModelBackend(ModelBackend):
    """The model backend, refusing accounts past their expiry date (real time, not the demo clock)."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and not getattr(user, "is_expired", False)
