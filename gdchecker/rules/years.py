"""Across years: this year's report against last year's of the same body.

上年结转 must be last year's 结转下年度继续办理, column by column; from the 2021 format, 现行有效件数 must be last
year's plus this year's 制发 less 废止; the same figures as last year in a whole table look copied. The previous
report may be a whole report, or the few figures a user typed in (see `Previous`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gdchecker.model import CellRef, Finding, Report, Severity
from gdchecker.rules.names import col_name, fmt, table_name

A = "applications"


@dataclass
class Previous:
    """What is known of last year: a whole report, or typed figures (carry_forward per column, in_force per row)."""

    year: int | None
    name: str  # how to name it in messages: the file, or “手工录入的上年数据”
    report: Report | None = None
    carry_forward: dict[str, int | float | None] = field(default_factory=dict)
    in_force: dict[str, int | float | None] = field(default_factory=dict)

    @classmethod
    def of(cls, report: Report, name: str) -> Previous:
        t = report.tables.get(A)
        cf = {c: cell.value for c, cell in (t.cells.get("carry_forward", {}) if t else {}).items()}
        a1 = report.tables.get("active_20_1")
        inf = {}
        if a1 is not None and a1.layout == "2021":
            inf = {r: row["in_force"].value for r, row in a1.cells.items() if "in_force" in row}
        return cls(report.year, name, report, cf, inf)


def agency_key(agency: str | None) -> str:
    """An agency's name for pairing: no spaces or brackets, 沐 read as 沭 (a common recognition slip)."""
    if not agency:
        return ""
    return re.sub(r"[\s（）()·]", "", agency).replace("沐阳", "沭阳")


def compare(report: Report, prev: Previous) -> list[Finding]:
    out: list[Finding] = []
    if report.year is not None and prev.year is not None and prev.year != report.year - 1:
        return out
    out += _carried(report, prev)
    out += _in_force(report, prev)
    if prev.report is not None:
        out += _copied(report, prev)
    return out


def _carried(report: Report, prev: Previous) -> list[Finding]:
    t = report.tables.get(A)
    if t is None or "carried_over" not in t.cells:
        return []
    out = []
    for col, cell in t.cells["carried_over"].items():
        last = prev.carry_forward.get(col)
        if last is None or cell.value is None or cell.value == last:
            continue
        ref = CellRef(A, "carried_over", col)
        out.append(Finding(
            "years.carried_over", Severity.WARNING,
            f"表三“{col_name(report, A, col)}”列：二、上年结转应等于上年报告（{prev.name}）的四、结转下年度继续办理 "
            f"{fmt(last)}，表中为 {fmt(cell.value)}", A, (ref,), expected=last, actual=cell.value))
    return out


def _in_force(report: Report, prev: Previous) -> list[Finding]:
    t = report.tables.get("active_20_1")
    if t is None or t.layout != "2021" or not prev.in_force:
        return []
    out = []
    for row, cells in t.cells.items():
        last = prev.in_force.get(row)
        vals = [cells.get(c).value if cells.get(c) else None for c in ("issued", "repealed", "in_force")]
        if last is None or None in vals:
            continue
        issued, repealed, now = vals
        want = last + issued - repealed  # type: ignore[operator]
        if now == want:
            continue
        label = "规章" if row == "regulation" else "行政规范性文件"
        out.append(Finding(
            "years.in_force", Severity.WARNING,
            f"{table_name('active_20_1')}“{label}”：现行有效件数应为上年 {fmt(last)} + 本年制发 {fmt(issued)} − 本年废止 "
            f"{fmt(repealed)} = {fmt(want)}，表中为 {fmt(now)}（上年报告：{prev.name}）", "active_20_1",
            (CellRef("active_20_1", row, "in_force"), CellRef("active_20_1", row, "issued"),
             CellRef("active_20_1", row, "repealed")), expected=want, actual=now))
    return out


def _copied(report: Report, prev: Previous) -> list[Finding]:
    assert prev.report is not None
    out = []
    for key, t in report.tables.items():
        old = prev.report.tables.get(key)
        if old is None or t.layout != old.layout:
            continue
        now = {(r, c): cell.value for r, row in t.cells.items() for c, cell in row.items()}
        then = {(r, c): cell.value for r, row in old.cells.items() for c, cell in row.items()}
        if now != then or not any(v not in (None, 0) for v in now.values()):
            continue  # all zeros twice is plausible for a small body
        first = next(iter(now))
        out.append(Finding("years.copied", Severity.WARNING,
                           f"{table_name(key)}的全部数字与上年报告（{prev.name}）完全相同，请确认是否照抄了上年数据",
                           key, (CellRef(key, *first),)))
    return out
