from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from frontline.core.backup import backup_database


class Command(BaseCommand):
    help = "Back up the database while Frontline runs (SQLite online backup API or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument(
            "target", nargs="?", help="file to write (default var/backups/frontline-<time>.*)"
        )

    def handle(self, *args, target=None, **options):
        from django.db import connection

        suffix = ".sqlite3" if connection.vendor == "sqlite" else ".pgdump"
        path = (
            Path(target)
            if target
            else settings.VAR_DIR / "backups" / f"frontline-{datetime.now():%Y%m%d-%H%M%S}{suffix}"
        )
        backup_database(path)
        self.stdout.write(str(path))
