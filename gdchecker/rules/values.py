"""Cell values: counts are whole numbers ≥ 0, 本年增/减 is signed, amounts are decimals ≥ 0; blanks are named."""

from __future__ import annotations

from collections.abc import Iterator

from gdchecker import formats
from gdchecker.cellvalue import MAGNITUDES
from gdchecker.model import CellRef, Finding, Report, Severity
from gdchecker.names import col_name, labelled, place, row_name, table_name
from gdchecker.rules import rule
from gdchecker.rules.context import NONE, Context


def _kind(report: Report, table: str, col: str) -> str:
    spec = formats.table_spec(report, table)
    c = spec.col(col) if spec else None
    return c.kind if c else "count"


@rule("values", "数值格式", ("values.unreadable", "values.not_whole", "values.negative"))
def cell_values(report: Report, context: Context = NONE) -> Iterator[Finding]:
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
def blanks(report: Report, context: Context = NONE) -> Iterator[Finding]:
    """空白或填“/”“-”“—”“无”的单元格按样式各报一次：整张表空白、整列空白、整行空白，其余的单个空白格合为一条；
    并说明合计核对时按 0 计算。"""
    for t in report.tables.values():
        blank = {(r, c) for r, row in t.cells.items() for c, cell in row.items() if cell.blank and not cell.repaired}
        if not blank:
            continue
        rows = list(t.cells)
        cols = list(dict.fromkeys(c for row in t.cells.values() for c in row))
        name = table_name(t.key)
        tail = "核对合计时按 0 计算；如确为 0，建议填写 0"

        def refs(cells: list[tuple[str, str]], key: str = t.key) -> tuple[CellRef, ...]:
            return tuple(CellRef(key, r, c) for r, c in cells)

        every = [(r, c) for r in rows for c in t.cells[r]]
        if len(every) > 1 and len(blank) == len(every):
            yield Finding("values.blank", Severity.WARNING, f"{name}全部单元格空白（共 {len(every)} 个），{tail}",
                          t.key, refs(every))
            continue
        whole_cols = [c for c in cols if len(rows) > 1 and all((r, c) in blank for r in rows if c in t.cells[r])
                      and sum(c in t.cells[r] for r in rows) > 1]
        left = blank - {(r, c) for r in rows for c in whole_cols}
        if whole_cols:
            cells = [(r, c) for r in rows for c in whole_cols if (r, c) in blank]
            names = "".join(f"“{col_name(report, t.key, c)}”" for c in whole_cols)
            yield Finding("values.blank", Severity.WARNING,
                          f"{name}{names}{'列' if len(whole_cols) == 1 else '这几列'}整列空白（共 {len(cells)} 个单元格），{tail}",
                          t.key, refs(cells))
        whole_rows = [r for r in rows if len(t.cells[r]) > 1 and len(cols) > 1
                      and all((r, c) in blank for c in t.cells[r] if c not in whole_cols)
                      and any((r, c) in left for c in t.cells[r])]
        if whole_rows and labelled(t.key):
            cells = [(r, c) for r in whole_rows for c in t.cells[r] if (r, c) in left]
            names = "".join(f"“{row_name(report, t.key, r)}”" for r in whole_rows)
            yield Finding("values.blank", Severity.WARNING,
                          f"{name}{names}{'行' if len(whole_rows) == 1 else '这几行'}整行空白（共 {len(cells)} 个单元格），{tail}",
                          t.key, refs(cells))
            left -= set(cells)
        if not left:
            continue
        cells = [(r, c) for r in rows for c in t.cells[r] if (r, c) in left]
        if len({r for r, _ in cells}) == 1 or not labelled(t.key):
            r = cells[0][0]
            names = "、".join(col_name(report, t.key, c) for _, c in cells)
            where = f"{name}“{row_name(report, t.key, r)}”行" if labelled(t.key) else name
        else:
            shown = [f"“{row_name(report, t.key, r)}”行“{col_name(report, t.key, c)}”列" for r, c in cells[:6]]
            names = "、".join(shown) + ("等" if len(cells) > 6 else "")
            where = name
        yield Finding("values.blank", Severity.WARNING,
                      f"{where}有 {len(cells)} 个空白单元格（{names}），{tail}", t.key, refs(cells))
