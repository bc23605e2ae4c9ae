"""Disable accounts unused for FRONTLINE_ACCOUNT_IDLE_DAYS (or --days) and those past their expiry.
Run daily from cron or the worker host. Each disabled account is audited."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontline.accounts.models import User
from frontline.audit.services import audit_record


class Command(BaseCommand):
    help = "Disable accounts not used for N days and accounts past their expiry date."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        days = days or settings.FRONTLINE_ACCOUNT_IDLE_DAYS
        now = timezone.now()
        cutoff = now - timedelta(days=days)
        idle = Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
        users = list(User.objects.filter(is_active=True).filter(idle | Q(expires_at__lte=now)))
        for user in users:
            self.stdout.write(f"{'would disable' if dry_run else 'disabled'} {user.username}")
        if not dry_run and users:
            with transaction.atomic():
                User.objects.filter(pk__in=[u.pk for u in users]).update(is_active=False)
                audit_record(
                    actor=None,
                    actor_username="disable_unused_accounts",
                    action="bulk_update",
                    object_type="accounts.user",
                    ids=[u.pk for u in users],
                    detail={"reason": f"unused for {days} days or expired"},
                )
        self.stdout.write(f"{len(users)} account(s)")
