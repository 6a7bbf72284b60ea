"""A4 PDF reports made with reportlab, in the ways real producers lay the tables out."""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

from . import labels as L
from .grid import Cell, CellKey, Grid, Shape, document
from .values import Values

FONT = "CJK"
SIZE = 10.5
LEADING = 13.0
PAD = 3.0
MARGIN = 45.0
WIDTH = A4[0] - 2 * MARGIN  # 505.3 pt
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


@functools.cache
def cjk_font_path() -> str:
    """The CJK TrueType font file (WenQuanYi Micro Hei via fontconfig, else a known path)."""
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", "WenQuanYi Micro Hei"], capture_output=True,
                             text=True, check=False, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    for path in (out, *FONT_CANDIDATES):
        if path and Path(path).exists() and path.endswith((".ttc", ".ttf", ".otf")):
            return path
    raise RuntimeError("no CJK font: apt-get install -y fonts-wqy-microhei")


@functools.cache
def register_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT, cjk_font_path(), subfontIndex=0))
    return FONT


def _sw(text: str, size: float = SIZE) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def _wrap_to(text: str, width: float, size: float = SIZE) -> list[str]:
    """Greedy character wrap (Chinese breaks anywhere)."""
    lines, cur = [], ""
    for ch in text:
        if cur and _sw(cur + ch, size) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return [*lines, cur] if cur else lines or [""]


def _widths(name: str, version: str, merged: bool, wrap: bool) -> list[float]:
    if name == "active":
        return [280.0, 75.0, 75.0, 75.3] if wrap else [205.0, 100.0, 100.0, 100.3]
    if name == "applications":
        labels = [22.0, 82.0, 166.0] if merged else [60.0, 82.0, 153.0]
        rest = (WIDTH - sum(labels)) / 7
        return labels + [rest] * 7
    return [WIDTH / 15] * 15


def _cell_text(cell: Cell, width: float, wrap: bool, merged: bool) -> tuple[str, float]:
    """The printed text of a cell (lines joined by newlines) and its font size."""
    if not cell.text or cell.kind == "value":
        return cell.text, SIZE
    room = width - 2 * PAD
    if cell.kind == "outer" and merged and cell.rs > 1:
        return "\n".join(cell.text), SIZE  # 三、本年度办理结果 stacked one character per line
    if wrap or cell.kind in ("note", "outer") or (cell.kind == "caption"):
        lines: list[str] = []
        for part in (L.wrapped(cell.text) if wrap else (cell.text,)):
            lines += _wrap_to(part, room) if _sw(part) > room else [part]
        return "\n".join(lines), SIZE
    size = SIZE if _sw(cell.text) <= room else max(3.0, SIZE * room / _sw(cell.text))
    return cell.text, size  # one line, shrunk to fit like "shrink to fit" cells


def _stack(grids: list[Grid]) -> Grid:
    out = Grid(grids[0].name, grids[0].n_cols)
    for g in grids:
        off = out.n_rows
        out.cells += [Cell(c.r + off, c.c, c.text, c.kind, c.rs, c.cs, c.key) for c in g.cells]
        out.tags += g.tags
    return out


def _table(grid: Grid, version: str, *, ruled: bool, merged: bool, wrap: bool) -> Table:
    widths = _widths(grid.name, version, merged, wrap)
    data: list[list[str]] = [["" for _ in range(grid.n_cols)] for _ in range(grid.n_rows)]
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), SIZE),
        ("LEADING", (0, 0), (-1, -1), LEADING),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
    for cell in grid.cells:
        width = sum(widths[cell.c:cell.c + cell.cs])
        text, size = _cell_text(cell, width, wrap, merged)
        data[cell.r][cell.c] = text
        at, end = (cell.c, cell.r), (cell.c + cell.cs - 1, cell.r + cell.rs - 1)
        if size != SIZE:
            style += [("FONTSIZE", at, at, size), ("LEADING", at, at, size * 1.2)]
        if cell.kind in ("label", "note"):
            style.append(("ALIGN", at, at, "LEFT"))
        if cell.kind == "caption" and ruled:
            style.append(("BACKGROUND", at, end, colors.HexColor("#DCE6F1")))
        if cell.rs > 1 or cell.cs > 1:
            style.append(("SPAN", at, end))
    return Table(data, colWidths=widths, style=style, hAlign="CENTER")


