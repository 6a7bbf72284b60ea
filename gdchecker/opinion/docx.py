"""The opinion as a Word document (python-docx): A4, 宋体, the findings as a ruled table, the table regions as
pictures or as tables drawn in the official layout with the cells concerned shaded."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from gdchecker.opinion.content import FINDING_COLUMNS, Block, DrawnTable, Figure, Item, Opinion, layout
from gdchecker.opinion.files import write_bytes

FONT = "宋体"
HEADING_FONT = "黑体"
SIZE = 10.5  # 五号
SHADES = {"error": "F8C9C4", "warning": "FDE7B0", "repair": "C9DDF8"}  # as the Excel export colours them
WIDTH_CM = 16.0  # the text's width on A4 with 2.5 cm margins


def _font(run, name: str = FONT, size: float | None = None, bold: bool = False) -> None:  # noqa: ANN001 - a run
    run.font.name = name
    run.font.bold = bold
    if size:
        run.font.size = Pt(size)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _para(doc, text: str, size: float = SIZE, bold: bool = False, align=None, font: str = FONT,  # noqa: ANN001
          indent: bool = False, after: float = 4):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), font, size, bold)
    return p


def _cell_text(cell, text: str, size: float, bold: bool = False, align=None) -> None:  # noqa: ANN001 - a cell
    p = cell.paragraphs[0]
    for r in list(p.runs):
        r._element.getparent().remove(r._element)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    _font(p.add_run(text), FONT, size, bold)


def repeat_header(row) -> None:  # noqa: ANN001 - a table row
    """The row printed again at the top of each page the table runs over."""
    tr_pr = row._tr.get_or_add_trPr()
    head = OxmlElement("w:tblHeader")
    head.set(qn("w:val"), "true")
    tr_pr.append(head)


def shade(cell, fill: str) -> None:  # noqa: ANN001 - a table cell
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _findings(doc, items: list[Item]) -> None:  # noqa: ANN001
    t = doc.add_table(rows=1 + len(items), cols=3)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Cm(1.2), Cm(12.3), Cm(2.5))
    for j, head in enumerate(FINDING_COLUMNS):
        _cell_text(t.cell(0, j), head, SIZE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    repeat_header(t.rows[0])
    for i, item in enumerate(items, 1):
        _cell_text(t.cell(i, 0), str(i), SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
        _cell_text(t.cell(i, 1), item.message, SIZE)
        _cell_text(t.cell(i, 2), item.expected or "—", SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _widths(t, widths)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _figure(doc, fig: Figure) -> None:  # noqa: ANN001
    width = Cm(WIDTH_CM)
    if fig.height and fig.width and fig.height / fig.width * WIDTH_CM > 20:  # a tall strip: at most 20 cm high
        width = Cm(20 * fig.width / fig.height)
    doc.add_picture(io.BytesIO(fig.png), width=width)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _drawn(doc, d: DrawnTable) -> None:  # noqa: ANN001
    cols = max([len(r) for r in d.header] + [len(r) for r in d.rows] + [1])
    size = 8.0 if cols <= 9 else 6.5
    t = doc.add_table(rows=len(d.header) + len(d.rows), cols=cols)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    covered = set()
    for r, c, rows, span_cols in d.spans:
        top = t.cell(r, c)
        top.merge(t.cell(r + rows - 1, c + span_cols - 1))
        covered |= {(r + i, c + j) for i in range(rows) for j in range(span_cols)} - {(r, c)}
    for r, texts in enumerate(d.header):
        repeat_header(t.rows[r])
        for c, text in enumerate(texts):
            if (r, c) not in covered:
                _cell_text(t.cell(r, c), text, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    labelled = d.labelled
    for i, texts in enumerate(d.rows):
        for j, text in enumerate(texts):
            cell = t.cell(len(d.header) + i, j)
            left = labelled and j == 0
            _cell_text(cell, text, size, align=WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER)
            kinds = d.marks.get((i, j), [])
            for kind in ("error", "warning", "repair"):
                if kind in kinds:
                    shade(cell, SHADES[kind])
                    break
    if labelled and cols > 1:  # the labels get room; the figures share the rest
        first = Cm(5.0 if cols > 3 else 8.0)
        rest = Cm((WIDTH_CM - first.cm) / (cols - 1))
        _widths(t, [first] + [rest] * (cols - 1))


def _widths(t, widths) -> None:  # noqa: ANN001 - a table and its columns' widths
    """Fixed column widths, set on the grid and on every cell (Word reads the one, LibreOffice the other)."""
    t.autofit = False
    for j, w in enumerate(widths):
        t.columns[j].width = w
    for row in t.rows:
        for j, c in enumerate(row.cells):
            if j < len(widths):
                c.width = widths[j]


def document(op: Opinion):  # noqa: ANN201 - a docx Document
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin = sec.bottom_margin = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    doc.core_properties.title = op.title
    doc.core_properties.author = "gdchecker"
    doc.core_properties.comments = f"gdchecker {op.version} 校验 {op.file_name}"
    for b in layout(op):
        _block(doc, b)
    return doc


def _block(doc, b: Block) -> None:  # noqa: ANN001
    if b.kind == "title":
        _para(doc, b.text, 16, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, font=HEADING_FONT, after=12)
    elif b.kind == "facts":
        for line in b.lines:
            _para(doc, line, after=0)
        doc.add_paragraph().paragraph_format.space_after = Pt(0)
    elif b.kind == "heading":
        _para(doc, b.text, 12, bold=True, font=HEADING_FONT, after=6)
    elif b.kind == "para":
        _para(doc, b.text, indent=True)
    elif b.kind == "findings":
        _findings(doc, b.items)
    elif b.kind == "exhibit" and isinstance(b.exhibit, Figure):
        _figure(doc, b.exhibit)
    elif b.kind == "exhibit" and isinstance(b.exhibit, DrawnTable):
        _drawn(doc, b.exhibit)
    elif b.kind == "caption":
        p = _para(doc, b.text, 9, align=WD_ALIGN_PARAGRAPH.CENTER, after=10)
        p.runs[0].font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    elif b.kind == "closing":
        doc.add_paragraph()
        for line in b.lines:
            _para(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)


def docx_bytes(op: Opinion) -> bytes:
    buf = io.BytesIO()
    document(op).save(buf)
    return buf.getvalue()


def write_docx(op: Opinion, path: str | Path, force: bool = False) -> Path:
    """Raises files.OpinionError with a Chinese message."""
    return write_bytes(path, docx_bytes(op), force)
