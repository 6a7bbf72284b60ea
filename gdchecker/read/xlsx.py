"""Excel workbooks laid out like the official tables (our own export, or a hand-made one): every sheet in order.

Bounded on hostile workbooks: the package's XML parts are inflated with caps before openpyxl sees them, and each
sheet is first scanned as a stream (its elements, rows and merged ranges counted, refused past the limits);
its values are then read in openpyxl's read-only mode (no cell object per cell of a merged range) and the merged
ranges clipped to the sheet's real data before the cells they cover are listed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree

from gdchecker.read.document import Document, Line, Piece, ReadError
from gdchecker.read.limits import Package

# sheets of our own export that hold no table of the report
SKIP_SHEETS = ("校验结果", "修改记录", "说明", "汇总")
MAX_CELLS = 200_000  # cells of all sheets, counting the empty ones left of a row's last cell
MAX_ROWS = 100_000  # rows of one sheet (a report's sheet has some tens)
MAX_SHEETS = 255
MAX_MERGES = 10_000  # merged ranges of one sheet
MAX_PART_TAGS = 500_000  # tags of any other XML part (shared strings, styles: openpyxl builds them whole)
MAX_ELEMENTS = 5 * MAX_CELLS  # XML elements of all sheets (a cell is two or three: c, v, f or is/t)
EXCEL_ROWS = 1_048_576
WHAT = "Excel 工作簿"
BROKEN = "Excel 文件已损坏或不完整，无法打开；请用 Excel/WPS 打开后重新保存"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b")

Box = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col


@dataclass
class _Budget:
    """What the sheets read so far used up, across the workbook."""

    cells: int = 0  # read, with the empty ones left of each row's last cell
    elements: int = 0  # scanned

    def read(self, cells: int) -> None:
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise ReadError("too_large", f"Excel 工作簿的单元格超过 {MAX_CELLS // 10000} 万个，不像是年度报告的统计表")

    def scan(self) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise ReadError("too_large", f"Excel 工作簿的工作表共有超过 {MAX_ELEMENTS // 10000} 万个 XML 元素，"
                                         "不像是年度报告的统计表")


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return str(v).strip()


def _check_package(data: bytes) -> None:
    """Every XML part inflated with the caps (openpyxl reads them itself; pictures it does not read), and the
    sheets counted before openpyxl makes an object for each."""
    pkg = Package(data, WHAT, BROKEN)
    try:
        for name in pkg.names():
            if name == "xl/workbook.xml":
                sheets = len(_SHEET_TAG.findall(pkg.read(name)))
                if sheets > MAX_SHEETS:
                    raise ReadError("too_large", f"Excel 工作簿有 {sheets} 个工作表（上限 {MAX_SHEETS} 个），"
                                                 "不像是一份年度报告")
            elif name.endswith((".xml", ".rels")):
                _check_part_tags(name, pkg.drain(name))
    finally:
        pkg.close()


def _check_part_tags(name: str, tags: int) -> None:
    """openpyxl builds the shared strings, styles and the like whole: a part of millions of tags costs seconds
    and gigabytes. (Sheets are streamed, and scanned before with their own limits.)"""
    if tags > MAX_PART_TAGS and not name.startswith("xl/worksheets/"):
        raise ReadError("too_large", f"Excel 工作簿中的 {name[-40:]} 有约 {tags // 10000} 万个 XML 标签（上限 "
                                     f"{MAX_PART_TAGS // 10000} 万），不像是一份年度报告")


def _load(data: bytes):  # noqa: ANN202 - an openpyxl Workbook
    from openpyxl import load_workbook

    _check_package(data)
    try:
        return load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as e:  # openpyxl raises many kinds for broken parts (zip, XML, KeyError, ValueError)
        raise ReadError("corrupt", BROKEN) from e


def _merge_box(ref: str | None) -> Box | None:
    from openpyxl.utils.cell import range_boundaries

    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref or "")
    except (ValueError, TypeError):
        return None
    if None in (min_col, min_row, max_col, max_row):
        return None
    return min_row, min_col, max_row, max_col  # type: ignore[return-value]


def _check_row_number(el, title: str) -> None:  # noqa: ANN001 - an lxml element
    try:
        r = int(el.get("r") or 0)
    except ValueError:
        r = 0
    if r > EXCEL_ROWS:
        raise ReadError("corrupt", f"Excel 工作表“{title[:20]}”的行号 {r} 超出 Excel 的最大行数，文件已损坏；"
                                   "请用 Excel/WPS 打开后重新保存")


def _scan(ws, budget: _Budget) -> list[Box]:  # noqa: ANN001 - a ReadOnlyWorksheet
    """Stream the sheet's XML once, counting its elements, rows and merged ranges before openpyxl reads it (and
    keeping nothing but the last); the merged ranges."""
    merges: list[Box] = []
    rows = 0
    source = ws._get_source()  # the sheet's part in the package (read-only mode has no merged ranges to give)
    try:
        for _, el in etree.iterparse(source, events=("end",), resolve_entities=False):
            budget.scan()
            if el.tag == _NS + "row":
                rows += 1
                _check_row_number(el, ws.title)
                if rows > MAX_ROWS:
                    raise ReadError("too_large", f"Excel 工作表“{ws.title[:20]}”有超过 {MAX_ROWS // 10000} 万行，"
                                                 "不像是年度报告的统计表")
            elif el.tag == _NS + "mergeCell" and (box := _merge_box(el.get("ref"))):
                merges.append(box)
                if len(merges) > MAX_MERGES:
                    raise ReadError("too_large", f"Excel 工作表“{ws.title[:20]}”有超过 {MAX_MERGES} 处合并单元格，"
                                                 "不像是年度报告的统计表")
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    except etree.XMLSyntaxError as e:
        raise ReadError("corrupt", BROKEN) from e
    finally:
        source.close()
    return merges


def _rows(ws, budget: _Budget) -> list[tuple[int, tuple]]:  # noqa: ANN001
    """(row number, values from column A) of the rows that hold something, counting every cell read."""
    ws.reset_dimensions()  # the declared dimension may be wrong either way (too small, or the whole sheet)
    out = []
    for r, values in enumerate(ws.iter_rows(values_only=True), 1):
        budget.read(len(values))
        if any(v is not None for v in values):
            out.append((r, values))
    return out


def _covered(merges: list[Box], rows: list[tuple[int, tuple]], title: str) -> set[tuple[int, int]]:
    """The cells merged ranges cover but their first, each range clipped to the rows and columns that exist."""
    height = max((r for r, _ in rows), default=0)
    width = max((len(v) for _, v in rows), default=0)
    boxes = [(r1, c1, min(r2, height), min(c2, width)) for r1, c1, r2, c2 in merges if r1 <= height and c1 <= width]
    area = sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in boxes)
    if area > MAX_CELLS:
        raise ReadError("too_large", f"Excel 工作表“{title[:20]}”的合并单元格共覆盖约 {area // 10000} 万个单元格，"
                                     "不像是年度报告的统计表")
    return {(r, c) for r1, c1, r2, c2 in boxes for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1)}


def _sheet_lines(ws, gid: int, budget: _Budget) -> list[Line]:  # noqa: ANN001
    merges = _scan(ws, budget)
    rows = _rows(ws, budget)
    covered = _covered(merges, rows, ws.title)
    lines = []
    for r, values in rows:
        pieces = [Piece(_text(v), float(c)) for c, v in enumerate(values, 1) if (r, c) not in covered]
        while pieces and not pieces[-1].text:
            pieces.pop()
        if not any(p.text for p in pieces):
            continue
        texts = [p for p in pieces if p.text]
        if len(texts) == 1 and len(pieces) == texts[0].x:  # a title or note alone in its row: running text
            lines.append(Line([Piece(texts[0].text)]))
        else:
            lines.append(Line(pieces, grid=gid))
    return lines


def read_xlsx(path: str, data: bytes) -> Document:
    wb = _load(data)
    try:
        # the summary of a folder check: 汇总 with 问题清单 (and each report's sheets, 1-表二 …, when asked for)
        if "汇总" in wb.sheetnames and ("问题清单" in wb.sheetnames or any(n.startswith("2-") for n in wb.sheetnames)):
            raise ReadError("multi_report", "这是多份报告的汇总工作簿；请打开其中各份报告的原文件，或分别导出单份报告后再检查")
        doc = Document(path, "xlsx")
        budget = _Budget()
        try:
            for gid, ws in enumerate(wb.worksheets, 1):
                if any(ws.title.endswith(s) for s in SKIP_SHEETS) or ws.sheet_state != "visible":
                    continue
                doc.lines.extend(_sheet_lines(ws, gid, budget))
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as e:
            # openpyxl meets a broken part only when it reads the sheet (a cell named beyond ZZZ, an unknown
            # attribute): the workbook is damaged, not our reading
            raise ReadError("corrupt", BROKEN) from e
    finally:
        wb.close()
    if not doc.lines:
        raise ReadError("empty", "Excel 工作簿中没有任何内容")
    return doc
