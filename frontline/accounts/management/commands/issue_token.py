from django.core.management.base import BaseCommand, CommandError

from frontline.accounts.models import User
from frontline.accounts.services import api_token_issue


class Command(BaseCommand):
    help = "Issue an API token for USERNAME; the token is printed on the last line."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--days", type=int, default=365, help="validity in days (0: no expiry)")

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        raw = api_token_issue(actor=None, user=user, name=name, days=days or None)
        self.stdout.write(f"Token for {username} (use as 'Authorization: Bearer <token>'):")
        self.stdout.write(raw)
