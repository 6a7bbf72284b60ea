"""Turning value pieces into cells, and the findings reading itself gives (repaired digits, short rows)."""

from __future__ import annotations

from gdchecker.cellvalue import parse_value
from gdchecker.locate.rows import Row
from gdchecker.model import Cell, CellRef, Finding, Severity, Table
from gdchecker.read.document import Piece

Values = tuple[int | float, ...]


def make_cell(p: Piece | None) -> Cell:
    if p is None:
        return Cell("", None, blank=True)
    if p.cut:
        return Cell("", None, cut=True, box=p.box)
    v = parse_value(p.text)
    return Cell(p.text.strip(), v.value, blank=v.blank, invalid=v.invalid, unit=v.unit, note=v.note, box=p.box,
                conf=p.conf)


def fill(table: Table, row_key: str, row: Row, cols: list[str], pieces: list[Piece | None]) -> None:
    table.cells[row_key] = {c: make_cell(p) for c, p in zip(cols, pieces)}
    table.row_labels[row_key] = row.label
    if table.page is None and row.page is not None:
        table.page = row.page


def undecided(table: Table, row_key: str, row: Row, cols: list[str], vals: Values | None) -> None:
    """Cells from run-together digits: the split found, or empty cells (not blank, not wrong) where none was."""
    text = " ".join(t.text for t in row.numeric)
    if vals is None:
        table.cells[row_key] = {c: Cell(text if i == 0 else "", None) for i, c in enumerate(cols)}
    else:
        # each value is a run of the printed digits, so its text is those digits
        table.cells[row_key] = {c: Cell(str(v), v, repaired=True) for c, v in zip(cols, vals)}
    table.row_labels[row_key] = row.label
    if table.page is None and row.page is not None:
        table.page = row.page


def glue_finding(where: str, table: str, row: str, cols: list[str], r: Row, cands: list[Values]) -> Finding:
    text = " ".join(t.text for t in r.numeric)
    refs = tuple(CellRef(table, row, c) for c in cols)
    if len(cands) == 1:
        return Finding("reading.digits_repaired", Severity.INFO,
                       f"{where}：源文件中数字连在一起（“{text}”），已按唯一可能的拆分读取为 "
                       f"{' | '.join(map(str, cands[0]))}", table, refs)
    why = "找不到唯一符合合计关系的拆分" if not cands else f"有 {len(cands)} 种拆分都可能成立"
    return Finding("reading.digits_ambiguous", Severity.WARNING,
                   f"{where}：源文件中数字连在一起（“{text}”），{why}，这些单元格无法确定，请核对原文", table, refs)


def short_finding(where: str, table: str, row: str, cols: list[str], r: Row) -> Finding:
    text = " ".join(t.text for t in r.numeric)
    if len(r.numeric) > len(cols):  # one cell a line: the figures under the label run on into other rows'
        said = f"读到 {len(r.numeric)} 个数（{text}），多于 {len(cols)} 列，无法确定哪些数属于这一行"
    else:
        said = f"只读到 {len(r.numeric)} 个数（{text}），少于 {len(cols)} 列，无法确定各数属于哪一列"
    return Finding("reading.short_row", Severity.WARNING, f"{where}{said}，请核对原文",
                   table, tuple(CellRef(table, row, c) for c in cols))
