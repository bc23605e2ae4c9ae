"""Daily brief and report templates on the Xingguo demo (26 townships, 294 villages, ~21,900 people).

Ratios printed:
- brief(county) / brief(village): how the whole-county brief costs against the smallest one (every
  registered figure is one indexed prefix count, so this should stay small);
- template(one row per village) / template(the county itself): the cost of a 294-row upward form
  against a one-row form, per row;
- brief(county) / one figure(county): the brief's cost in units of one figure.
"""

import datetime as dt
import io
import os

from bench.common import best_of, cleanup, peak_rss_mb, setup_django

DAY = dt.date(2020, 2, 19)


def main():
    os.environ.setdefault("FRONTLINE_TODAY", "2020-02-19")
    work = setup_django()
    try:
        from django.core.management import call_command

        call_command("seed_demo", quiet_logins=True, verbosity=0, stdout=io.StringIO())
        from frontline.core.figures import all_figures, compute
        from frontline.publicity.brief import daily_brief
        from frontline.publicity.models import ReportTemplate
        from frontline.publicity.reports import produce

        keys = [f.key for f in all_figures()]
        county = best_of(lambda: daily_brief("360732", DAY), 5)
        village = best_of(lambda: daily_brief("360732217203", DAY), 5)
        one = best_of(lambda: compute("360732", DAY, DAY, keys=keys[:1]), 5)
        t = ReportTemplate(
            name="bench",
            granularity="villages",
            columns=[{"key": k, "header": k} for k in keys],
            with_total=True,
        )
        per_village = best_of(lambda: produce(t, "360732", DAY), 3)
        t.granularity = "self"
        one_row = best_of(lambda: produce(t, "360732", DAY), 5)
        print(f"figures registered: {len(keys)}")
        print(
            f"brief county {county * 1000:.1f} ms, village {village * 1000:.1f} ms, ratio {county / village:.2f}"
        )
        print(f"brief county / one figure: {county / one:.1f} (figures: {len(keys)})")
        print(
            f"template 295 rows {per_village * 1000:.0f} ms vs 1 row {one_row * 1000:.1f} ms: "
            f"ratio {per_village / one_row:.0f} for 295x the rows"
        )
        print(f"peak RSS {peak_rss_mb():.0f} MB")
    finally:
        cleanup(work)
