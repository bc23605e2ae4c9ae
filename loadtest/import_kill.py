"""Fault scenario: kill -9 the worker in the middle of an import, then run the job again.

    python -m loadtest.import_kill --db sqlite|postgres --rows N

A fresh database (as in loadtest.registrations), a county admin, a members workbook of N synthetic
party members (CSV). The job is created and confirmed through the import services and run by a real
`manage.py db_worker` process. Once the worker has read every row and is inside its commit transaction
(progress = total, status "running", and it holds the write lock: SQLite's RESERVED lock, or
PostgreSQL row locks on the people table), it gets SIGKILL. Checked then: no person, membership or import audit event
of the file exists (nothing half-written), and the job is still "running". After its heartbeat has
gone stale (the clock is moved past STALE_AFTER by ageing the heartbeat), `import_job_retry` queues
it again, a new worker runs it, and exactly N people and memberships exist. Prints
`IMPORT-KILL-RESULT {json}`; exits 1 on any violation.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loadtest.registrations import DEFAULT_PG_URL, ROOT, _pg_admin_dsn, _pg_url_for, _server_env

HEADERS = ["序号", "姓名", "公民身份号码", "手机号码", "乡镇", "村", "入党时间", "党员类型"]


def _write_members(path: Path, rows: int, seed: int) -> None:
    from frontline.demo.synth import Synth

    synth = Synth(seed=seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for i in range(rows):
            village = "园塘村" if i % 2 else "塘石村"
            out.writerow(
                [
                    i + 1,
                    synth.name(),
                    synth.id_number()[0],
                    synth.mobile(),
                    "长冈乡",
                    village,
                    "2010-07-01",
                    "正式",
                ]
            )


def _counts() -> dict:
    from frontline.audit.models import AuditEvent
    from frontline.people.models import Membership, Person

    return {
        "persons": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "import_audit": AuditEvent.objects.filter(action="import").count(),
    }


def _worker(env: dict) -> subprocess.Popen:
    cmd = [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload", "--interval", "0.1"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL)  # noqa: S603


def _wait(job_id: int, done, timeout: float, worker: subprocess.Popen | None = None):
    from frontline.imports.models import ImportJob

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ImportJob.objects.get(pk=job_id)
        if done(job):
            return job
        if worker is not None and worker.poll() is not None:
            raise RuntimeError(f"worker exited with {worker.returncode}; job {job.status} {job.message}")
        time.sleep(0.02)
    raise RuntimeError(f"timed out waiting; job {job.status} progress {job.progress}/{job.total}")


def _writing(database_url: str) -> bool:
    """Is another connection inside a write transaction on the people table right now?"""
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        probe = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=0.05, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as exc:  # "database is locked": the worker holds the write lock
            return "locked" in str(exc)
        finally:
            probe.close()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON l.relation = c.oid "
            "WHERE c.relname = 'people_person' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def _stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg-url", default=os.environ.get("LOAD_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--timeout", type=float, default=300.0, help="bound on each wait (s)")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="frontline-kill-"))
    (tmp / "static").mkdir()
    pg_name = None
    if args.db == "sqlite":
        database_url = f"sqlite:///{tmp / 'kill.sqlite3'}"
    else:
        import psycopg

        pg_name = f"load_{secrets.token_hex(6)}"
        with psycopg.connect(_pg_admin_dsn(args.pg_url), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{pg_name}"')
        database_url = _pg_url_for(args.pg_url, pg_name)
    env = _server_env(database_url, tmp)
    env["MEDIA_ROOT"] = str(tmp / "media")
    os.environ.update(env)
    for k in [k for k in os.environ if k.startswith("FRONTLINE_") and k not in env]:
        del os.environ[k]
    worker = None
    violations: list[str] = []
    try:
        import django

        django.setup()
        import datetime as dt

        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.core.management import call_command
        from django.db import connections

        from frontline import testing
        from frontline.accounts.models import User
        from frontline.imports.models import ImportJob, Status
        from frontline.imports.services import (
            STALE_AFTER,
            import_job_confirm,
            import_job_create,
            import_job_retry,
        )

        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)
        testing.make_divisions()
        admin = User(username="kill_admin", division_id=testing.COUNTY, roles=["county_admin"])
        admin.set_unusable_password()
        admin.save()
        source = tmp / "members.csv"
        _write_members(source, args.rows, args.seed)
        before = _counts()
        job = import_job_create(
            actor=admin,
            kind="members",
            upload=SimpleUploadedFile("党员花名册.csv", source.read_bytes(), content_type="text/csv"),
        )
        connections.close_all()

        worker = _worker(env)
        job = _wait(job.pk, lambda j: j.status == Status.PREVIEWED, args.timeout, worker)
        import_job_confirm(actor=admin, job=job)
        t0 = time.monotonic()
        # Every row read, the commit transaction under way: the worst moment to die.
        job = _wait(
            job.pk,
            lambda j: j.status == Status.RUNNING and j.total and j.progress >= j.total,
            args.timeout,
            worker,
        )
        # Held on three probes in a row: the commit transaction, not a one-statement progress update.
        deadline, held, mid_write = time.monotonic() + args.timeout, 0, False
        while time.monotonic() < deadline and worker.poll() is None:
            held = held + 1 if _writing(database_url) else 0
            if held >= 3:
                mid_write = True
                break
            time.sleep(0.01)
        killed_after = time.monotonic() - t0
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        worker = None
        after_kill = _counts()
        job.refresh_from_db()
        status_after_kill = job.status
        retryable_early = True
        try:
            import_job_retry(actor=admin, job=job)
        except Exception:  # ValidationError: still "running" with a fresh heartbeat
            retryable_early = False
        # The clock moves on: the heartbeat is older than STALE_AFTER, the page offers "run again".
        ImportJob.objects.filter(pk=job.pk).update(
            heartbeat=job.heartbeat - STALE_AFTER - dt.timedelta(seconds=1),
            created_at=job.created_at - STALE_AFTER - dt.timedelta(seconds=1),
        )
        job.refresh_from_db()
        import_job_retry(actor=admin, job=job)
        connections.close_all()
        worker = _worker(env)
        job = _wait(
            job.pk, lambda j: j.status in (Status.DONE, Status.FAILED, Status.REFUSED), args.timeout, worker
        )
        _stop(worker)
        worker = None
        final = _counts()
        result = {
            "db": args.db,
            "rows": args.rows,
            "before": before,
            "after_kill": after_kill,
            "status_after_kill": status_after_kill,
            "retry_refused_while_fresh": not retryable_early,
            "killed_after_s": round(killed_after, 2),
            "killed_mid_write": mid_write,
            "final": final,
            "final_status": job.status,
            "job_created": job.created,
            "job_errors": job.error_count,
            "attempts": job.attempts,
        }
        checks = [
            (mid_write, "the worker was not caught inside its write transaction"),
            (after_kill == before, f"half-written after kill -9: {before} -> {after_kill}"),
            (status_after_kill == Status.RUNNING, f"job status after the kill: {status_after_kill}"),
            (not retryable_early, "a running job with a fresh heartbeat could be queued again"),
            (job.status == Status.DONE, f"job ended {job.status}: {job.message}"),
            (final["persons"] - before["persons"] == args.rows, f"persons {before} -> {final}"),
            (final["memberships"] - before["memberships"] == args.rows, f"memberships {before} -> {final}"),
            (final["import_audit"] - before["import_audit"] == 1, f"import audit events {before} -> {final}"),
            (
                job.created == args.rows and job.error_count == 0,
                f"job created {job.created}, errors {job.error_count}",
            ),
        ]
        violations = [msg for ok, msg in checks if not ok]
        result["violations"] = violations
        print(
            f"== kill -9 during an import ({args.db}, {args.rows} rows): killed {killed_after:.2f} s into the "
            f"run; after the kill {after_kill} (before {before}), job {status_after_kill}; run again: "
            f"{job.status}, {final}"
        )
        print(
            "OK: nothing half-written, the job ran again" if not violations else f"VIOLATIONS: {violations}"
        )
        print("IMPORT-KILL-RESULT " + json.dumps(result, ensure_ascii=False, sort_keys=True), flush=True)
        connections.close_all()
    finally:
        _stop(worker)
        if pg_name:
            import psycopg

            try:
                from django.db import connections

                connections.close_all()
            except Exception:  # noqa: S110 - Django may not have started
                pass
            with psycopg.connect(_pg_admin_dsn(args.pg_url), autocommit=True) as admin_conn:
                admin_conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        if violations:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
