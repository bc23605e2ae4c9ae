"""Returnee screening: the bulk path (Excel import, big-data push lists) against the one-by-one
service the web form uses, per row, in the same run. Ratios, never limits."""

import datetime as dt

from bench.common import best_of, cleanup, peak_rss_mb, setup_django

BULK_ROWS = 5000
SINGLE_ROWS = 200


def main():
    work = setup_django()
    try:
        _run()
    finally:
        cleanup(work)


def _rows(n, services, PersonRow, valid_id, division):
    return [
        services.ReturneeRow(
            person_row=PersonRow(name=f"返乡{i}", division_code=division, id_value=valid_id()),
            return_date=_today() - dt.timedelta(days=9),
            travel_mode="train",
            source="big_data",
            returned_from_code="4403",
            returned_from_text="广东省深圳市",
        )
        for i in range(n)
    ]


def _run():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from frontline import testing
    from frontline.people.services import PersonRow
    from frontline.quarantine import services
    from frontline.quarantine.models import Campaign

    testing.make_divisions()
    users = testing.make_users()
    actor = users["county_admin"]
    campaign = Campaign.objects.create(name="bench", division_code="360732", starts_on=dt.date(2020, 1, 20))

    def single():
        for r in _rows(SINGLE_ROWS, services, PersonRow, testing.valid_id, testing.YUANTANG):
            services.returnee_screen(
                actor=actor,
                campaign=campaign,
                person_row=r.person_row,
                return_date=r.return_date,
                travel_mode=r.travel_mode,
                source=r.source,
                returned_from_code=r.returned_from_code,
            )

    def bulk():
        rows = _rows(BULK_ROWS, services, PersonRow, testing.valid_id, testing.YUANTANG)
        with CaptureQueriesContext(connection) as ctx:
            services.returnees_bulk_screen(actor=actor, campaign=campaign, rows=rows)
        bulk.queries = len(ctx.captured_queries)

    t_single = best_of(single, repeat=1) / SINGLE_ROWS
    t_bulk = best_of(bulk, repeat=3) / BULK_ROWS
    print(f"returnee_screen one by one: {t_single * 1000:.2f} ms/row ({SINGLE_ROWS} rows)")
    print(
        f"returnees_bulk_screen:      {t_bulk * 1000:.3f} ms/row ({BULK_ROWS} rows, {bulk.queries} queries)"
    )
    print(
        f"bulk speed-up per row: {t_single / t_bulk:.1f}x; 100k rows ≈ {t_bulk * 100_000:.0f} s; peak RSS {peak_rss_mb():.0f} MB"
    )


def _today():
    from frontline.core import clock

    return clock.today()
