"""Restore drill: back up a database with data in it, restore into a scratch database, compare counts."""

import io
import sqlite3
import uuid

import psycopg
from django.core.management import call_command
from django.db import connection

from frontline.audit.models import AuditEvent
from frontline.people.models import Person
from frontline.testing import SHUITOU, YUANTANG, make_person

TABLES = ["people_person", "audit_auditevent", "regions_division", "accounts_user"]


def _counts_sqlite(path):
    db = sqlite3.connect(path)
    try:
        return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608
    finally:
        db.close()


def test_backup_and_restore_drill(transactional_db, tmp_path):
    from frontline import testing
    from frontline.audit.services import audit_record

    testing.make_divisions()
    testing.make_users()
    for i in range(25):
        make_person(YUANTANG if i % 2 else SHUITOU, f"人{i}")
    audit_record(actor=None, action="create", object_type="x.y")
    expected = {"people_person": Person.objects.count(), "audit_auditevent": AuditEvent.objects.count()}
    target = tmp_path / "backup.bin"
    call_command("backup", str(target), stdout=io.StringIO())
    assert target.stat().st_size > 0
    if connection.vendor == "sqlite":
        scratch = tmp_path / "restored.sqlite3"
        call_command("restore", str(target), "--into", str(scratch), stdout=io.StringIO())
        counts = _counts_sqlite(scratch)
    else:
        sd = connection.settings_dict
        name = f"drill_{uuid.uuid4().hex[:8]}"
        dsn = f"host={sd['HOST']} port={sd['PORT'] or 5432} user={sd['USER']} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            call_command("restore", str(target), "--into", name, stdout=io.StringIO())
            with psycopg.connect(dsn.replace("dbname=postgres", f"dbname={name}")) as db:
                counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608
        finally:
            with psycopg.connect(dsn, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    assert counts["people_person"] == expected["people_person"] == 25
    assert counts["audit_auditevent"] == expected["audit_auditevent"]
    assert counts["regions_division"] == 8 and counts["accounts_user"] == len(testing.CAST)


def test_restore_over_live_database_needs_confirmation(db, tmp_path):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "x"), stdout=io.StringIO())
