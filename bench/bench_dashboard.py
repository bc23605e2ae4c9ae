"""The county dashboard at county scale, as a ratio against hand-written SQL.

On a throw-away SQLite database: 1,000,000 checkpoint registrations over 60 days (1 in 100 with a
feverish occupant), 100,000 people (20,000 of them party members), spread over the cast's townships
and villages. Then, on the demo day:
  - dashboard: what the county dashboard computes through `frontline.dashboard.selectors` — every
    headline figure of the registry, the 28-day trend series and the township ranking;
  - raw SQL: the same aggregates over the big tables written by hand (the registry's figures over
    small or empty tables are counted on the dashboard side only, so the ratio is if anything high).
Prints both and `dashboard/raw-SQL ratio: X (goal <= 2)`. BENCH_DASH_ROWS shrinks the volume
(default 1000000); BENCH_DASH_PEOPLE (default 100000).
"""

import datetime as dt
import os
import random
import time
import uuid

from bench.common import best_of, cleanup, setup_django

ROWS = int(os.environ.get("BENCH_DASH_ROWS", "1000000"))
PEOPLE = int(os.environ.get("BENCH_DASH_PEOPLE", "100000"))
DAYS = 60
TODAY = dt.date(2020, 2, 19)
BATCH = 20_000


def _utc(moment: dt.datetime) -> str:
    # Django's SQLite backend stores aware datetimes as naive UTC text.
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")


