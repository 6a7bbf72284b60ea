"""Benchmark: the summary workbook of N reports (汇总, 问题清单, 说明); its size, the seconds to write it, and the
seconds LibreOffice (headless) takes to open it and convert it to PDF and to csv, a stand-in for opening it.

The reports are generated straight into sessions (tests/reports.py, both formats, every other one with wrong sums,
every fifth with blanks, one in fifty unreadable), so the numbers are the workbook's, not the reading's.

Usage: .venv/bin/python scripts/bench_summary_workbook.py [N=500] [--sheets]   (not a test)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gdchecker.edits import Corrections  # noqa: E402
from gdchecker.export.xlsx import Entry, write  # noqa: E402
from gdchecker.model import Severity  # noqa: E402
from gdchecker.session import Session  # noqa: E402
from tests.makers import make_values  # noqa: E402
from tests.reports import report_from_values  # noqa: E402

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
ROWS = ("granted", "partial", "carry_forward", "new_received")


def entry(i: int) -> Entry:
    path = f"/报告/第{i // 100 + 1}批/某县第{i}局2023年政府信息公开工作年度报告.pdf"
    if i % 50 == 49:
        return Entry(path, error_code="corrupt", error_message="PDF 文件已损坏或不完整，无法打开；请重新下载，或用原程序打开后重新保存")
    version, year = ("2021", 2023) if i % 4 else ("2019", 2020)
    values = make_values(version, seed=i)
    blanks = []
    if i % 2 == 0:  # wrong sums: one to four cells off, in several rows
        for k in range(1 + (i // 2) % 4):
            values["applications"][ROWS[k]][APPLICANTS[k]] += 1 + k
    if i % 5 == 0:
        blanks = [("applications", "partial", "research"), ("applications", "carry_forward", "other_org")]
    report = report_from_values(version, year, values, blanks=blanks, agency=f"某县第{i}局")
    return Entry(path, Session(path, report, Corrections(path, "")))


def libreoffice(soffice: str, workbook: Path, to: str, tmp: Path) -> float:
    t = time.perf_counter()
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", to,
                    "--outdir", str(tmp / to.split(":")[0]), str(workbook)], check=True, capture_output=True,
                   timeout=1800)
    return time.perf_counter() - t


def main(argv: list[str]) -> int:
    sheets = "--sheets" in argv
    numbers = [a for a in argv if not a.startswith("--")]
    n = int(numbers[0]) if numbers else 500
    t = time.perf_counter()
    entries = [entry(i) for i in range(n)]
    sessions = [e.session for e in entries if e.session is not None]
    findings = sum(len(s.findings) for s in sessions)
    errors = sum(s.counts()[Severity.ERROR] > 0 for s in sessions)
    print(f"made {n} reports' sessions in {time.perf_counter() - t:.1f} s: {errors} with errors, "
          f"{n - len(sessions)} unreadable, {findings} findings")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        t = time.perf_counter()
        out = write(tmp / "汇总.xlsx", entries, sheets=sheets)
        wrote = time.perf_counter() - t
        print(f"wrote the summary workbook{' with each report’s sheets' if sheets else ''} in {wrote:.2f} s: "
              f"{out.stat().st_size / 1e6:.2f} MB")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("LibreOffice is not installed: no opening time")
            return 0
        libreoffice(soffice, out, "csv", tmp)  # a first start makes LibreOffice's profile: not counted
        for to in ("csv", "pdf"):
            took = libreoffice(soffice, out, to, tmp)
            made = next((tmp / to).iterdir())
            pages = ""
            if to == "pdf" and shutil.which("pdfinfo"):
                info = subprocess.run(["pdfinfo", str(made)], capture_output=True, text=True).stdout
                pages = " " + next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages")), "?") \
                    + " pages"
            print(f"LibreOffice headless opened it and wrote {to} in {took:.1f} s ({os.path.getsize(made) / 1e6:.2f} MB"
                  f"{pages})")
            shutil.rmtree(tmp / to)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
