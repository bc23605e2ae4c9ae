"""make bench: run every bench/bench_*.py (each has main() that prints its ratios), or only those named.

    python -m bench                 # all
    python -m bench checkpoints     # bench/bench_checkpoints.py only

Benchmarks measure ratios against a baseline measured in the same run on the same machine; they
never assert wall-clock limits. Record results in docs/PERFORMANCE.md.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv):
    here = Path(__file__).resolve().parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    wanted = [f"bench_{a}" for a in argv] or names
    for name in wanted:
        if name not in names:
            sys.exit(f"no benchmark {name}")
        print(f"== {name}", flush=True)
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