def generate():
    from django.db import connection, transaction

    from frontline import testing
    from frontline.checkpoints.models import Checkpoint
    from frontline.people.models import Membership, Organization, Person

    testing.make_divisions()
    codes = [code for code, *_ in testing.DIVISIONS if len(code) in (9, 12)]
    rnd = random.Random(2020)
    checkpoints = Checkpoint.objects.bulk_create(
        Checkpoint(
            name=f"卡点{i}",
            kind="road",
            division_code=codes[i % len(codes)],
            active_from=TODAY - dt.timedelta(days=DAYS),
        )
        for i in range(300)
    )
    cps = [(c.pk, c.division_code) for c in checkpoints]

    t = time.perf_counter()
    with transaction.atomic():
        people = Person.objects.bulk_create(
            (
                Person(name=f"人{i}", division_code=codes[i % len(codes)], is_synthetic=True)
                for i in range(PEOPLE)
            ),
            batch_size=5_000,
        )
        orgs = {
            code: Organization.objects.create(name=f"{code}支部", kind="village_branch", division_code=code)
            for code in codes
        }
        Membership.objects.bulk_create(
            (
                Membership(
                    person=p,
                    organization=orgs[p.division_code],
                    kind="party_member",
                    division_code=p.division_code,
                )
                for p in people[: PEOPLE // 5]
            ),
            batch_size=5_000,
        )
    print(f"  {PEOPLE:,} people, {PEOPLE // 5:,} members: {time.perf_counter() - t:.1f} s", flush=True)

    tz = dt.timezone(dt.timedelta(hours=8))
    first = dt.datetime.combine(TODAY - dt.timedelta(days=DAYS - 1), dt.time.min, tzinfo=tz)
    span = DAYS * 86_400
    person_ids = [p.pk for p in people]
    reg_sql = (
        "INSERT INTO checkpoints_registration (client_uuid, checkpoint_id, plate, plate_province, "
        "vehicle_type, direction, origin_code, origin_text, destination_code, destination_text, "
        "registered_at, registered_by_id, occupant_count, has_fever, division_code, created_at) "
        "VALUES (?, ?, ?, '赣', 'car', 'in', '', '', '', '', ?, NULL, ?, ?, ?, ?)"
    )
    occ_sql = (
        "INSERT INTO checkpoints_occupant (registration_id, person_id, position, name, phone_enc, "
        "phone_hash, phone_masked, temperature, is_fever, division_code) "
        "VALUES (?, ?, 0, '发热者', '', '', '', '38.1', 1, ?)"
    )
    t = time.perf_counter()
    now = _utc(dt.datetime.now(dt.UTC))
    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM checkpoints_registration")
        next_id = cur.fetchone()[0] + 1
        done = 0
        while done < ROWS:
            n = min(BATCH, ROWS - done)
            regs, occs = [], []
            for k in range(n):
                cp, code = cps[rnd.randrange(len(cps))]
                # Busier early on (the week after 春节), like the demo's curve.
                offset = int(span * rnd.random() ** 1.3)
                at = _utc(first + dt.timedelta(seconds=offset))
                fever = rnd.random() < 0.01
                regs.append(
                    (uuid.uuid4().hex, cp, f"赣B{done + k:07d}"[-7:], at, rnd.randint(1, 4), fever, code, now)
                )
                if fever:
                    occs.append((next_id + k, person_ids[rnd.randrange(len(person_ids))], code))
            with transaction.atomic():
                cur.executemany(reg_sql, regs)
                cur.executemany(occ_sql, occs)
            next_id += n
            done += n
        cur.execute("ANALYZE")
    print(f"  {ROWS:,} registrations: {time.perf_counter() - t:.1f} s", flush=True)


def dashboard_queries():
    from frontline.dashboard import selectors
    from frontline.regions.models import Division

    county = Division.objects.get(code="360732")
    period = selectors.period_from(None, TODAY)
    trend = selectors.period_from(None, TODAY, default_days=selectors.SERIES_DAYS)
    selectors.headline(division=county, period=period)
    selectors.series(division=county, period=trend)
    selectors.ranking(division=county, period=period)


def raw_queries():
    """The same aggregates over the big tables, by hand: headline, 28-day series, township ranking."""
    from django.db import connection

    day_lo, day_hi = _day(TODAY), _day(TODAY + dt.timedelta(days=1))
    trend_lo = _day(TODAY - dt.timedelta(days=27))
    # Constant SQL, values as parameters.
    county = "360732%"
    with connection.cursor() as cur:
        # headline
        cur.execute(
            "SELECT COUNT(*), SUM(occupant_count) FROM checkpoints_registration WHERE division_code LIKE %s AND registered_at >= %s AND registered_at < %s",
            [county, day_lo, day_hi],
        )
        cur.execute(
            "SELECT COUNT(o.id) FROM checkpoints_registration r JOIN checkpoints_occupant o "
            "ON o.registration_id = r.id WHERE o.is_fever AND r.division_code LIKE %s "
            "AND r.registered_at >= %s AND r.registered_at < %s",
            [county, day_lo, day_hi],
        )
        cur.execute(
            "SELECT checkpoint_id, date(registered_at, '+8 hours') d, COUNT(*) n FROM checkpoints_registration "
            "WHERE division_code LIKE %s AND registered_at >= %s AND registered_at < %s GROUP BY checkpoint_id, d ORDER BY n DESC LIMIT 1",
            [county, day_lo, day_hi],
        )
        cur.execute(
            "SELECT COUNT(DISTINCT person_id) FROM people_membership WHERE division_code LIKE %s "
            "AND kind IN ('party_member', 'probationary_member')",
            [county],
        )
        cur.execute("SELECT COUNT(*) FROM checkpoints_checkpoint WHERE division_code LIKE %s", [county])
        # series
        cur.execute(
            "SELECT date(registered_at, '+8 hours') d, COUNT(*), SUM(occupant_count) FROM checkpoints_registration "
            "WHERE division_code LIKE %s AND registered_at >= %s AND registered_at < %s GROUP BY d",
            [county, trend_lo, day_hi],
        )
        cur.fetchall()
        cur.execute(
            "SELECT date(r.registered_at, '+8 hours') d, COUNT(o.id) FROM checkpoints_registration r "
            "JOIN checkpoints_occupant o ON o.registration_id = r.id WHERE o.is_fever "
            "AND r.division_code LIKE %s AND r.registered_at >= %s AND r.registered_at < %s GROUP BY d",
            [county, trend_lo, day_hi],
        )
        cur.fetchall()
        # ranking
        cur.execute(
            "SELECT substr(division_code, 1, 9) c, COUNT(*) FROM checkpoints_registration "
            "WHERE division_code LIKE %s AND registered_at >= %s AND registered_at < %s GROUP BY c",
            [county, day_lo, day_hi],
        )
        cur.execute(
            "SELECT substr(r.division_code, 1, 9) c, COUNT(o.id) FROM checkpoints_registration r "
            "JOIN checkpoints_occupant o ON o.registration_id = r.id WHERE o.is_fever "
            "AND r.division_code LIKE %s AND r.registered_at >= %s AND r.registered_at < %s GROUP BY c",
            [county, day_lo, day_hi],
        )
        cur.execute(
            "SELECT substr(division_code, 1, 9) c, COUNT(DISTINCT person_id) FROM people_membership "
            "WHERE division_code LIKE %s AND kind IN ('party_member', 'probationary_member') GROUP BY c",
            [county],
        )


def _day(day: dt.date) -> str:
    return _utc(dt.datetime.combine(day, dt.time.min, tzinfo=dt.timezone(dt.timedelta(hours=8))))


def main():
    os.environ["FRONTLINE_TODAY"] = TODAY.isoformat()
    work = setup_django()
    try:
        from django.conf import settings
        from django.db import connection, reset_queries

        settings.FRONTLINE_TODAY = TODAY.isoformat()
        generate()
        dashboard_queries()  # warm the caches (registry discovery, SQLite pages) on both sides
        raw_queries()
        settings.DEBUG = True
        reset_queries()
        dashboard_queries()
        n_queries = len(connection.queries)
        if os.environ.get("BENCH_DASH_PROFILE"):
            for q in sorted(connection.queries, key=lambda q: -float(q["time"]))[:8]:
                print(f"    {float(q['time']) * 1000:6.0f} ms  {q['sql'][:300]}")
        settings.DEBUG = False
        dash = best_of(dashboard_queries, repeat=3)
        raw = best_of(raw_queries, repeat=3)
        print(f"  county dashboard (headline + series + ranking): {dash * 1000:.0f} ms, {n_queries} queries")
        print(f"  the same aggregates in raw SQL: {raw * 1000:.0f} ms")
        print(f"dashboard/raw-SQL ratio: {dash / raw:.2f} (goal <= 2)")
    finally:
        cleanup(work)


if __name__ == "__main__":
    main()
