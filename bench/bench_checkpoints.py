"""Checkpoint registration throughput through the whole stack, as a ratio.

One gunicorn (in the venv, on a free 127.0.0.1 port, against a throw-away SQLite database) serves
both targets with the same workers:
  - POST /api/v1/checkpoint-registrations/ with a Bearer token, a duty member on shift, three
    occupants (ID numbers, mobiles, temperatures validated; people upserted; encrypted; audited);
  - GET /checkpoints/bench-bare/, a view that does nothing, behind the same middleware
    (mounted only with FRONTLINE_BENCH=1).
Prints requests per second of each and `registration/bare ratio: X (goal >= 0.5)`. BENCH_DB=postgres
runs the same on a throw-away PostgreSQL database (BENCH_PG_URL, default the local server). Bounded request
counts; the load generator is a few client threads in this process.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import ROOT, cleanup, setup_django

WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
# Requests each target gets before it is timed, so that what is measured is the steady state of
# every worker (imports, schemas, caches of the first request), the same for both targets.
WARM = 10 * WORKERS
# Registrations made in this process at the end, each SQL statement and commit timed: the database
# work of one registration, which no code around it can avoid (see database_floor).
FLOOR = 100
# Registrations (and bare requests) driven through the WSGI handler in this process, CPU timed.
IN_PROCESS = 200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare():
    """Cast, a checkpoint with the duty member on the current and next shifts, a token, payloads."""
    import datetime as dt

    from frontline import testing
    from frontline.accounts.services import api_token_issue
    from frontline.checkpoints.models import Checkpoint, HighRiskArea
    from frontline.checkpoints.tests.conftest import put_on_shift
    from frontline.core import clock

    testing.make_divisions()
    users = testing.make_users()
    duty = users["xgwest_duty"]
    cp = Checkpoint.objects.create(
        name="泉南高速兴国西出口",
        kind="highway_exit",
        division_code=testing.GAOXING,
        active_from=clock.today(),
    )
    HighRiskArea.objects.create(
        code="42", name="湖北", valid_from=dt.date(2020, 1, 23), division_code="360732"
    )
    put_on_shift(cp, duty)
    put_on_shift(cp, duty, clock.now() + dt.timedelta(hours=12))
    token = api_token_issue(actor=None, user=duty, name="bench", days=1)
    bodies = []
    for i in range(REQUESTS + WARM + FLOOR + IN_PROCESS):
        bodies.append(
            json.dumps(
                {
                    "client_uuid": str(uuid.uuid4()),
                    "checkpoint_id": cp.pk,
                    "plate": f"赣B{i:05d}",
                    "vehicle_type": "car",
                    "direction": "in",
                    "origin": {"code": "4419", "text": "东莞"},
                    "destination": {"code": testing.GAOXING, "text": ""},
                    "occupants": [
                        {
                            "name": "钟伟",
                            "id_number": testing.valid_id(),
                            "phone": testing.valid_mobile() if n == 0 else "",
                            "temperature": "36.6",
                        }
                        for n in range(3)
                    ],
                }
            ).encode()
        )
    return token, bodies


def start_server(work: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "frontline.settings"}
    env["FRONTLINE_VAR_DIR"] = str(work)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [
            str(gunicorn),
            "frontline.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start: " + proc.stderr.read().decode()[-2000:])


def _server_cpu(master: int) -> float:
    """CPU seconds used so far by the gunicorn master and its workers (Linux /proc; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if master in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run(port: int, requests: list[tuple[str, str, bytes | None, dict]]) -> tuple[float, dict]:
    statuses: dict[int, int] = {}

    def one(req):
        method, path, body, headers = req
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status

    started, server0, client0 = time.perf_counter(), _server_cpu(SERVER_PID[0]), time.process_time()
    with ThreadPoolExecutor(CLIENTS) as pool:
        for status in pool.map(one, requests):
            statuses[status] = statuses.get(status, 0) + 1
    elapsed = time.perf_counter() - started
    CPU_MS[0] = (_server_cpu(SERVER_PID[0]) - server0) * 1000 / len(requests)
    CPU_MS[1] = (time.process_time() - client0) * 1000 / len(requests)
    return len(requests) / elapsed, statuses


SERVER_PID = [0]  # the gunicorn master, once started
CPU_MS = [0.0, 0.0]  # server, client CPU milliseconds per request of the last run()


# Production settings, as a county would run it: DEBUG off (no query log, no debug toolbar of any
# kind), throw-away keys, persistent database connections per worker (DB_CONN_MAX_AGE, as
# docs/LOAD.md recommends), plain HTTP on loopback (no TLS redirect).
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-" + uuid.uuid4().hex * 2,
    "FRONTLINE_HASH_KEY": "bench-" + uuid.uuid4().hex * 2,
    "SECURE_SSL_REDIRECT": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DB_CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "60"),
}


def database_floor(token: str, bodies: list[bytes]) -> tuple[float, float]:
    """Milliseconds per registration spent in the database (statements, then commits), measured
    around the driver calls of registrations made through the real API in this process: the part
    of a registration's cost that no Python around it can remove."""
    import warnings

    from django.db import connection
    from django.test import Client

    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
    spent = [0.0, 0.0]

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - started

    commit = connection._commit

    def timed_commit():
        started = time.perf_counter()
        try:
            return commit()
        finally:
            spent[1] += time.perf_counter() - started

    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    connection._commit = timed_commit
    try:
        with connection.execute_wrapper(timed):
            for body in bodies:
                response = client.post(
                    "/api/v1/checkpoint-registrations/", body, content_type="application/json"
                )
                assert response.status_code == 201, response.content[:300]
    finally:
        del connection._commit
    return spent[0] * 1000 / len(bodies), spent[1] * 1000 / len(bodies)


