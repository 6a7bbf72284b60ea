"""An image-only PDF read by OCR into the Document the PDF reader makes: every ruled table row a line of cells with
their boxes in PDF points and a grid id per table (as gdchecker.read.pdfgrid gives them), the text around the
tables and the first page's title as positioned lines; each piece carries how sure its reading is."""

from __future__ import annotations

from collections.abc import Callable

from gdchecker.model import Box
from gdchecker.ocr import image, page
from gdchecker.read.document import Document, Line, Piece, ReadError
from gdchecker.read.pdfgrid import GridRow, aligned

TITLE_LINES = 5  # lines read from the top of the first page: the title, the agency, the statistics period
NEAR_LINES = 4  # lines read around each page's tables
Progress = Callable[[int, int], None]


def _piece(text: str, box: tuple[float, float, float, float], pageno: int, conf: float) -> Piece:
    p = Piece(text, (box[0] + box[2]) / 2, Box(pageno, *box))
    p.conf = conf  # type: ignore[attr-defined]  # (until Piece has the field)
    return p


def _row_line(row: GridRow, confs: list[float], pageno: int, grid_id: int) -> Line:
    pieces = [_piece(c.text, c.box, pageno, conf) for c, conf in zip(row.cells, confs)]
    return Line(pieces, page=pageno, grid=grid_id, geometric=True)


def _page_lines(read: page.PageRead, pageno: int) -> tuple[list[Line], list[GridRow]]:
    """The page's lines top to bottom, and its table rows (for the rows a page break may split)."""
    keyed: list[tuple[float, Line]] = []
    rows: list[GridRow] = []
    for k, table in enumerate(read.tables, 1):
        for row, confs in table:
            keyed.append((row.top, _row_line(row, confs, pageno, pageno * 100 + k)))
            rows.append(row)
    for texts in read.lines:
        pieces = [_piece(t.text, t.box, pageno, t.conf) for t in texts]
        keyed.append((min(t.box[1] for t in texts), Line(pieces, page=pageno, geometric=True)))
    keyed.sort(key=lambda t: t[0])
    return [ln for _, ln in keyed], rows


def read_scan(path: str, data: bytes, dpi: int = image.DPI, progress: Progress | None = None) -> Document:
    """The scanned PDF `data` read page by page (`progress(done, total)` after each page)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise ReadError("corrupt", "PDF 文件已损坏或不完整，无法打开；请重新下载或重新导出 PDF") from e
    doc = Document(path, "pdf", pages=len(pdf))
    last: tuple[GridRow, Line] | None = None
    try:
        for i in range(len(pdf)):
            pg = pdf[i]
            try:
                grey, scale, size = image.render(pg, dpi)
            finally:
                pg.close()
            img = image.prepare(grey, scale, size)
            read = page.read(img, dpi, head=TITLE_LINES if i == 0 else 0, near=NEAR_LINES)
            lines, rows = _page_lines(read, i + 1)
            if last is not None and rows and aligned(last[0], rows[0]):
                first = next(ln for ln in lines if ln.grid is not None)
                first.after_break = True  # perhaps the rest of the last page's last row: the locator decides
            if rows:
                last = (rows[-1], next(ln for ln in reversed(lines) if ln.grid is not None))
            doc.lines.extend(lines)
            if progress is not None:
                progress(i + 1, len(pdf))
    finally:
        pdf.close()
    return doc
