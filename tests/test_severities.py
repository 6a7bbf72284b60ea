"""The declared severity of every code (rules.severities) is the one its findings carry: checked where the code
makes them (every `Finding(` in gdchecker) and on the findings of real and of broken reports."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from gdchecker import formats
from gdchecker.check import check_file
from gdchecker.model import Finding, Report, Severity
from gdchecker.rules import all_rules, check
from gdchecker.rules.grouping import GROUPED
from gdchecker.rules.severities import REGION, SEVERITY, by_severity, summary
from tests.corpus import reports
from tests.makers import make_values
from tests.reports import drop, put, report_from_values, value

PACKAGE = Path(__file__).resolve().parents[1] / "gdchecker"
CALL = re.compile(r"\bFinding\(\s*(?P<code>\"[a-z_]+\.[a-z_]+\"|[A-Za-z_][\w\[\]\".]*)\s*,\s*Severity\.(?P<sev>[A-Z]+)")
CONSTANT = re.compile(r"^(?P<name>[A-Z_]+) = \"(?P<code>[a-z_]+\.[a-z_]+)\"", re.M)


def test_every_code_of_every_rule_is_declared_once() -> None:
    codes = [c for r in all_rules() for c in r.codes]
    assert sorted(codes) == sorted(SEVERITY)
    for r in all_rules():
        assert [c for _, cs in by_severity(r.codes) for c in cs] == sorted(r.codes, key=lambda c: SEVERITY[c].rank)


def test_summary() -> None:
    assert summary(("values.unreadable", "values.blank")) == "错误：values.unreadable；警告：values.blank"


def test_every_place_a_finding_is_made_uses_the_declared_severity() -> None:
    relation_codes = {rel.code for v in formats.versions() for rel in formats.load(v).relations}
    assert relation_codes
    seen: Counter[str] = Counter()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "serial.py":
            continue  # restores the findings the archive kept (their severity as kept), makes none
        src = path.read_text(encoding="utf-8")
        constants = {m["name"]: m["code"] for m in CONSTANT.finditer(src)}
        calls = [m.start() for m in re.finditer(r"\bFinding\(", src)]
        made = list(CALL.finditer(src))
        where = path.relative_to(PACKAGE)
        assert len(made) == len(calls), f"{where}: a Finding made in a way this test does not read"
        for m in made:
            sev = Severity[m["sev"]]
            code = m["code"]
            if code.startswith('"'):
                codes = {code.strip('"')}
            elif code in constants:
                codes = {constants[code]}
            elif code == "rel.code":  # the sums of formats/*.json
                codes = relation_codes
            elif code == "link.code":  # the relations across years of formats/*.json
                codes = {a.code for v in formats.versions() for a in formats.load(v).across_years}
            elif code == "code" and path.name == "grouping.py":  # notes said once for many rows
                codes = set(GROUPED)
            else:
                raise AssertionError(f"{where}: Finding({code}, …) names a code this test cannot resolve")
            for c in codes:
                declared = SEVERITY.get(c, REGION.get(c))
                assert declared == sev, f"{where}: {c} is made as {sev.value}, declared {declared}"
                seen[c] += 1
    assert len(seen) >= 30, seen  # most codes are made in plain sight


def _assert_declared(findings: list[Finding]) -> set[str]:
    for f in findings:
        assert f.severity == SEVERITY[f.code], f"{f.code}: {f.severity.value}, declared {SEVERITY[f.code].value}"
    return {f.code for f in findings}


def _broken(version: str) -> list[Report]:
    """Reports with errors of several kinds, made from a consistent one."""
    year = {"2019": 2020, "2021": 2023}[version]
    out = []
    r = report_from_values(version, year, make_values(version, 3))
    put(r, "applications", "new_received", "natural_person", (value(r, "applications", "new_received",
                                                                    "natural_person") or 0) + 5)
    out.append(r)
    r = report_from_values(version, year, make_values(version, 4),
                           prose=["本年度共收到政府信息公开申请 99999 件。", "数据统计期限为2001年1月1日至12月31日。"])
    put(r, "applications", "carried_over", "commercial", -3)
    out.append(r)
    r = report_from_values(version, year, make_values(version, 5))
    drop(r, "review_litigation")
    out.append(r)
    out.append(report_from_values(version, {"2019": 2023, "2021": 2020}[version], make_values(version, 6)))
    vals = make_values(version, 7)
    blanks = [("applications", row, "total") for row in list(vals["applications"])[:3]]
    out.append(report_from_values(version, year, vals, blanks=blanks))
    return out


@pytest.mark.parametrize("version", ("2019", "2021"))
def test_broken_reports_carry_the_declared_severities(version: str) -> None:
    seen: set[str] = set()
    for report in _broken(version):
        seen |= _assert_declared(check(report))
    assert {"applications.row_total", "values.negative", "structure.missing_table", "format.wrong_version",
            "values.blank"} <= seen, seen


def test_real_reports_carry_the_declared_severities() -> None:
    files = [p for p, _ in reports() if p.suffix in (".txt", ".md", ".html")]
    if not files:
        pytest.skip("the shared corpus is not here")
    seen: set[str] = set()
    for path in files:
        res = check_file(str(path))
        if res.findings is not None:
            seen |= _assert_declared(res.findings)
    assert any(SEVERITY[c] == Severity.INFO for c in seen) and any(SEVERITY[c] == Severity.WARNING for c in seen)