class _Furniture:
    def __init__(self, running: str, ruled: bool) -> None:
        self.running, self.ruled = running, ruled

    def __call__(self, canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawCentredString(A4[0] / 2, A4[1] - 28, self.running)
        if self.ruled:
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN, A4[1] - 32, A4[0] - MARGIN, A4[1] - 32)
        canvas.setFont(FONT, SIZE)
        canvas.setFillColor(colors.black)
        canvas.drawCentredString(A4[0] / 2, 26, f"— {doc.page} —")
        canvas.restoreState()


def write_pdf(path: str | Path, version: str, year: int, agency: str, values: Values, *, ruled: bool = True,
              merged_cells: bool = True, split_pages: bool = False, repeat_header: bool = False,
              wrap_labels: bool = True, page_furniture: bool = True, blanks: Iterable[CellKey] = (),
              prose: bool = True, shape: Shape | None = None) -> None:
    """Write a report PDF (A4, 10.5 pt CJK font).

    split_pages: table 二 breaks after the caption row of 第二十条第（六）项 and table 三 after
    （四）2. (the header rows repeat on the new page only with repeat_header); merged cells cut by
    the break keep their text on the first page only.  merged_cells=False: no vertical merges (a
    group label such as 三、本年度办理结果 or （三）不予公开 sits in the first row of its group, every
    row ruled on its own); horizontal spans stay, since a PDF has no merges, only missing lines.
    wrap_labels=False: every label on one line, shrunk to fit its cell where needed."""
    register_font()
    body = ParagraphStyle("body", fontName=FONT, fontSize=SIZE, leading=SIZE * 1.7, firstLineIndent=2 * SIZE,
                          wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=12, leading=22, firstLineIndent=2 * SIZE, spaceBefore=4,
                          keepWithNext=1)
    ttl = ParagraphStyle("title", parent=body, fontSize=16, leading=26, alignment=TA_CENTER, firstLineIndent=0,
                         spaceAfter=10)
    opts = {"ruled": ruled, "merged": merged_cells, "wrap": wrap_labels}
    story: list[Flowable] = []
    pending: list[Flowable] = []  # a heading (and its paragraph) kept with the table that follows
    for kind, item in document(version, year, agency, values, blanks=blanks, plus=True, prose=prose, shape=shape):
        if kind == "title":
            story.append(Paragraph(escape(str(item)), ttl))
        elif kind == "heading":
            story += pending
            pending = [Paragraph(escape(str(item)), head)]
        elif kind == "para":
            pending.append(Paragraph(escape(str(item)), body))
        else:
            assert isinstance(item, Grid)
            g = item if merged_cells else item.unmerged(vertical_only=True)
            cut = _cut(g) if split_pages else None
            if cut is None:
                story.append(KeepTogether([*pending, _table(g, version, **opts), Spacer(1, 6)]))
            else:
                second = g.slice(cut, g.n_rows)
                if repeat_header and g.header_rows:
                    second = _stack([g.slice(0, g.header_rows), second])
                story += [KeepTogether([*pending, _table(g.slice(0, cut), version, **opts)]), PageBreak(),
                          _table(second, version, **opts), Spacer(1, 6)]
            pending = []
    story += pending
    furniture = _Furniture(L.title(agency, year), ruled) if page_furniture else None
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=50,
                            bottomMargin=50, title=L.title(agency, year), author=agency)
    if furniture:
        doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    else:
        doc.build(story)


def _cut(g: Grid) -> int | None:
    """Where split_pages breaks a grid: first row on the new page."""
    if g.name == "active":
        return g.row_of("caption:active_20_6") + 1
    if g.name == "applications":
        return g.row_of("data:unable.needs_creation") + 1
    return None
