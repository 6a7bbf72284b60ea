"""Word (.docx) reports with real Word tables made by python-docx."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from . import labels as L
from .grid import Cell, CellKey, Grid, Shape, document
from .values import Values

BODY_FONT = "仿宋_GB2312"
HEAD_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
TABLE_FONT = "宋体"


def _font(run_or_style: object, name: str, size: float | None = None) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = name
    if size:
        font.size = Pt(size)
    rpr = run_or_style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _para(doc: Document, text: str, font: str, size: float, *, center: bool = False, indent: bool = True) -> Paragraph:
    p = doc.add_paragraph()
    p.paragraph_format.line_spacing = Pt(28)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), font, size)
    return p


def _page_footer(doc: Document) -> None:
    """Footer "— N —" with a PAGE field, as in printed reports."""
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), TABLE_FONT, 10.5)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)
    _font(p.add_run(" —"), TABLE_FONT, 10.5)


def _fill(cell: _Cell, c: Cell, multi: bool) -> None:
    lines = L.wrapped(c.text) if multi and c.kind != "value" else (c.text,)
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if c.kind in ("label", "note") else WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        if line:
            _font(p.add_run(line), TABLE_FONT, 10.5)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _table(doc: Document, grid: Grid, merged: bool, multi: bool) -> Table:
    g = grid if merged else grid.unmerged()
    table = doc.add_table(rows=g.n_rows, cols=g.n_cols)
    table.style = "Table Grid"
    for c in g.cells:  # merge first, so the merged cell is empty when its text goes in
        if c.rs > 1 or c.cs > 1:
            table.cell(c.r, c.c).merge(table.cell(c.r + c.rs - 1, c.c + c.cs - 1))
    for c in g.cells:
        if c.text:
            _fill(table.cell(c.r, c.c), c, multi)
    return table


def write_docx(path: str | Path, version: str, year: int, agency: str, values: Values, *, merged_cells: bool = True,
               multi_paragraph_cells: bool = True, blanks: Iterable[CellKey] = (),
               shape: Shape | None = None) -> None:
    """Write a report .docx.  merged_cells: real gridSpan/vMerge merges (else every cell separate, a merged
    label only in its top-left cell).  multi_paragraph_cells: labels listed in labels.WRAPS (header words,
    the （二） label, the 2021 （六）1./2. labels, …) are written as one paragraph per line."""
    doc = Document()
    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, 16)
    doc.core_properties.title = L.title(agency, year)
    doc.core_properties.author = agency
    for kind, item in document(version, year, agency, values, blanks=blanks, shape=shape):
        if kind == "title":
            _para(doc, str(item), TITLE_FONT, 22, center=True)
        elif kind == "heading":
            _para(doc, str(item), HEAD_FONT, 16)
        elif kind == "para":
            _para(doc, str(item), BODY_FONT, 16)
        else:
            assert isinstance(item, Grid)
            _table(doc, item, merged_cells, multi_paragraph_cells)
            doc.add_paragraph()
    _page_footer(doc)
    doc.save(str(path))
