"""Sums: the official 勾稽 balance, row and column totals of 表三, the group totals of 表四 (from the format files)."""

from __future__ import annotations

from collections.abc import Iterator

from gdchecker import formats
from gdchecker.model import Cell, CellRef, Finding, Report, Severity, Table
from gdchecker.names import col_name, fmt, labelled, row_name, table_name
from gdchecker.rules import rule
from gdchecker.rules.context import NONE, Context

Num = int | float


def sum_value(c: Cell | None) -> Num | None:
    """A cell's number for sums: a blank counts as 0 (the blank rule says so); unreadable stops the sum."""
    if c is None or c.invalid:
        return None
    if c.value is None:
        return 0 if c.blank else None
    return c.value


def _eq(a: Num, b: Num) -> bool:
    return abs(a - b) < 1e-6


def relations(report: Report, table: Table) -> list[formats.Relation]:
    return formats.format_of(report, table.key).relations_of(table.key)


def _sum(report: Report, table: Table, rel: formats.Relation) -> Iterator[Finding]:
    cells = table.cells
    if rel.axis == "row":
        lines = [(r, [(r, c) for c in rel.parts], (r, rel.total)) for r in cells]
    else:
        cols = sorted({c for row in cells.values() for c in row}, key=_col_order(report, table))
        lines = [(c, [(p, c) for p in rel.parts], (rel.total, c)) for c in cols]
    for _, parts, total in lines:
        tcell = table.cell(*total)
        pcells = [table.cell(*p) for p in parts]
        present = [(p, c) for p, c in zip(parts, pcells) if c is not None]
        if tcell is None or len(present) < len(parts):
            continue  # a missing row or column is its own finding; a sum over what is left would mislead
        nums = [sum_value(c) for _, c in present]
        tval = sum_value(tcell)
        if tval is None or any(n is None for n in nums):
            continue
        expected = sum(nums)  # type: ignore[arg-type]
        if _eq(expected, tval) and not (tcell.blank and expected != 0):
            continue
        refs = (CellRef(table.key, *total), *(CellRef(table.key, *p) for p, _ in present))
        yield Finding(rel.code, Severity.ERROR, _sum_message(report, table, rel, total, expected, tcell),
                      table.key, refs, expected=expected, actual=tcell.value)


def _col_order(report: Report, table: Table):  # noqa: ANN202
    spec = formats.format_of(report, table.key).tables[table.key]
    order = {c.key: i for i, c in enumerate(spec.cols)}
    return lambda c: order.get(c, 99)


def _sum_message(report: Report, table: Table, rel: formats.Relation, total: tuple[str, str], expected: Num, cell: Cell) -> str:
    shown = "空白" if cell.blank else (cell.text or fmt(cell.value))
    if not labelled(table.key):
        group = col_name(report, table.key, total[1]).rsplit("·", 1)[0]
        return f"{table_name(table.key)}“{group}”的总计应为 {fmt(expected)}（{rel.parts_name}），表中为 {shown}"
    if rel.axis == "row":
        return (f"{table_name(table.key)}“{row_name(report, table.key, total[0])}”行：总计应为 {fmt(expected)}"
                f"（{rel.parts_name}），表中为 {shown}")
    return (f"{table_name(table.key)}“{col_name(report, table.key, total[1])}”列：{row_name(report, table.key, total[0])}应为 "
            f"{fmt(expected)}（{rel.parts_name}），表中为 {shown}")


def _balance(report: Report, table: Table, rel: formats.Relation) -> Iterator[Finding]:
    cols = sorted({c for row in table.cells.values() for c in row}, key=_col_order(report, table))
    broken: dict[str, tuple[Num, Finding]] = {}
    left_rows, right_rows = rel.left, rel.right
    for c in cols:
        cl = [table.cell(r, c) for r in left_rows]
        cr = [table.cell(r, c) for r in right_rows]
        if any(x is None for x in cl + cr):
            continue
        nl = [sum_value(x) for x in cl]
        nr = [sum_value(x) for x in cr]
        if any(x is None for x in nl + nr):
            continue
        left, right = sum(nl), sum(nr)  # type: ignore[arg-type]
        if _eq(left, right):
            continue
        target = right_rows[-1]
        expected = left - sum(nr[:-1])  # type: ignore[arg-type]
        tcell = table.cell(target, c)
        assert tcell is not None
        shown = "空白" if tcell.blank else (tcell.text or fmt(tcell.value))
        msg = (f"{table_name(table.key)}“{col_name(report, table.key, c)}”列不符合勾稽关系：第一项加第二项之和为 {fmt(left)}，"
               f"第三项加第四项之和为 {fmt(right)}；按此“{row_name(report, table.key, target)}”应为 {fmt(expected)}，表中为 {shown}")
        refs = (CellRef(table.key, target, c), *(CellRef(table.key, r, c) for r in left_rows),
                *(CellRef(table.key, r, c) for r in right_rows[:-1]))
        broken[c] = (left - right, Finding(rel.code, Severity.ERROR, msg, table.key, refs, expected, tcell.value))
    yield from _misfiled(report, table, broken)


def _misfiled(report: Report, table: Table, broken: dict[str, tuple[Num, Finding]]) -> Iterator[Finding]:
    """Two applicant columns off by +d and −d while the total balances: one application filed in the wrong column."""
    applicant = [c for c in broken if c != "total"]
    if "total" not in broken and len(applicant) == 2:
        (a, (da, fa)), (b, (db, fb)) = [(c, broken[c]) for c in applicant]
        if _eq(da, -db):
            n = abs(da)
            over, under = (a, b) if da < 0 else (b, a)
            msg = (f"{table_name(table.key)}“{col_name(report, table.key, over)}”列与“{col_name(report, table.key, under)}”列"
                   f"的勾稽关系分别差 {fmt(n)}、方向相反，而总计列平衡：很可能有 {fmt(n)} 件申请记在了错误的申请人类别下，请核对两列")
            yield Finding("applications.misfiled_applicant", Severity.ERROR, msg, table.key, fa.cells + fb.cells,
                          expected=None)
            return
    for _, f in broken.values():
        yield f


@rule("sums", "合计与勾稽关系", ("applications.balance", "applications.row_total", "applications.column_total",
                                 "review_litigation.group_total", "applications.misfiled_applicant"))
def sums(report: Report, context: Context = NONE) -> Iterator[Finding]:
    """表三每列“第一项加第二项之和等于第三项加第四项之和”（官方勾稽关系）；表三每行总计等于六类申请人之和；
    表三每列（七）总计等于各项办理结果之和；表四每组总计等于结果维持、结果纠正、其他结果、尚未审结之和。
    两列勾稽差额一正一负而总计列平衡时，合并为一条“申请人类别记错”的诊断。"""
    for table in report.tables.values():
        for rel in relations(report, table):
            if rel.kind == "sum":
                yield from _sum(report, table, rel)
            elif rel.kind == "balance":
                yield from _balance(report, table, rel)
