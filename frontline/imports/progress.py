"""A running import's progress and heartbeat, where the page that polls the job can see them.

Outside a transaction, an UPDATE of the job row. Inside one — the engine's one-pass pipeline reads
the file inside its commit transaction, its connection lent to a writer thread — the job row cannot
be updated through that connection (nothing would show before the commit), so:
  - PostgreSQL: the UPDATE goes through a connection of its own and commits at once;
  - SQLite: the import holds the database's one write lock, so no connection can write the row
    until the import commits. The progress goes to a small file instead (counts and a time, no
    personal data) under MEDIA_ROOT/imports/progress/: the uploaded file reaches the worker through
    MEDIA_ROOT, so every process that runs or shows imports already shares that directory (and a
    SQLite database is on one machine anyway). `overlay` reads it back onto the job row it was
    loaded with; the file is removed when the import ends, and a claim of the job starts afresh. One
    left by a killed worker is discarded when the job runs again, or swept after a day with the other
    orphan files under MEDIA_ROOT's upload folders (core.files.sweep_orphans).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from frontline.imports.models import ImportJob


def side_file(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / "progress" / f"{int(job_id)}.json"


class Publisher:
    """Callable progress(done, total) for one job; a context manager that cleans up after it."""

    def __init__(self, job_id: int):
        self.job_id, self.side, self.file = job_id, None, None

    def __call__(self, done: int, total: int) -> None:
        now = timezone.now()
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job_id).update(progress=done, total=total, heartbeat=now)
            return
        if connection.vendor == "sqlite":
            self._to_file(done, total, now)
            return
        if self.side is None:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
        table = connection.ops.quote_name(ImportJob._meta.db_table)  # the model's name; values bound
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET progress = %s, total = %s, heartbeat = %s WHERE id = %s",  # noqa: S608
                [done, total, now, self.job_id],
            )

    def _to_file(self, done: int, total: int, now: dt.datetime) -> None:
        path = side_file(self.job_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"progress": done, "total": total, "heartbeat": now.isoformat()}))
        os.replace(tmp, path)  # a reader sees the old counts or the new, never half a file
        self.file = path

    def __enter__(self):
        discard(self.job_id)  # what a killed earlier run of this job left
        return self

    def __exit__(self, *exc) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None
        if self.file is not None:
            discard(self.job_id)
            self.file = None


def discard(job_id: int) -> None:
    side_file(job_id).unlink(missing_ok=True)


def overlay(job: ImportJob) -> ImportJob:
    """The job as the polling page should show it: an active job's row updated, in memory, with
    progress its worker could only publish to the side file (SQLite, inside the import's
    transaction). A file older than the row's own heartbeat, or unreadable, is ignored."""
    if not job.is_active:
        return job
    try:
        data = json.loads(side_file(job.pk).read_text())
        heartbeat = dt.datetime.fromisoformat(data["heartbeat"])
        done, total = int(data["progress"]), int(data["total"])
    except (OSError, ValueError, KeyError, TypeError):
        return job
    if job.heartbeat is None or heartbeat > job.heartbeat:
        job.progress, job.total, job.heartbeat = done, total, heartbeat
    return job
