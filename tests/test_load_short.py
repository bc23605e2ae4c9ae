"""The load and fault scenarios (loadtest/, docs/LOAD.md) in short. Registrations: 4 duty members x 10
registrations through a proxy that drops, cuts and delays 30% of the connections, against a real
gunicorn on the database of this run (SQLite, or PostgreSQL when DATABASE_URL says so; CI runs the
suite once on each). Nothing may be lost, duplicated or answered with a server error. Imports: the
worker killed with SIGKILL inside the commit of a 6,000-row file, then the job run again.

Each runs as a subprocess on its own fresh database, free port and temporary directory, so it is safe
beside other pytest-xdist workers; the xdist group keeps it on one worker under --dist loadgroup."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MEMBERS, PER_MEMBER = 4, 10


def _database() -> list[str]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return ["--db", "postgres", "--pg-url", url]
    return ["--db", "sqlite"]


@pytest.mark.xdist_group("load")
def test_registrations_survive_network_faults_without_loss_duplicates_or_server_errors():
    cmd = [
        sys.executable,
        "-m",
        "loadtest.registrations",
        *_database(),
        "--members",
        str(MEMBERS),
        "--per-member",
        str(PER_MEMBER),
        "--fault-rate",
        "0.3",
        "--run-seconds",
        "240",
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=420)  # noqa: S603
    lines = [line for line in proc.stdout.splitlines() if line.startswith("LOAD-RESULT ")]
    assert proc.returncode == 0 and lines, proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads(lines[-1].removeprefix("LOAD-RESULT "))
    n = MEMBERS * PER_MEMBER
    assert result["violations"] == []
    assert (result["expected"], result["registrations"], result["acknowledged"]) == (n, n, n)
    assert (result["lost"], result["duplicated"], result["gave_up"]) == (0, 0, 0)
    assert result["occupants"] == result["occupants_expected"] > n - 1
    assert result["persons"] == result["persons_expected"]
    assert result["audit_creates"] == n
    assert (result["client_5xx"], result["server_5xx"], result["server_log_markers"]) == (0, 0, {})
    # The faults really happened, including answers lost after the record was stored, and every
    # retry of such a record was answered with the stored copy (200), not a second one.
    assert result["retries"] > 0 and sum(result["faults"].values()) > 0
    assert result["faults"].get("drop_after", 0) >= 1
    assert result["answered_200_replay"] >= result["faults"]["drop_after"]
    assert result["answered_201"] + result["answered_200_replay"] == n


@pytest.mark.xdist_group("load")
def test_kill_9_during_an_import_leaves_nothing_half_written_and_the_job_runs_again():
    cmd = [sys.executable, "-m", "loadtest.import_kill", *_database(), "--rows", "6000", "--timeout", "120"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=420)  # noqa: S603
    lines = [line for line in proc.stdout.splitlines() if line.startswith("IMPORT-KILL-RESULT ")]
    assert proc.returncode == 0 and lines, proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads(lines[-1].removeprefix("IMPORT-KILL-RESULT "))
    assert result["violations"] == []
    # Killed inside the commit transaction, and none of it is visible afterwards.
    assert result["killed_mid_write"] is True
    assert result["after_kill"] == result["before"] == {"persons": 0, "memberships": 0, "import_audit": 0}
    assert result["status_after_kill"] == "running" and result["retry_refused_while_fresh"] is True
    # Run again after its heartbeat went stale: everything, once.
    assert result["final_status"] == "done" and result["job_created"] == 6000
    assert result["final"] == {"persons": 6000, "memberships": 6000, "import_audit": 1}
