"""How fast and how right OCR of scans is: seconds per table page and per report (wall and CPU), peak memory, the
share of cells read right on clean and rough scans, error findings on scans of clean reports, and the installed
size of the extra. Not a test: run it by hand on a quiet machine.

    .venv/bin/python scripts/bench_ocr.py [--reports N] [--real]

Each report is read in a fresh process (peak memory is that process's, the model's load included).
Aims (issue 14): ≤ 3 s per table page, ≤ 15 s for a 6-page report, ≥ 99.5 % of cells right on clean 200 dpi
scans, ≥ 99 % on rough ones, no error finding on a scan of a clean report.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

USED = ("onnxruntime", "numpy")  # what gdchecker's OCR imports (plus the model file)
EXTRA = ("rapidocr-onnxruntime", "onnxruntime", "opencv-python", "numpy", "shapely", "pyclipper", "PyYAML",
         "six", "tqdm", "flatbuffers", "protobuf", "coloredlogs", "humanfriendly", "sympy", "mpmath", "packaging")


def one(scan: str, truth_json: str) -> dict:
    """Read one scan here and now (in the child process): times, cells, findings."""
    import resource
    import time

    from gdchecker.locate import locate
    from gdchecker.model import Severity
    from gdchecker.ocr.reader import read_scan
    from gdchecker.rules import check

    truth = json.loads(Path(truth_json).read_text(encoding="utf-8"))
    pages: list[float] = []
    wall, cpu = time.perf_counter(), time.process_time()
    last = [wall]

    def tick(done: int, total: int) -> None:
        now = time.perf_counter()
        pages.append(now - last[0])
        last[0] = now

    doc = read_scan(scan, Path(scan).read_bytes(), progress=tick)
    report = locate(doc)
    findings = check(report)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    table_pages = sorted({ln.page for ln in doc.lines if ln.grid is not None and ln.page})
    right = total = 0
    wrong = []
    for t, rows in truth["tables"].items():
        for r, cols in rows.items():
            for c, want in cols.items():
                total += 1
                table = report.tables.get(t)
                got = None if table is None else table.value(r, c)
                ok = got == want or (isinstance(want, float) and isinstance(got, (int, float)) and abs(got - want) < 1e-9)
                right += ok
                if not ok:
                    wrong.append(f"{t}.{r}.{c} {want!r}->{got!r}")
    errors = sorted({f.key() for f in findings if f.severity == Severity.ERROR})
    return {"pages": len(pages), "table_pages": len(table_pages), "wall": wall, "cpu": cpu,
            "table_page_wall": [pages[p - 1] for p in table_pages if p - 1 < len(pages)],
            "cells": total, "right": right, "wrong": wrong[:5], "errors": [list(map(str, e)) for e in errors],
            "expected_errors": truth.get("expected_errors", []),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(scan: Path, truth: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", str(scan), str(truth)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _installed_mb(names: tuple[str, ...] = EXTRA) -> float:
    total = 0
    for name in names:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for f in dist.files or []:
            p = Path(str(dist.locate_file(f)))
            if p.is_file():
                total += p.stat().st_size
    return total / 1e6


def _used_mb() -> float:
    from gdchecker.ocr import model

    path = model.rec_path()
    return _installed_mb(USED) + (path.stat().st_size / 1e6 if path else 0)


def _cases(n: int, real: bool, work: Path) -> list[tuple[str, str, Path, Path]]:
    from tests.corpus import REAL, TRUTH
    from tests.makers import make_values, write_pdf
    from tests.makers.scan import CLEAN, ROUGH, write_scan

    out = []
    for k in range(n):
        version, year = ("2021", 2023) if k % 2 == 0 else ("2019", 2020)
        values = make_values(version, seed=100 + k)
        pdf = work / f"gen{k}.pdf"
        write_pdf(pdf, version, year, "某市交通运输局", values, prose=True, split_pages=k % 3 == 2)
        truth = work / f"gen{k}.json"
        truth.write_text(json.dumps({"tables": values}, ensure_ascii=False), encoding="utf-8")
        for label, how in (("clean", CLEAN), ("rough", ROUGH)):
            out.append((f"generated-{version}-{k}", label, write_scan(pdf, work / f"gen{k}.{label}.pdf", seed=k, **how),
                        truth))
    if real:
        for name in ("KIROGOVCOMPARE/hzq2023_working.pdf", "putian-policy-opening-html/putian-szfb2019.chrome.pdf"):
            src = REAL / name
            if src.exists():
                for label, how in (("clean", CLEAN), ("rough", ROUGH)):
                    out.append((src.name, label, write_scan(src, work / f"{src.stem}.{label}.pdf", seed=2, **how),
                                TRUTH / f"{src.name}.truth.json"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=4, help="generated reports (each scanned clean and rough)")
    ap.add_argument("--real", action="store_true", help="also the shared real reports (hzq, putian)")
    ap.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(*args.one), ensure_ascii=False))
        return
    with tempfile.TemporaryDirectory() as tmp:
        rows = [(name, label, _child(scan, truth)) for name, label, scan, truth in _cases(args.reports, args.real, Path(tmp))]
    print(f"{'report':34} {'scan':5} {'pages':>5} {'s/report':>8} {'cpu s':>6} {'s/table pg':>10} {'MB':>5} "
          f"{'cells right':>12}  errors")
    by: dict[str, list[dict]] = {"clean": [], "rough": []}
    for name, label, r in rows:
        by[label].append(r)
        per = sum(r["table_page_wall"]) / max(1, len(r["table_page_wall"]))
        print(f"{name[:34]:34} {label:5} {r['pages']:>5} {r['wall']:>8.1f} {r['cpu']:>6.1f} {per:>10.2f} "
              f"{r['peak_mb']:>5.0f} {r['right']:>5}/{r['cells']:<6}  {r['errors'] or '-'} {r['wrong'] or ''}")
    for label, rs in by.items():
        if not rs:
            continue
        cells, right = sum(r["cells"] for r in rs), sum(r["right"] for r in rs)
        tp = [t for r in rs for t in r["table_page_wall"]]
        clean_errors = sum(bool(r["errors"]) for r in rs if not r["expected_errors"])
        print(f"{label}: {right}/{cells} cells right ({100 * right / cells:.2f} %), "
              f"{sum(tp) / len(tp):.2f} s a table page (max {max(tp):.2f}), "
              f"{sum(r['wall'] for r in rs) / len(rs):.1f} s a report of {sum(r['pages'] for r in rs) / len(rs):.1f} pages, "
              f"peak {max(r['peak_mb'] for r in rs):.0f} MB, clean reports with an error finding: {clean_errors}")
    print(f"installed size of the extra's packages: {_installed_mb():.0f} MB as pip installs them (rapidocr brings "
          f"OpenCV, unused); what OCR uses: {_used_mb():.0f} MB (onnxruntime, numpy, the model)")


if __name__ == "__main__":
    main()