def in_process(token: str, bodies: list[bytes]) -> tuple[float, float]:
    """CPU milliseconds per request of the bare view and of a registration driven straight through
    Django's WSGI handler in this process: no HTTP, no gunicorn, no client. What the application
    itself costs, apart from what serving it over HTTP adds to both targets."""
    import io
    import warnings

    from django.core.handlers.wsgi import WSGIHandler

    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
    handler = WSGIHandler()

    def call(method: str, path: str, body: bytes = b"", auth: bool = False) -> str:
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
        }
        if auth:
            environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        status = []
        b"".join(handler(environ, lambda s, headers, exc=None: status.append(s)))
        return status[0]

    for _ in range(WARM):
        call("GET", "/checkpoints/bench-bare/")
    started = time.process_time()
    for _ in bodies:
        assert call("GET", "/checkpoints/bench-bare/").startswith("200")
    bare = (time.process_time() - started) * 1000 / len(bodies)
    started = time.process_time()
    for body in bodies:
        assert call("POST", "/api/v1/checkpoint-registrations/", body, auth=True).startswith("201")
    return bare, (time.process_time() - started) * 1000 / len(bodies)


def _postgres_database():
    """BENCH_DB=postgres: a throw-away database on BENCH_PG_URL (default the local server)."""
    import psycopg

    from loadtest.registrations import DEFAULT_PG_URL, _pg_admin_dsn, _pg_url_for

    base = os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL)
    name = f"frontline_bench_{os.getpid()}"
    with psycopg.connect(_pg_admin_dsn(base), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(_pg_admin_dsn(base), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return _pg_url_for(base, name), drop


def main():
    from cryptography.fernet import Fernet

    # FRONTLINE_BENCH mounts the bare view, in gunicorn and in this process (in_process).
    os.environ.update(
        PRODUCTION_ENV, FRONTLINE_FIELD_KEYS=Fernet.generate_key().decode(), FRONTLINE_BENCH="1"
    )
    db_url, drop = None, None
    if os.environ.get("BENCH_DB") == "postgres":
        db_url, drop = _postgres_database()
    work = setup_django(db_url)
    port = free_port()
    proc = None
    try:
        token, bodies = prepare()
        proc = start_server(work, port)
        SERVER_PID[0] = proc.pid
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        run(port, [("GET", "/checkpoints/bench-bare/", None, {})] * WARM)
        run(
            port,
            [
                ("POST", "/api/v1/checkpoint-registrations/", b, headers)
                for b in bodies[REQUESTS : REQUESTS + WARM]
            ],
        )
        bare_rps, bare_status = run(port, [("GET", "/checkpoints/bench-bare/", None, {})] * REQUESTS)
        bare_cpu = tuple(CPU_MS)
        reg_rps, reg_status = run(
            port, [("POST", "/api/v1/checkpoint-registrations/", b, headers) for b in bodies[:REQUESTS]]
        )
        reg_cpu = tuple(CPU_MS)
        from django.db import connection

        from frontline.checkpoints.models import Occupant, Registration

        created = Registration.objects.count()
        print(f"database={connection.vendor} workers={WORKERS} clients={CLIENTS} requests={REQUESTS} each")
        print(f"bare view:     {bare_rps:8.1f} req/s  {bare_status}")
        print("  CPU per request: server {:.2f} ms, client {:.2f} ms".format(*bare_cpu))
        print(
            f"registration:  {reg_rps:8.1f} req/s  {reg_status}  ({created} records, {Occupant.objects.count()} occupants)"
        )
        print("  CPU per request: server {:.2f} ms, client {:.2f} ms".format(*reg_cpu))
        if reg_status != {201: REQUESTS} or created != REQUESTS + WARM:
            print("WARNING: not every registration was created")
        print(f"registration/bare ratio: {reg_rps / bare_rps:.2f} (goal >= 0.5)")
        proc.terminate()
        proc.wait(timeout=30)
        proc = None
        floor_bodies = bodies[REQUESTS + WARM : REQUESTS + WARM + FLOOR]
        in_process_bodies = bodies[REQUESTS + WARM + FLOOR :]
        statements, commit = database_floor(token, floor_bodies)
        db_ms = statements + commit
        print(
            f"database work per registration: {db_ms:.2f} ms (statements {statements:.2f}, commit {commit:.2f}; "
            f"{len(floor_bodies)} registrations in this process)"
        )
        bare_ms, reg_ms = in_process(token, in_process_bodies)
        print(
            f"in this process, through Django's WSGI handler (no HTTP): bare view {bare_ms:.2f} ms, "
            f"registration {reg_ms:.2f} ms of CPU ({len(in_process_bodies)} each)"
        )
        if connection.vendor == "sqlite":  # in-process CPU: a floor under the registration's cost
            bound = (bare_cpu[0] + bare_cpu[1]) / (bare_cpu[0] + db_ms + reg_cpu[1])
            print(
                f"bound: if a registration cost only the bare view plus its database work, ratio <= {bound:.2f}"
            )
        else:
            print(
                "  (wall time: the database server's work and the commit's wait; no bound is derived from it)"
            )
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        cleanup(work)
        if drop is not None:
            drop()


if __name__ == "__main__":
    main()
