"""Load scenario: N duty members post checkpoint registrations through a faulty network.

    python -m loadtest.registrations --db sqlite|postgres --members N --per-member M --fault-rate F

Sets up a fresh database (a SQLite file in a temporary directory, or a PostgreSQL database
`load_<random>` dropped at the end), migrates it, creates a checkpoint with N duty members on the
shift covering now, issues them API tokens, starts gunicorn (2 workers x 4 threads) and puts a
fault-injecting proxy (loadtest.faultproxy) in front of it. N client threads each post M
registrations to POST /api/v1/checkpoint-registrations/, retrying with the SAME client_uuid after any
connection error or timeout until they get 200/201 (bounded in attempts and time).

At the end the database is checked: every client_uuid exactly once (0 lost, 0 duplicated), occupant,
person and audit rows as expected, no answer >= 500 seen by a client or logged by gunicorn. Prints a
summary and one `LOAD-RESULT {json}` line; exits 1 on any violation. Everything stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import http.client
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from loadtest.faultproxy import FAULTS, FaultProxy

ROOT = Path(__file__).resolve().parent.parent
API_PATH = "/api/v1/checkpoint-registrations/"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SERVER_LOG_MARKERS = ("Traceback", "database is locked", "Internal Server Error", "WORKER TIMEOUT")


# ---------------------------------------------------------------------------------------------------
# Database and server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_admin_dsn(url: str) -> str:
    u = urllib.parse.urlsplit(url)
    parts = [
        f"host={u.hostname or '127.0.0.1'}",
        f"port={u.port or 5432}",
        f"user={u.username or 'postgres'}",
    ]
    if u.password:
        parts.append(f"password={urllib.parse.unquote(u.password)}")
    return " ".join(parts + ["dbname=postgres"])


def _pg_url_for(url: str, name: str) -> str:
    u = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((u.scheme, u.netloc, f"/{name}", u.query, u.fragment))


def _server_env(database_url: str, var_dir: Path) -> dict[str, str]:
    """Production-like settings (DEBUG off, real keys), plain HTTP on the loopback."""
    from cryptography.fernet import Fernet

    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRONTLINE_", "DJANGO_"))}
    env.update(
        {
            "DATABASE_URL": database_url,
            "FRONTLINE_VAR_DIR": str(var_dir),
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "FRONTLINE_FIELD_KEYS": Fernet.generate_key().decode(),
            "FRONTLINE_HASH_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_COOKIES": "false",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "frontline.settings",
        }
    )
    return env


class Gunicorn:
    def __init__(self, env: dict[str, str], log_dir: Path, workers: int, threads: int):
        self.port = _free_port()
        self.error_log = log_dir / "gunicorn-error.log"
        self.access_log = log_dir / "gunicorn-access.log"
        binary = Path(sys.executable).parent / "gunicorn"
        cmd = [
            str(binary),
            "frontline.wsgi",
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "-b",
            f"127.0.0.1:{self.port}",
            "--timeout",
            "60",
            "--graceful-timeout",
            "10",
            "--error-logfile",
            str(self.error_log),
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            '%(s)s %(m)s "%(U)s" %(L)s',
        ]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL)  # noqa: S603

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}: see {self.error_log}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def log_findings(self) -> dict:
        """5xx in the access log and error markers (tracebacks, 'database is locked') in the error log."""
        statuses = Counter()
        if self.access_log.exists():
            for line in self.access_log.read_text(errors="replace").splitlines():
                statuses[line.split(" ", 1)[0]] += 1
        markers = Counter()
        samples = []
        if self.error_log.exists():
            for line in self.error_log.read_text(errors="replace").splitlines():
                for marker in SERVER_LOG_MARKERS:
                    if marker in line:
                        markers[marker] += 1
                        if len(samples) < 5:
                            samples.append(line.strip()[:300])
        return {
            "statuses": dict(statuses),
            "server_5xx": sum(n for s, n in statuses.items() if s.startswith("5")),
            "markers": dict(markers),
            "samples": samples,
        }


# ---------------------------------------------------------------------------------------------------
# Data


def seed(members: int, run_seconds: float) -> tuple[int, list[str], int]:
    """Divisions, a township admin, a checkpoint, `members` duty members on the shifts covering the
    whole run, an API token each. Returns (checkpoint id, tokens, number of duty people)."""
    from frontline import testing
    from frontline.accounts.models import User
    from frontline.accounts.services import api_token_issue
    from frontline.checkpoints.services import checkpoint_create, shift_assign
    from frontline.core import clock
    from frontline.demo.synth import Synth
    from frontline.people.services import person_create

    testing.make_divisions()
    admin = User(username="load_admin", division_id=testing.GAOXING, roles=["township_admin"])
    admin.set_unusable_password()
    admin.save()
    checkpoint = checkpoint_create(
        actor=admin,
        name="兴国西出口（压力测试）",
        division_code=testing.GAOXING,
        kind="highway_exit",
        active_from=clock.today() - dt.timedelta(days=1),
    )
    synth = Synth(seed=20200219)
    now = clock.now()
    # Registrations carry the client's time: cover every slot the run can reach.
    horizon = int(run_seconds) + 120
    moments = [now + dt.timedelta(seconds=s) for s in [*range(0, horizon, 300), horizon]]
    tokens = []
    for i in range(members):
        person = person_create(
            actor=admin,
            name=synth.name(),
            division_code=testing.GAOXING,
            id_number=synth.id_number()[0],
            phone=synth.mobile(),
        )
        user = User(
            username=f"duty{i:03d}", division_id=testing.GAOXING, roles=["checkpoint_duty"], person=person
        )
        user.set_unusable_password()
        user.save()
        for at in moments:
            shift_assign(actor=admin, checkpoint=checkpoint, at=at, person=person)
        tokens.append(api_token_issue(actor=admin, user=user, name="load test", days=1))
    return checkpoint.pk, tokens, members


@dataclass
class Job:
    client_uuid: str
    body: dict
    occupants: int


def make_jobs(checkpoint_id: int, members: int, per_member: int, seed_value: int) -> list[list[Job]]:
    from frontline import testing
    from frontline.demo.synth import Synth

    synth = Synth(seed=seed_value)
    rng = synth.rng
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    jobs = []
    for _m in range(members):
        own = []
        for _j in range(per_member):
            occupants = [
                {
                    "name": synth.name(),
                    "id_number": synth.id_number()[0],
                    "phone": synth.mobile(),
                    "temperature": f"{rng.choice([36.1, 36.4, 36.6, 36.8, 37.0])}",
                }
                for _ in range(rng.randint(1, 3))
            ]
            client_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            body = {
                "client_uuid": client_uuid,
                "checkpoint_id": checkpoint_id,
                "plate": f"赣{rng.choice('BCDFK')}{rng.choice(letters)}{rng.randrange(10**4):04d}",
                "vehicle_type": rng.choice(["car", "truck", "bus"]),
                "direction": rng.choice(["in", "out"]),
                "origin": {"code": rng.choice(["4403", "3607", "3601"]), "text": ""},
                "destination": {"code": testing.GAOXING, "text": "返乡"},
                "occupants": occupants,
            }
            own.append(Job(client_uuid, body, len(occupants)))
        jobs.append(own)
    return jobs


# ---------------------------------------------------------------------------------------------------
# Clients


@dataclass
class ClientStats:
    requests: int = 0
    retries: int = 0
    created: int = 0  # answered 201
    replayed: int = 0  # answered 200: the server already had it (a retry after a lost answer)
    done: set = field(default_factory=set)
    gave_up: list = field(default_factory=list)
    server_errors: list = field(default_factory=list)
    client_errors: list = field(default_factory=list)
    network_errors: Counter = field(default_factory=Counter)
    latencies: list = field(default_factory=list)


def _acknowledges(text: str, client_uuid: str) -> bool:
    try:
        return json.loads(text).get("client_uuid") == client_uuid
    except (ValueError, AttributeError):
        return False


def run_member(
    port: int,
    token: str,
    jobs: list[Job],
    stats: ClientStats,
    *,
    timeout: float,
    max_attempts: int,
    max_seconds: float,
) -> None:
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Connection": "close",
    }
    for job in jobs:
        # The phone stamps the entry once; every retry sends the very same body.
        job.body["registered_at"] = dt.datetime.now(dt.UTC).isoformat()
        payload = json.dumps(job.body, ensure_ascii=False).encode()
        started, attempt = time.monotonic(), 0
        while True:
            attempt += 1
            stats.requests += 1
            status, text = None, ""
            t0 = time.monotonic()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            try:
                conn.request("POST", API_PATH, body=payload, headers=headers)
                response = conn.getresponse()
                text = response.read().decode(errors="replace")
                status = response.status
                stats.latencies.append(time.monotonic() - t0)
            except (OSError, http.client.HTTPException) as exc:
                stats.network_errors[type(exc).__name__] += 1
            finally:
                conn.close()
            if status in (200, 201) and not _acknowledges(text, job.client_uuid):
                # A cut answer can parse as a status line with an empty body: not an acknowledgement.
                stats.network_errors["TruncatedBody"] += 1
                status = None
            if status in (200, 201):
                if status == 201:
                    stats.created += 1
                else:
                    stats.replayed += 1
                stats.done.add(job.client_uuid)
                break
            if status is not None and status >= 500:
                stats.server_errors.append((job.client_uuid, status, text[:300]))
            elif status is not None:
                # A refusal is not a network fault: retrying the same body cannot help.
                stats.client_errors.append((job.client_uuid, status, text[:300]))
                break
            if attempt >= max_attempts or time.monotonic() - started > max_seconds:
                stats.gave_up.append(job.client_uuid)
                break
            stats.retries += 1
            time.sleep(min(1.0, 0.05 * 2 ** (attempt - 1)) * (0.5 + secrets.randbelow(1000) / 1000))


# ---------------------------------------------------------------------------------------------------
# Verification


def verify(jobs: list[list[Job]], duty_people: int) -> dict:
    from django.db.models import Count

    from frontline.audit.models import AuditEvent
    from frontline.checkpoints.models import Occupant, Registration
    from frontline.people.models import Person

    flat = [j for own in jobs for j in own]
    expected = {uuid.UUID(j.client_uuid): j.occupants for j in flat}
    found = Counter(
        Registration.objects.filter(client_uuid__in=list(expected)).values_list("client_uuid", flat=True)
    )
    total = Registration.objects.count()
    lost = [str(u) for u in expected if found[u] == 0]
    duplicated = sum(n - 1 for n in found.values() if n > 1) + max(0, total - len(expected))
    per_reg = dict(Registration.objects.annotate(n=Count("occupants")).values_list("client_uuid", "n"))
    wrong_occupants = [str(u) for u, n in expected.items() if u in per_reg and per_reg[u] != n]
    audit = AuditEvent.objects.filter(action="create", object_type="checkpoints.registration").count()
    return {
        "expected": len(expected),
        "registrations": total,
        "lost": len(lost),
        "lost_sample": lost[:5],
        "duplicated": duplicated,
        "occupants": Occupant.objects.count(),
        "occupants_expected": sum(expected.values()),
        "registrations_with_wrong_occupants": len(wrong_occupants),
        # Every occupant carries a distinct synthetic ID number: one person each, plus the duty members.
        "persons": Person.objects.count(),
        "persons_expected": sum(expected.values()) + duty_people,
        "audit_creates": audit,
    }


# ---------------------------------------------------------------------------------------------------


def _percentile(values: list[float], q: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--per-member", type=int, default=50)
    parser.add_argument("--fault-rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--pg-url", default=os.environ.get("LOAD_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=5.0, help="client timeout per request (s)")
    parser.add_argument("--max-attempts", type=int, default=25, help="per registration")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="per registration, retries included")
    parser.add_argument("--run-seconds", type=float, default=900.0, help="bound on the whole client phase")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (logs, SQLite file)"
    )
    args = parser.parse_args(argv)
    if not (0 <= args.fault_rate < 1) or args.members < 1 or args.per_member < 1:
        parser.error("need members >= 1, per-member >= 1 and 0 <= fault-rate < 1")

    tmp = Path(tempfile.mkdtemp(prefix="frontline-load-"))
    pg_name = None
    if args.db == "sqlite":
        database_url = f"sqlite:///{tmp / 'load.sqlite3'}"
    else:
        import psycopg

        pg_name = f"load_{secrets.token_hex(6)}"
        with psycopg.connect(_pg_admin_dsn(args.pg_url), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{pg_name}"')
        database_url = _pg_url_for(args.pg_url, pg_name)

    (tmp / "static").mkdir()
    env = _server_env(database_url, tmp)
    os.environ.update(env)
    for k in [k for k in os.environ if k.startswith("FRONTLINE_") and k not in env]:
        del os.environ[k]
    server = proxy = None
    violations: list[str] = []
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        t = time.monotonic()
        call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)
        checkpoint_id, tokens, duty_people = seed(args.members, args.run_seconds)
        jobs = make_jobs(checkpoint_id, args.members, args.per_member, args.seed)
        connections.close_all()
        setup_s = time.monotonic() - t

        server = Gunicorn(env, tmp, args.workers, args.threads)
        server.wait_ready()
        proxy = FaultProxy(
            upstream_port=server.port, fault_rate=args.fault_rate, seed=args.seed, client_timeout=args.timeout
        )
        proxy_port = proxy.start()

        stats = [ClientStats() for _ in range(args.members)]
        threads = [
            threading.Thread(
                target=run_member,
                args=(proxy_port, tokens[i], jobs[i], stats[i]),
                kwargs={
                    "timeout": args.timeout,
                    "max_attempts": args.max_attempts,
                    "max_seconds": args.max_seconds,
                },
                name=f"member-{i}",
                daemon=True,
            )
            for i in range(args.members)
        ]
        t0 = time.monotonic()
        for th in threads:
            th.start()
        deadline = t0 + args.run_seconds
        for th in threads:
            th.join(max(0.0, deadline - time.monotonic()))
        elapsed = time.monotonic() - t0
        stuck = sum(th.is_alive() for th in threads)
        proxy.stop()
        server.stop()
        findings = server.log_findings()
        result = verify(jobs, duty_people)
        connections.close_all()

        latencies = [x for s in stats for x in s.latencies]
        n = args.members * args.per_member
        network_errors = sum((s.network_errors for s in stats), Counter())
        summary = {
            "db": args.db,
            "members": args.members,
            "per_member": args.per_member,
            "fault_rate": args.fault_rate,
            "seed": args.seed,
            **result,
            "requests": sum(s.requests for s in stats),
            "retries": sum(s.retries for s in stats),
            "answered_201": sum(s.created for s in stats),
            "answered_200_replay": sum(s.replayed for s in stats),
            "acknowledged": sum(len(s.done) for s in stats),
            "gave_up": sum(len(s.gave_up) for s in stats),
            "client_5xx": sum(len(s.server_errors) for s in stats),
            "client_4xx": sum(len(s.client_errors) for s in stats),
            "network_errors": dict(network_errors),
            "faults": {k: proxy.counts[k] for k in FAULTS if proxy.counts[k]},
            "proxy_errors": {k: v for k, v in proxy.counts.items() if k.startswith("proxy_error")},
            "connections": proxy.counts["connections"],
            "forwarded": proxy.counts["forwarded"],
            "server_5xx": findings["server_5xx"],
            "server_statuses": findings["statuses"],
            "server_log_markers": findings["markers"],
            "stuck_clients": stuck,
            "p50_ms": round(_percentile(latencies, 50) * 1000, 1),
            "p95_ms": round(_percentile(latencies, 95) * 1000, 1),
            "max_ms": round(max(latencies, default=0) * 1000, 1),
            "seconds": round(elapsed, 2),
            "registrations_per_s": round(n / elapsed, 1) if elapsed else 0.0,
            "requests_per_s": round(sum(s.requests for s in stats) / elapsed, 1) if elapsed else 0.0,
            "setup_seconds": round(setup_s, 1),
        }
        checks = [
            (summary["lost"] == 0, f"{summary['lost']} registrations lost: {result['lost_sample']}"),
            (summary["duplicated"] == 0, f"{summary['duplicated']} registrations duplicated"),
            (
                summary["registrations"] == n,
                f"{summary['registrations']} registrations in the database, expected {n}",
            ),
            (
                summary["occupants"] == summary["occupants_expected"],
                f"{summary['occupants']} occupants, expected {summary['occupants_expected']}",
            ),
            (summary["registrations_with_wrong_occupants"] == 0, "registrations with the wrong occupants"),
            (
                summary["persons"] == summary["persons_expected"],
                f"{summary['persons']} persons, expected {summary['persons_expected']}",
            ),
            (summary["audit_creates"] == n, f"{summary['audit_creates']} audit events, expected {n}"),
            (
                summary["acknowledged"] == n,
                f"{summary['acknowledged']} acknowledged to clients, expected {n}",
            ),
            (summary["client_5xx"] == 0, f"{summary['client_5xx']} answers >= 500 seen by clients"),
            (summary["server_5xx"] == 0, f"{summary['server_5xx']} answers >= 500 in gunicorn's access log"),
            (
                not summary["server_log_markers"],
                f"gunicorn error log: {findings['markers']} {findings['samples']}",
            ),
            (summary["client_4xx"] == 0, f"refusals: {[e for s in stats for e in s.client_errors][:3]}"),
            (summary["gave_up"] == 0, f"{summary['gave_up']} registrations given up after bounded retries"),
            (stuck == 0, f"{stuck} client threads still running at the time bound"),
        ]
        violations = [msg for ok, msg in checks if not ok]
        summary["violations"] = violations
        _print_summary(summary)
        print("LOAD-RESULT " + json.dumps(summary, ensure_ascii=False, sort_keys=True), flush=True)
    except Exception as exc:
        violations.append(f"scenario failed: {type(exc).__name__}: {exc}")
        print(f"LOAD-FAILED {violations[-1]}", file=sys.stderr, flush=True)
        raise
    finally:
        if proxy is not None:
            proxy.stop()
        if server is not None:
            server.stop()
        if pg_name:
            import psycopg

            try:
                from django.db import connections

                connections.close_all()
            except Exception:  # noqa: S110 - Django may not have started
                pass
            with psycopg.connect(_pg_admin_dsn(args.pg_url), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        if args.keep or violations:
            print(
                f"kept {tmp} (gunicorn logs{', SQLite file' if args.db == 'sqlite' else ''})", file=sys.stderr
            )
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if violations else 0


def _print_summary(s: dict) -> None:
    print(f"== load: {s['db']}, {s['members']} members x {s['per_member']}, fault rate {s['fault_rate']}")
    print(
        f"registrations: expected {s['expected']}, in database {s['registrations']}, "
        f"lost {s['lost']}, duplicated {s['duplicated']}"
    )
    print(
        f"occupants {s['occupants']}/{s['occupants_expected']}, persons {s['persons']}/{s['persons_expected']}, "
        f"audit events {s['audit_creates']}"
    )
    print(
        f"requests {s['requests']} (retries {s['retries']}), answers 201: {s['answered_201']}, "
        f"200 (replay of a stored entry): {s['answered_200_replay']}, gave up {s['gave_up']}"
    )
    print(
        f"faults injected {sum(s['faults'].values())}: {s['faults']}; client-side errors {s['network_errors']}"
    )
    print(
        f"server errors: clients saw {s['client_5xx']}, gunicorn logged {s['server_5xx']} 5xx, "
        f"log markers {s['server_log_markers'] or 'none'}"
    )
    print(
        f"latency p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, max {s['max_ms']} ms; "
        f"{s['seconds']} s, {s['registrations_per_s']} registrations/s, {s['requests_per_s']} requests/s"
    )
    print("OK: 0 lost, 0 duplicated, 0 server errors" if not s["violations"] else "VIOLATIONS:")
    for v in s["violations"]:
        print(f"  - {v}")


if __name__ == "__main__":
    sys.exit(main())
