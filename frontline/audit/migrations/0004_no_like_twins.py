"""Fewer indexes for every write's audit event. actor_username and action keep one index each (the
audit log filters on them by equality) without PostgreSQL's LIKE (varchar_pattern_ops) twins, and
object_type loses its own index: the (object_type, object_id) index leads with it.

Index-only, done by hand: an AlterField on SQLite remakes the table, and with it would go the
append-only trigger of 0002. Here the indexes are dropped, renamed or re-created in place."""

from django.db import migrations, models

TABLE = "audit_auditevent"
CHOICES = [
    ("create", "Create"),
    ("update", "Update"),
    ("delete", "Delete"),
    ("bulk_create", "Bulk create"),
    ("bulk_upsert", "Bulk create/update"),
    ("bulk_update", "Bulk update"),
    ("bulk_delete", "Bulk delete"),
    ("import", "Import"),
    ("export", "Export"),
    ("unmask", "View whole identifier"),
    ("login", "Login"),
    ("login_failed", "Login failed"),
    ("logout", "Logout"),
    ("token_issued", "API token issued"),
    ("purge", "Retention purge"),
    ("alert", "Security alert"),
]
KEPT = {"actor_username": "audit_actor_username", "action": "audit_action"}


def _names(schema_editor, column: str) -> tuple[str, str]:
    """The names 0001 gave the field's index and its LIKE twin (Django's own naming)."""
    return (
        schema_editor._create_index_name(TABLE, [column], suffix=""),
        schema_editor._create_index_name(TABLE, [column], suffix="_like"),
    )


def forwards(apps, schema_editor):
    qn = schema_editor.quote_name
    postgres = schema_editor.connection.vendor == "postgresql"
    plain, like = _names(schema_editor, "object_type")
    schema_editor.execute(f"DROP INDEX IF EXISTS {qn(plain)}")
    if postgres:
        schema_editor.execute(f"DROP INDEX IF EXISTS {qn(like)}")
    for column, name in KEPT.items():
        plain, like = _names(schema_editor, column)
        if postgres:
            schema_editor.execute(f"DROP INDEX IF EXISTS {qn(like)}")
            schema_editor.execute(f"ALTER INDEX {qn(plain)} RENAME TO {qn(name)}")
        else:
            schema_editor.execute(f"DROP INDEX IF EXISTS {qn(plain)}")
            schema_editor.execute(f"CREATE INDEX {qn(name)} ON {qn(TABLE)} ({qn(column)})")


def backwards(apps, schema_editor):
    qn = schema_editor.quote_name
    postgres = schema_editor.connection.vendor == "postgresql"
    for column, name in KEPT.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {qn(name)}")
    for column in ("object_type", *KEPT):
        plain, like = _names(schema_editor, column)
        schema_editor.execute(f"CREATE INDEX {qn(plain)} ON {qn(TABLE)} ({qn(column)})")
        if postgres:
            schema_editor.execute(
                f"CREATE INDEX {qn(like)} ON {qn(TABLE)} ({qn(column)} varchar_pattern_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_alert_action")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="actor_username",
                    field=models.CharField(blank=True, max_length=150, verbose_name="username"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="action",
                    field=models.CharField(choices=CHOICES, max_length=20, verbose_name="action"),
                ),
                migrations.AlterField(
                    model_name="auditevent",
                    name="object_type",
                    field=models.CharField(blank=True, max_length=60, verbose_name="object type"),
                ),
                migrations.AddIndex(
                    model_name="auditevent",
                    index=models.Index(fields=["actor_username"], name="audit_actor_username"),
                ),
                migrations.AddIndex(
                    model_name="auditevent",
                    index=models.Index(fields=["action"], name="audit_action"),
                ),
            ],
        )
    ]
