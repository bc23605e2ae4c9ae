"""Care ledger: what the overdraft guarantees cost, and how the ledger scales.

1. disbursement_create (locked transaction, balance check, conditional UPDATE under the database
   CheckConstraint, audit event) vs a bare Disbursement insert in a transaction.
2. 4 threads paying into one allocation at once vs one thread doing the same payments: writers are
   serialized by the lock, so the ratio shows the contention cost; no payment may fail or overdraw.
3. The printable ledger's running balance for 2,000 payments vs a bare values() read of them.
"""

import datetime as dt
import threading

from bench.common import best_of, cleanup, setup_django

N = 200


def main():
    work = setup_django()
    try:
        _run()
    finally:
        cleanup(work)


def _run():
    from django.db import connections, transaction

    from frontline import testing
    from frontline.care import selectors, services
    from frontline.care.models import Allocation, Disbursement
    from frontline.core.policy import Policy

    testing.make_divisions()
    users = testing.make_users()
    finance = users["county_finance"]
    person = testing.make_person(testing.YUANTANG, "领款人")
    counter = iter(range(10**9))

    def allocation(fen):
        return services.allocation_create(
            actor=finance,
            title="bench",
            amount_fen=fen,
            decided_on=dt.date(2020, 2, 5),
            decided_by="x",
            division_code=testing.COUNTY,
        )

    def pay(alloc):
        services.disbursement_create(
            actor=finance,
            allocation=alloc.pk,
            category="medical_worker",
            amount_fen=100,
            recipient_person=person,
            approver="a",
            voucher_number=f"B{next(counter)}",
            paid_on=dt.date(2020, 2, 10),
        )

    def bare(alloc):
        with transaction.atomic():
            Disbursement.objects.create(
                allocation=alloc,
                recipient_person=person,
                category="medical_worker",
                amount_fen=100,
                approver="a",
                voucher_number=f"B{next(counter)}",
                paid_on=dt.date(2020, 2, 10),
                division_code=person.division_code,
            )

    a1, a2 = allocation(10**9), allocation(10**9)
    service_s = best_of(lambda: [pay(a1) for _ in range(N)], repeat=3)
    bare_s = best_of(lambda: [bare(a2) for _ in range(N)], repeat=3)
    print(
        f"disbursement_create vs bare insert: {service_s / bare_s:.1f}x ({service_s / N * 1000:.2f} ms/payment)"
    )

    def threaded(alloc, threads=4):
        errors = []

        def worker():
            try:
                for _ in range(N // threads):
                    pay(alloc)
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)
            finally:
                connections.close_all()

        ts = [threading.Thread(target=worker) for _ in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        assert not errors, errors

    a3, a4 = allocation(N * 100), allocation(N * 100)
    serial_s = best_of(lambda: [pay(a3) for _ in range(N)], repeat=1)
    parallel_s = best_of(lambda: threaded(a4), repeat=1)
    a4.refresh_from_db()
    assert a4.balance_fen == 0 and Allocation.objects.get(pk=a4.pk).disbursed_fen == N * 100
    print(
        f"4 threads vs 1 thread, {N} payments into one allocation: {parallel_s / serial_s:.2f}x (no overdraft, no error)"
    )

    policy = Policy(users["county_leader"])
    big = allocation(10**9)
    Disbursement.objects.bulk_create(
        [
            Disbursement(
                allocation=big,
                recipient_person=person,
                category="party_member",
                amount_fen=100,
                approver="a",
                voucher_number=f"L{i}",
                paid_on=dt.date(2020, 2, 10),
                division_code=person.division_code,
            )
            for i in range(2000)
        ]
    )
    ledger_s = best_of(lambda: selectors.ledger_rows(policy=policy, allocation=big))
    values_s = best_of(lambda: list(Disbursement.objects.filter(allocation=big).values("id", "amount_fen")))
    print(
        f"ledger running balance, 2,000 rows vs bare values(): {ledger_s / values_s:.1f}x ({ledger_s * 1000:.0f} ms)"
    )
