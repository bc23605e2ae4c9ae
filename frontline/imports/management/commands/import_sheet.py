"""python manage.py import_sheet KIND FILE --as USERNAME [--dry-run] [--json]

Exit 0 when the file was read (row errors included), 2 when the file itself is refused (with --json:
{"error": "..."}). With --json, one object: rows, created, updated, unchanged, errors, dry_run."""

import json
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from frontline.imports.engine import run_import
from frontline.imports.reader import FileRefused
from frontline.imports.registry import get_kind


class Command(BaseCommand):
    help = "Import a spreadsheet (returnees, members, registrations) as a user."

    def add_arguments(self, parser):
        parser.add_argument("kind")
        parser.add_argument("file")
        parser.add_argument("--as", dest="username", required=True)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--lang", default="zh-hans", help="language of messages (zh-hans, en)")

    def handle(self, *args, kind, file, username, dry_run, json: bool, lang, **options):
        with translation.override(lang):
            self._run(kind, file, username, dry_run, json)

    def _refuse(self, message: str, as_json: bool):
        if as_json:
            self.stdout.write(json.dumps({"error": message}, ensure_ascii=False))
        else:
            self.stderr.write(message)
        sys.exit(2)

    def _run(self, key, file, username, dry_run, as_json):
        import os

        kind = get_kind(key)
        if kind is None:
            self._refuse(_("Unknown import kind %(kind)s.") % {"kind": key}, as_json)
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            self._refuse(_("No active user %(user)s.") % {"user": username}, as_json)
        if not os.path.isfile(file):
            self._refuse(_("No such file: %(file)s") % {"file": file}, as_json)
        try:
            result = run_import(
                kind=kind,
                path=file,
                actor=user,
                dry_run=dry_run,
                audit_detail={"file": os.path.basename(file), "via": "cli"},
            )
        except FileRefused as exc:
            self._refuse(str(exc), as_json)
        except PermissionDenied:
            self._refuse(_("You may not import this kind of list."), as_json)
        summary = result.summary()
        if as_json:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self.stdout.write(
            _(
                "%(rows)d rows: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(errors)d errors%(dry)s"
            )
            % {
                **summary,
                "errors": len(result.errors),
                "dry": _(" (dry run, nothing saved)") if dry_run else "",
            }
        )
        for e in result.errors[:50]:
            self.stdout.write(f"  {_('row')} {e.row} [{e.column or '-'}] {e.message}")
