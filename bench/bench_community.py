"""Community: the gathering counts of a township's villages side by side, and the cancelled-banquet
figure, as the number of records grows tenfold. Ratios against the small run and against the naive
one-count-per-village loop, in the same process."""

import datetime as dt

from bench.common import best_of, cleanup, setup_django

TOWNSHIP = "360732104"
VILLAGES = 30
OUTCOMES = ["cancelled", "postponed", "downsized", "held", "pending"]


def _seed(n: int) -> None:
    from frontline.community.models import Gathering

    Gathering.objects.all().delete()
    day = dt.date(2020, 1, 25)
    rows = [
        Gathering(
            division_code=f"{TOWNSHIP}{200 + i % VILLAGES:03d}",
            household_head="户主",
            kind="wedding_banquet",
            found_on=day + dt.timedelta(days=i % 25),
            outcome=OUTCOMES[i % 5],
            outcome_on=None if i % 5 == 4 else day + dt.timedelta(days=i % 25),
        )
        for i in range(n)
    ]
    Gathering.objects.bulk_create(rows, batch_size=5000)


def main():
    work = setup_django()
    try:
        from frontline.community import selectors
        from frontline.community.models import Gathering
        from frontline.core.figures import compute
        from frontline.core.policy import Policy
        from frontline.regions.models import Division

        Division.objects.create(code="360732", name="兴国县", level="county")
        Division.objects.create(code=TOWNSHIP, name="高兴镇", level="township", parent_id="360732")
        Division.objects.bulk_create(
            Division(code=f"{TOWNSHIP}{200 + i:03d}", name=f"村{i}", level="village", parent_id=TOWNSHIP)
            for i in range(VILLAGES)
        )
        user = type(
            "U",
            (),
            {
                "is_authenticated": True,
                "is_active": True,
                "division_id": TOWNSHIP,
                "roles": ["township_admin"],
            },
        )()
        policy = Policy(user)
        division = Division.objects.get(code=TOWNSHIP)
        lo, hi = dt.date(2000, 1, 1), dt.date(2020, 2, 19)

        def grouped():
            selectors.gathering_counts(policy=policy, division=division)

        def naive():
            for code in Division.objects.filter(parent_id=TOWNSHIP).values_list("code", flat=True):
                base = Gathering.objects.filter(division_code__startswith=code)
                base.count()
                for outcome in OUTCOMES:
                    base.filter(outcome=outcome).count()

        def figure():
            compute(TOWNSHIP, lo, hi, ["gatherings_cancelled"])

        results = {}
        for n in (2_000, 20_000):
            _seed(n)
            results[n] = (best_of(grouped, 5), best_of(naive, 5), best_of(figure, 5))
            g, nv, f = results[n]
            print(
                f"  {n:>6} gatherings: counts page {g * 1000:.1f} ms (one grouped query), "
                f"naive per-village counts (6 per village) {nv * 1000:.1f} ms, figure {f * 1000:.1f} ms"
            )
        (g1, _n1, f1), (g2, n2, f2) = results[2_000], results[20_000]
        print(f"  ×10 records → counts page ×{g2 / g1:.1f}, figure ×{f2 / f1:.1f}")
        print(f"  grouped vs naive at 20,000: naive / grouped = {n2 / g2:.1f}")
    finally:
        cleanup(work)
