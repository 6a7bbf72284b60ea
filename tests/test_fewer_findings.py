"""Fewer, clearer findings: blanks once a pattern, reading notes of one kind once a table, one finding a figure
of the text, and `info` findings in the text output only with --verbose."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from gdchecker.locate import locate
from gdchecker.model import CellRef, Finding, Severity
from gdchecker.read import read
from gdchecker.rules import check
from gdchecker.rules.grouping import MANY, group
from tests.corpus import REAL

SHUYANG = next(iter(REAL.glob("**/沭阳县发展和改革局*.html")), None)
PINGTAN = sorted(REAL.glob("**/*平潭*.txt"))


@pytest.mark.skipif(SHUYANG is None, reason="the shared corpus is not beside the checkout")
def test_five_blank_columns_are_one_finding():
    findings = check(locate(read(str(SHUYANG))))
    blanks = [f for f in findings if f.code == "values.blank"]
    assert len(blanks) == 1
    assert blanks[0].message.startswith("表三“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”这几列整列空白")
    assert {c.col for c in blanks[0].cells} == {"commercial", "research", "social_welfare", "legal_service", "other_org"}


@pytest.mark.skipif(not PINGTAN, reason="the shared corpus is not beside the checkout")
@pytest.mark.parametrize("path", PINGTAN, ids=lambda p: p.name[:12])
def test_reading_notes_of_one_kind_are_one_a_table(path):
    report = locate(read(str(path)))
    findings = check(report)
    per = Counter((f.code, f.table) for f in findings if f.severity == Severity.INFO)
    assert per and max(per.values()) == 1
    raw = Counter((f.code, f.table) for f in report.reading if f.severity == Severity.INFO)
    assert max(raw.values()) >= MANY  # the text really has many: they were merged, not lost
    for (code, table), n in raw.items():
        merged = [f for f in findings if f.code == code and f.table == table]
        cells = {c for f in report.reading if f.code == code and f.table == table for c in f.cells}
        assert {c for f in merged for c in f.cells} == cells  # every row's cells are still named
        if n >= MANY:
            assert f"有 {n} 行" in merged[0].message


def test_group_keeps_warnings_and_few_notes_apart():
    def note(row: str, code: str = "reading.digits_repaired", sev: Severity = Severity.INFO) -> Finding:
        return Finding(code, sev, f"{row} note", "applications", (CellRef("applications", row, "total"),))

    few = [note("granted"), note("partial")]
    assert group(few) == few
    warn = [note(r, "reading.digits_ambiguous", Severity.WARNING) for r in ("granted", "partial", "total")]
    assert group(warn) == warn
    many = [note(r) for r in ("granted", "partial", "total")]
    out = group([warn[0], *many])
    assert len(out) == 2 and out[0] is warn[0] and "有 3 行" in out[1].message


@pytest.mark.skipif(not PINGTAN, reason="the shared corpus is not beside the checkout")
def test_text_output_shows_notes_only_when_asked():
    run = [sys.executable, "-m", "gdchecker", "check", str(PINGTAN[0])]
    quiet = subprocess.run(run, capture_output=True, text=True, encoding="utf-8", check=False).stdout
    loud = subprocess.run([*run, "--verbose"], capture_output=True, text=True, encoding="utf-8", check=False).stdout
    assert "[提示]" not in quiet and "加 --verbose 显示" in quiet
    assert "[提示]" in loud and "加 --verbose 显示" not in loud
