"""Helpers for benchmarks: a throw-away database, timing, peak memory. Ratios, never limits."""

import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(db_url: str | None = None) -> Path:
    """Point Django at a fresh SQLite file (or DATABASE_URL/db_url), migrate, return the work dir."""
    work = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
    os.environ["FRONTLINE_VAR_DIR"] = str(work)
    if db_url:
        os.environ["DATABASE_URL"] = db_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    return work


def best_of(fn, repeat: int = 3) -> float:
    """Median seconds of `repeat` runs of fn()."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cleanup(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
