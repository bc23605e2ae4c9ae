"""Delete personal data past its retention period, everywhere it lives. See frontline/core/retention.py."""

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from frontline.audit.services import audit_record
from frontline.core import clock, files
from frontline.core.models import PurgedCount
from frontline.core.retention import all_rules, unreferenced_people


class Command(BaseCommand):
    help = "Delete personal records past their retention period; keep anonymous counts and an audit trail."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--list", action="store_true", help="print the rules (purpose, period) and exit")

    def handle(self, *args, dry_run, list, **options):  # noqa: A002 - the option's name
        rules = all_rules()
        if list:
            for r in rules:
                what = (
                    f"{r.model._meta.label}.{r.file_field} (files)" if r.file_field else r.model._meta.label
                )
                self.stdout.write(f"{r.key:<40} {r.days:>5} days  {what}: {r.purpose}")
            self.stdout.write(
                f"{'people.person (unreferenced)':<40} {settings.FRONTLINE_PERSON_RETENTION_DAYS:>5} days"
            )
            self.stdout.write(
                f"{'files (unreferenced)':<40} {files.ORPHAN_GRACE.days:>5} days  under MEDIA_ROOT"
            )
            return
        today = clock.today()
        for rule in rules:
            with transaction.atomic():
                qs = rule.expired(today)
                tally = rule.tally(qs)
                n = sum(c for _d, _day, c in tally)
                if n and not dry_run:
                    PurgedCount.objects.bulk_create(
                        [
                            PurgedCount(rule=rule.key, division_code=d or "", day=day, count=c)
                            for d, day, c in tally
                        ]
                    )
                    if rule.file_field:
                        # The file goes (on commit), the row stays with the field cleared.
                        detail = {"files": files.expire_files(qs, rule.file_field), "field": rule.file_field}
                    else:
                        _deleted, detail = qs.delete()  # files of deleted rows go on commit (core/files.py)
                        detail = {"deleted": detail}
                    audit_record(
                        actor=None,
                        actor_username="purge_expired",
                        action="purge",
                        object_type=rule.key,
                        count=n,
                        detail={**detail, "retention_days": rule.days},
                    )
            self.stdout.write(f"{rule.key}: {n} expired{' (dry run)' if dry_run else ' deleted'}")
        from frontline.people.models import Person

        cutoff = timezone.now() - dt.timedelta(days=settings.FRONTLINE_PERSON_RETENTION_DAYS)
        with transaction.atomic():
            people = unreferenced_people(Person.objects.filter(updated_at__lt=cutoff))
            n = people.count()
            if n and not dry_run:
                people.delete()
                audit_record(
                    actor=None,
                    actor_username="purge_expired",
                    action="purge",
                    object_type="people.person",
                    count=n,
                    detail={"reason": "unreferenced and expired"},
                )
        self.stdout.write(f"people.person: {n} unreferenced{' (dry run)' if dry_run else ' deleted'}")
        # Expired sessions hold the (encrypted) terms of recent searches: they go too.
        if not dry_run:
            import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        # Files no row references (replaced, or left by a crash), once older than a day.
        n = files.sweep_orphans(dry_run=dry_run)
        if n and not dry_run:
            audit_record(
                actor=None,
                actor_username="purge_expired",
                action="purge",
                object_type="files.unreferenced",
                count=n,
                detail={"grace_days": files.ORPHAN_GRACE.days},
            )
        self.stdout.write(f"files: {n} unreferenced{' (dry run)' if dry_run else ' deleted'}")
