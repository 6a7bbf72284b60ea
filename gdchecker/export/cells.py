"""Writing cells and setting up printing, for every sheet of the workbooks.

Styles are made once per workbook and copied onto each cell (openpyxl's own way of copying a cell's style), so a
workbook of thousands of rows is written in seconds. Row heights are estimated from the text and the column's
width: LibreOffice keeps the height a file stores, so a wrapped text in a row of the default height would print
over the row below.
"""

from __future__ import annotations

import math
import unicodedata
import weakref
from collections.abc import Sequence
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FONT = "宋体"
SIZE = 10
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {
    "error": PatternFill("solid", fgColor="F8C9C4"),
    "warning": PatternFill("solid", fgColor="FDE7B0"),
    "edited": PatternFill("solid", fgColor="CFE9D4"),
    "header": PatternFill("solid", fgColor="EEF1F5"),
}
DEFAULT_WIDTH = 8.43  # a column whose width is not set
FORMULA_START = ("=", "+", "-", "@")

Number = int | float

_styles: weakref.WeakKeyDictionary[Workbook, dict[tuple, object]] = weakref.WeakKeyDictionary()


# -- styles -------------------------------------------------------------------------------------------------------
def style(c: Cell, bold: bool = False, fill: str | None = None, align: str = "left", wrap: bool = True,
          border: bool = True, size: int = SIZE) -> None:
    """Font, alignment, border and fill of a cell; its number format and quote prefix are kept as set."""
    key = (bold, fill, align, wrap, border, size, c.number_format, c.quotePrefix)
    made = _styles.setdefault(c.parent.parent, {})
    if key in made:
        c._style = copy(made[key])
        return
    c.font = Font(name=FONT, size=size, bold=bold)
    c.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
    if border:
        c.border = BORDER
    if fill:
        c.fill = FILLS[fill]
    made[key] = copy(c._style)


def _text_value(c: Cell, text: str | None) -> None:
    """Text from a report is text: never a formula, even when it starts with = + - @."""
    c.value = text
    if isinstance(text, str) and text[:1] in FORMULA_START:
        c.data_type = "s"
        c.quotePrefix = True


def _number_value(c: Cell, value: Number | None) -> None:
    c.value = value
    c.number_format = "0.00####" if isinstance(value, float) and not value.is_integer() else "0"


def put_text(ws, row: int, col: int, text: str | None, **kw: object) -> Cell:  # noqa: ANN001 - a worksheet
    c = ws.cell(row=row, column=col)
    _text_value(c, text)
    style(c, **kw)
    return c


def put_number(ws, row: int, col: int, value: Number | None, **kw: object) -> Cell:  # noqa: ANN001
    c = ws.cell(row=row, column=col)
    _number_value(c, value)
    style(c, **kw)
    return c


def text(ws, value: str | None, **kw: object) -> Cell:  # noqa: ANN001 - a worksheet, write-only or not
    """A cell to append to a sheet (ListSheet.add)."""
    c = Cell(ws, row=1, column=1)  # placed when appended
    _text_value(c, value)
    style(c, **kw)
    return c


def number(ws, value: Number | None, **kw: object) -> Cell:  # noqa: ANN001
    """A number, or an empty cell where there is none."""
    if value is None:
        return text(ws, None, **kw)
    c = Cell(ws, row=1, column=1)  # placed when appended
    _number_value(c, value)
    kw.setdefault("align", "right")
    style(c, **kw)
    return c


# -- row heights --------------------------------------------------------------------------------------------------
def _text_points(line: str, size: float) -> float:
    """How wide a line prints: a Chinese character (or full-width sign) a whole em, others some 0.62 em."""
    wide = sum(1 for ch in line if unicodedata.east_asian_width(ch) in ("W", "F", "A"))
    return (wide + 0.62 * (len(line) - wide)) * size


def lines_needed(value: str, width: float, size: float = SIZE) -> int:
    """Printed lines of a wrapped text in a column `width` characters wide (Excel's unit: 7 px a character)."""
    room = max(1.0, (7 * width + 5) * 0.75 - 4)  # points, less the cell's margins
    return sum(max(1, math.ceil(_text_points(part, size) / room)) for part in value.split("\n"))


def height_for(lines: int, size: float = SIZE) -> float:
    """Points a row of `lines` lines needs (a line of 宋体 or of the fonts that stand in for it: 1.2–1.35 em)."""
    return lines * size * 1.35 + 4


def column_width(ws, col: int) -> float:  # noqa: ANN001
    dim = ws.column_dimensions.get(get_column_letter(col))
    return dim.width if dim is not None and dim.width else DEFAULT_WIDTH


def fit_rows(ws) -> None:  # noqa: ANN001 - a (not write-only) worksheet
    """Every row with a text that wraps gets the height its lines need; a taller height set already is kept.
    A merged range of one row wraps in the width of all its columns; a range over rows is left as it is."""
    spans: dict[tuple[int, int], float] = {}
    for rng in ws.merged_cells.ranges:
        if rng.min_row == rng.max_row:
            spans[(rng.min_row, rng.min_col)] = sum(column_width(ws, c) for c in range(rng.min_col, rng.max_col + 1))
        else:
            spans[(rng.min_row, rng.min_col)] = 0.0
    for row in ws.iter_rows():
        need = 0.0
        for c in row:
            if not isinstance(c.value, str) or not c.value:
                continue
            width = spans.get((c.row, c.column), column_width(ws, c.column))
            if width:
                size = c.font.sz or SIZE
                n = lines_needed(c.value, width, size) if c.alignment.wrap_text else 1
                need = max(need, height_for(n, size))
        _raise_height(ws, row[0].row, need)


def _raise_height(ws, r: int, need: float) -> None:  # noqa: ANN001
    if need > height_for(1):
        dim = ws.row_dimensions[r]
        dim.height = max(dim.height or 0, round(need, 1))


# -- printing -----------------------------------------------------------------------------------------------------
def page(ws, landscape: bool, header_rows: int, one_page: bool = False) -> None:  # noqa: ANN001
    """A4, one page wide (and one page tall for a table that fits), the header rows on every printed page."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"
    ws.page_margins.left = ws.page_margins.right = 0.4


class ListSheet:
    """A sheet of a header row and a row per item, written by appending (write-only or not): the header frozen
    and printed on every page (unless titles=False), a filter over every column (unless filtered=False), wrapped
    text in rows as tall as it needs, printed one page wide."""

    def __init__(self, wb: Workbook, name: str, columns: Sequence[tuple[str, float]], landscape: bool = True,
                 filtered: bool = True, titles: bool = True) -> None:
        self.ws = wb.create_sheet(name)
        self.widths = [w for _, w in columns]
        self.filtered = filtered
        for i, w in enumerate(self.widths, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = w
        self.ws.freeze_panes = "A2"
        page(self.ws, landscape, header_rows=1 if titles else 0)
        self.rows = 0
        self.add([text(self.ws, h, bold=True, fill="header", align="center") for h, _ in columns])

    def add(self, cells: list[Cell]) -> None:
        need = max((height_for(lines_needed(c.value, w)) for c, w in zip(cells, self.widths)
                    if isinstance(c.value, str) and c.value), default=0.0)
        self.rows += 1
        _raise_height(self.ws, self.rows, need)
        self.ws.append(cells)

    def finish(self) -> None:
        if self.filtered:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.widths))}{max(self.rows, 1)}"
