"""Benchmark: time per report and per page, peak memory, against pdfplumber's own word extraction.

Usage: .venv/bin/python scripts/bench.py [FILE ...]
Without files it makes a set of 5–8 page PDFs (both formats, ruled and not) in a temporary folder and adds the
real PDFs of ../shared/corpus/real. Prints one line per report and a summary; not a test.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from gdchecker.check import check_file  # noqa: E402


def _make_set(folder: Path) -> list[Path]:
    from tests.makers import make_values, write_pdf

    out = []
    for i, (version, year, kw) in enumerate([
        ("2021", 2023, {}), ("2021", 2024, {"ruled": False}), ("2019", 2020, {}),
        ("2021", 2022, {"split_pages": True}), ("2019", 2019, {"ruled": False, "split_pages": True}),
        ("2021", 2025, {"split_pages": True, "repeat_header": True}),
    ]):
        p = folder / f"bench-{i}-{version}.pdf"
        write_pdf(str(p), version, year, "某市某局", make_values(version, seed=i), **kw)
        out.append(p)
    real = ROOT.parent / "shared" / "corpus" / "real"
    out += sorted(real.glob("*/*.pdf"))
    return out


def _pdfplumber_words(path: Path) -> float:
    t = time.perf_counter()
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_words()
    return time.perf_counter() - t


def _pages(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 1
    with pdfplumber.open(str(path)) as pdf:
        return len(pdf.pages)


def main(argv: list[str]) -> int:
    tmp = tempfile.TemporaryDirectory()
    files = [Path(a) for a in argv] or _make_set(Path(tmp.name))
    check_file(str(files[0]))  # warm imports
    rows = []
    for f in files:
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            res = check_file(str(f))
            runs.append(time.perf_counter() - t)
        ours = min(runs)
        base = min(_pdfplumber_words(f) for _ in range(2)) if f.suffix.lower() == ".pdf" else float("nan")
        pages = _pages(f)
        status = "error " + res.error.code if res.error else f"{len(res.findings or [])} findings"
        rows.append((f.name, pages, ours, base))
        print(f"{f.name[:44]:46s} {pages:3d} pp  {ours * 1000:7.1f} ms  {ours / pages * 1000:6.1f} ms/page"
              f"  pdfplumber words {base * 1000:7.1f} ms  ratio {ours / base:4.2f}  ({status})")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_report = statistics.median(r[2] for r in rows)
    per_page = statistics.median(r[2] / r[1] for r in rows)
    ratios = [r[2] / r[3] for r in rows if r[3] == r[3]]
    print(f"\nmedian per report {per_report * 1000:.0f} ms, per page {per_page * 1000:.1f} ms, "
          f"median ratio to pdfplumber words {statistics.median(ratios):.2f}, peak memory {peak_mb:.0f} MB")
    sample = ROOT / "gdchecker" / "resources" / "sample" / "sample-2023.pdf"
    for f in (files[0], sample):
        print(f"cold single-file `gdchecker check --json --no-cache {f.name}`: median of 5 fresh processes "
              f"{_cold(f):.2f} s")
    return 0


def _cold(path: Path, runs: int = 5) -> float:
    """Wall time of a whole fresh process checking one file (nothing remembered from an earlier run)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gdchecker", "check", str(path), "--json", "--no-cache"],
                       capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
