"""Benchmark: a generated region of N unit reports (PDF and text by turns, 2021 format) and its aggregate; seconds for
`gdchecker rollup` as a whole (reading every report in parallel, then comparing) and for the comparison alone.

Usage: .venv/bin/python scripts/bench_rollup.py [N=30] [WORKERS]   (not a test)
"""

from __future__ import annotations

import copy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gdchecker import batch  # noqa: E402
from gdchecker.check import check_file  # noqa: E402
from gdchecker.rollup import rollup  # noqa: E402
from tests.makers import iter_cells, make_values, write_pdf, write_text  # noqa: E402


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 30
    workers = argv[1] if len(argv) > 1 else "0"
    with tempfile.TemporaryDirectory() as tmp:
        units = Path(tmp) / "各单位"
        units.mkdir()
        made = []
        for i in range(n):
            v = make_values("2021", seed=i)
            (write_pdf if i % 2 == 0 else write_text)(units / f"u{i:03d}.{'pdf' if i % 2 == 0 else 'txt'}", "2021",
                                                      2023, f"某市第{i}局", v)
            made.append(v)
        agg = copy.deepcopy(made[0])
        for t, r, c, _ in iter_cells(agg):
            s = sum(u[t][r][c] for u in made)
            agg[t][r][c] = round(s, 2) if isinstance(s, float) else s
        agg["applications"]["granted"]["natural_person"] += 1
        write_pdf(Path(tmp) / "全市报告.pdf", "2021", 2023, "某市", agg)
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "gdchecker", "rollup", f"{tmp}/全市报告.pdf", str(units), "--quiet",
                            "--workers", workers], capture_output=True, text=True, cwd=ROOT)
        whole = time.perf_counter() - t
        print(p.stdout.splitlines()[2] if p.returncode < 2 else p.stdout)
        t = time.perf_counter()
        results = batch.run(batch.find_reports([str(units)]))
        print(f"reading the {n} units alone (batch.run): {time.perf_counter() - t:.1f} s")
        aggregate = check_file(f"{tmp}/全市报告.pdf")
        t = time.perf_counter()
        r = rollup(aggregate, results)
        alone = time.perf_counter() - t
        print(f"{n} units: gdchecker rollup {whole:.1f} s (exit {p.returncode}), the comparison alone {alone * 1000:.0f} ms,"
              f" {len(r.mismatches)} mismatch(es)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
