"""What 十带头 deeds add to front-line work, and whether the discipline lists stay flat as data grows.

1. Work-event overhead: writing a work record and emitting `registration_done` (the deed handler
   aggregates one deed per person per day) against writing the record alone.
2. Negative list page (50 per page, scoped) with 5,000 entries against 50 entries.
3. Pending-acknowledgement page over 2,000 organization cadres against 200.
"""

import datetime as dt

from bench.common import best_of, cleanup, setup_django


def main():
    work = setup_django()
    try:
        _run()
    finally:
        cleanup(work)


def _run():
    from django.conf import settings
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    settings.FRONTLINE_TODAY = "2020-02-19"
    settings.ALLOWED_HOSTS = ["*"]
    from frontline import testing
    from frontline.core.events import emit_work_done
    from frontline.discipline.models import Acknowledgement, NegativeEntry
    from frontline.discipline.tests import factories as f
    from frontline.people.models import Cadre, Organization, Person

    testing.make_divisions()
    users = testing.make_users()
    member = f.member(testing.SHUITOU, "登记员").person
    at = timezone.make_aware(dt.datetime(2020, 2, 19, 9, 0))
    counter = iter(range(10**7))

    def records_alone(n=300):
        with transaction.atomic():
            for _ in range(n):
                Organization.objects.create(
                    kind="other", division_code=testing.GAOXING, name=f"r{next(counter)}"
                )

    def records_with_deeds(n=300):
        with transaction.atomic():
            for _ in range(n):
                r = Organization.objects.create(
                    kind="other", division_code=testing.GAOXING, name=f"r{next(counter)}"
                )
                emit_work_done(
                    kind="registration_done", person=member, obj=r, division_code=testing.GAOXING, at=at
                )

    base = best_of(records_alone)
    with_deeds = best_of(records_with_deeds)
    print(
        f"work record + deed handler vs record alone: {with_deeds / base:.2f}x  ({base / 300 * 1e3:.2f} ms → {with_deeds / 300 * 1e3:.2f} ms per record)"
    )

    cadre = f.org_cadre(testing.GAOXING, "干部")
    client = Client()
    client.force_login(users["county_leader"])

    def add_entries(n):
        NegativeEntry.objects.bulk_create(
            [
                NegativeEntry(
                    cadre=cadre,
                    category="other",
                    facts="事实",
                    occurred_on=dt.date(2020, 2, 1),
                    recorded_at=at,
                    division_code=cadre.division_code,
                )
                for _ in range(n)
            ]
        )

    add_entries(50)
    small = best_of(lambda: client.get("/discipline/negative/"), repeat=5)
    add_entries(4950)
    large = best_of(lambda: client.get("/discipline/negative/"), repeat=5)
    print(
        f"negative list page, 5,000 vs 50 entries: {large / small:.2f}x  ({small * 1e3:.1f} ms → {large * 1e3:.1f} ms)"
    )

    rs = f.rules(users)
    unit = cadre.unit

    def add_cadres(n):
        people = Person.objects.bulk_create(
            [Person(name=f"干部{i}", division_code=testing.GAOXING) for i in range(n)]
        )
        cadres = Cadre.objects.bulk_create(
            [Cadre(person=p, kind="org_cadre", unit=unit, division_code=testing.GAOXING) for p in people]
        )
        Acknowledgement.objects.bulk_create(
            [
                Acknowledgement(ruleset=rs, cadre=c, acknowledged_at=at, division_code=c.division_code)
                for c in cadres[::2]
            ]
        )

    add_cadres(200)
    small = best_of(lambda: client.get("/discipline/rules/pending/"), repeat=5)
    add_cadres(1800)
    large = best_of(lambda: client.get("/discipline/rules/pending/"), repeat=5)
    print(
        f"pending acknowledgements, 2,000 vs 200 cadres: {large / small:.2f}x  ({small * 1e3:.1f} ms → {large * 1e3:.1f} ms)"
    )


if __name__ == "__main__":
    main()
