"""python manage.py seed_demo: the Xingguo demo, idempotent (each step runs once), in bulk.

The foundation's steps come first; then every app's demo.py `seed(ctx)` in FRONTLINE_APPS order.
"""

import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from frontline.audit.services import audit_record
from frontline.demo.base import DEMO_USERS, STEPS
from frontline.demo.context import DEMO_PASSWORD, DemoContext
from frontline.demo.models import DemoStep
from frontline.demo.synth import Synth


def all_steps():
    steps = list(STEPS)
    for app in settings.FRONTLINE_APPS:
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise
            continue
        steps.append((app.rsplit(".", 1)[-1], module.seed))
    return steps


class Command(BaseCommand):
    help = "Load the Xingguo demo (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--members", type=int, default=20_400, help="synthetic party members (tests use fewer)"
        )
        parser.add_argument("--quiet-logins", action="store_true")

    def handle(self, *args, members, quiet_logins, **options):
        ctx = DemoContext(synth=Synth(), members=members)
        done = set(DemoStep.objects.values_list("name", flat=True))
        for name, step in all_steps():
            # The generator is re-seeded per step so a step's data never depends on which ran before.
            ctx.synth.rng.seed(f"xingguo-{name}")
            if name in done:
                continue
            started = time.perf_counter()
            with transaction.atomic():
                result = step(ctx) or {}
                DemoStep.objects.create(name=name, detail=result)
                audit_record(
                    actor=None,
                    actor_username="seed_demo",
                    action="bulk_create",
                    object_type=f"demo.{name}",
                    division_code="360732",
                    detail=result,
                    count=sum(v for v in result.values() if isinstance(v, int)) or 1,
                )
            self.stdout.write(f"  {name}: {result} ({time.perf_counter() - started:.1f}s)")
        if not quiet_logins:
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
            for username, display, division, roles, _staff in DEMO_USERS:
                self.stdout.write(f"  {username:<20} {display}  [{division}] {','.join(roles)}")
