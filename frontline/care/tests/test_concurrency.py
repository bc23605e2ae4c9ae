"""Concurrent disbursements against one allocation: exactly the ones that fit succeed, the balance
never goes negative. Real threads, each on its own database connection, on SQLite and PostgreSQL.

The default SQLite test database lives in memory (shared cache), where connections lock whole tables
and never wait: not how Frontline runs. So on SQLite the scenario runs in a child pytest against a
file database with the production options (WAL, IMMEDIATE transactions, busy timeout).
"""

import datetime as dt
import os
import subprocess
import sys
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from frontline import testing
from frontline.care import services
from frontline.care.models import Allocation, Disbursement
from frontline.testing import COUNTY, YUANTANG, make_person

THREADS = 8


@pytest.fixture
def setup(transactional_db):
    testing.make_divisions()
    users = testing.make_users()
    allocation = services.allocation_create(
        actor=users["county_finance"],
        title="并发测试",
        amount_fen=50_000,  # 500 yuan: room for exactly 5 payments of 100 yuan
        decided_on=dt.date(2020, 2, 5),
        decided_by="县委组织部",
        division_code=COUNTY,
    )
    return users["county_finance"], allocation, make_person(YUANTANG, "并发领款人")


def _memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and not connection.settings_dict["TEST"]["NAME"]


def test_concurrent_disbursements_never_overdraw(setup):
    if _memory_sqlite():
        pytest.skip("in-memory SQLite: run on a file database by the next test")
    actor, allocation, person = setup
    barrier = threading.Barrier(THREADS)
    results: list[str] = []
    lock = threading.Lock()

    def worker(n: int):
        try:
            barrier.wait(timeout=10)
            services.disbursement_create(
                actor=actor,
                allocation=allocation.pk,
                category="medical_worker",
                amount_fen=10_000,
                recipient_person=person,
                approver="部务会",
                voucher_number=f"T{n}",
                paid_on=dt.date(2020, 2, 10),
            )
            outcome = "ok"
        except ValidationError as exc:
            outcome = "refused" if "amount" in exc.message_dict else f"error {exc}"
        except Exception as exc:  # noqa: BLE001 - any other failure must show in the assertion
            outcome = f"error {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results) == ["ok"] * 5 + ["refused"] * (THREADS - 5), results
    allocation.refresh_from_db()
    assert allocation.disbursed_fen == allocation.amount_fen == 50_000
    assert sum(Disbursement.objects.values_list("amount_fen", flat=True)) == 50_000
    assert Allocation.objects.get(pk=allocation.pk).balance_fen == 0


def test_concurrent_disbursements_on_a_file_sqlite_database(tmp_path):
    if not _memory_sqlite():
        pytest.skip("this database is already a real one: the test above ran the scenario")
    env = {**os.environ, "SQLITE_TEST_NAME": str(tmp_path / "concurrency.sqlite3")}
    env.pop("DATABASE_URL", None)
    run = subprocess.run(  # noqa: S603 - our own test suite
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:xdist",
            "-p",
            "no:randomly",
            f"{__file__}::test_concurrent_disbursements_never_overdraw",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout[-3000:] + run.stderr[-2000:]
