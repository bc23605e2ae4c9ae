from django.core.management.base import BaseCommand, CommandError

from frontline.core.backup import restore_database


class Command(BaseCommand):
    help = (
        "Restore a backup into the configured database (stop web and worker processes first), "
        "or with --into into another SQLite file / PostgreSQL database for a restore drill."
    )

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument("--into", default=None)
        parser.add_argument("--yes", action="store_true", help="confirm overwriting the configured database")

    def handle(self, *args, source, into, yes, **options):
        if not into and not yes:
            raise CommandError("restoring over the live database needs --yes (and stopped app processes)")
        restore_database(source, into=into)
        self.stdout.write(f"restored {source} into {into or 'the configured database'}")
