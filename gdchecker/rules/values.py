"""Cell values: counts are whole numbers ≥ 0, 本年增/减 is signed, amounts are decimals ≥ 0; blanks are named."""

from __future__ import annotations

from collections.abc import Iterator

from gdchecker import formats
from gdchecker.model import CellRef, Finding, Report, Severity
from gdchecker.rules import rule
from gdchecker.rules.names import col_name, place, row_name, table_name
from gdchecker.values import MAGNITUDES


def _kind(report: Report, table: str, col: str) -> str:
    spec = formats.table_spec(report, table)
    c = spec.col(col) if spec else None
    return c.kind if c else "count"


@rule("values", "数值格式", ("values.unreadable", "values.not_whole", "values.negative"))
def values(report: Report) -> Iterator[Finding]:
    """每个单元格必须能读成数：件数为不小于 0 的整数，“本年增/减”可带正负号，金额为不小于 0 的数。"""
    for t in report.tables.values():
        for r, row in t.cells.items():
            for c, cell in row.items():
                ref = CellRef(t.key, r, c)
                if cell.repaired or (cell.invalid and not cell.text):
                    continue
                if cell.invalid:
                    yield Finding("values.unreadable", Severity.ERROR,
                                  f"{place(report, ref)}：“{cell.text}”不是数字，无法核对", t.key, (ref,))
                    continue
                if cell.value is None:
                    continue
                kind = _kind(report, t.key, c)
                scaled = bool(cell.unit and cell.unit.startswith(MAGNITUDES))  # 1.2万: reading names the unit
                if kind in ("count", "signed") and isinstance(cell.value, float) and not cell.value.is_integer() \
                        and not scaled:
                    yield Finding("values.not_whole", Severity.ERROR,
                                  f"{place(report, ref)}：件数应为整数，表中为 {cell.text}", t.key, (ref,))
                if kind in ("count", "amount") and cell.value < 0:
                    yield Finding("values.negative", Severity.ERROR,
                                  f"{place(report, ref)}：不能为负数，表中为 {cell.text}", t.key, (ref,))


@rule("blanks", "空白单元格", ("values.blank",))
def blanks(report: Report) -> Iterator[Finding]:
    """空白或填“/”“-”“—”“无”的单元格逐行列出，并说明合计核对时按 0 计算；连在一起无法拆分的数字单独说明。"""
    for t in report.tables.values():
        for r, row in t.cells.items():
            blank = [c for c, cell in row.items() if cell.blank and not cell.repaired]
            if not blank:
                continue
            refs = tuple(CellRef(t.key, r, c) for c in blank)
            names = "、".join(col_name(report, t.key, c) for c in blank)
            where = table_name(t.key) if t.key == "review_litigation" else f"{table_name(t.key)}“{row_name(report, t.key, r)}”行"
            yield Finding("values.blank", Severity.WARNING,
                          f"{where}有 {len(blank)} 个空白单元格（{names}），核对合计时按 0 计算；如确为 0，建议填写 0",
                          t.key, refs)
