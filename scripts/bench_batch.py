"""Benchmark: a folder of N generated PDF reports checked in parallel; reports per minute and peak memory.

Usage: .venv/bin/python scripts/bench_batch.py [N=500] [WORKERS]   (not a test)
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gdchecker import batch  # noqa: E402
from tests.makers import make_values, write_pdf  # noqa: E402


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 500
    workers = int(argv[1]) if len(argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        for i in range(n):
            version = "2021" if i % 4 else "2019"
            write_pdf(f"{tmp}/r{i:04d}.pdf", version, 2023 if version == "2021" else 2020, f"某县第{i}局",
                      make_values(version, seed=i), ruled=bool(i % 2), split_pages=i % 3 == 0)
        print(f"made {n} PDF reports in {time.perf_counter() - t:.0f} s")
        paths = batch.find_reports([tmp])
        t = time.perf_counter()
        results = batch.run(paths, workers)
        batch.pair_years(results)
        dt = time.perf_counter() - t
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bad = sum(r.error is not None for r in results)
    print(f"checked {len(results)} reports in {dt:.1f} s: {len(results) / dt * 60:.0f} reports a minute "
          f"({bad} unreadable); peak memory {peak_self:.0f} MB in the main process, {peak_children:.0f} MB in a worker")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
