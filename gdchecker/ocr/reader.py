"""An image-only PDF read by OCR into the Document the PDF reader makes: every ruled table row a line of cells with
their boxes in PDF points and a grid id per table (as gdchecker.read.pdfgrid gives them), the text around the
tables and the first page's title as positioned lines; each piece carries how sure its reading is."""

from __future__ import annotations

from collections.abc import Callable

from gdchecker.model import Box
from gdchecker.ocr import glyphs, image, page
from gdchecker.read.document import Document, Line, Piece, ReadError
from gdchecker.read.pdfgrid import GridRow, aligned, join_split

TITLE_LINES = 5  # lines read from the top of the first page: the title, the agency, the statistics period
# (a browser's print puts its date and the page's name above them)
NEAR_LINES = 3  # lines read around each page's tables
NOTHING_READ = "PDF 没有文字层（可能是扫描件或图片），文字识别（OCR）也没有读出文字；请使用原始电子版或更清晰的扫描件"
MAX_PAGES = 60  # a scan longer than this is not read (some seconds a page)
NOTHING_IN_PICTURE = "文字识别（OCR）没有从这张图片中读出文字，不像是年度报告的扫描页；请使用原始电子版或更清晰的扫描件"
Progress = Callable[[int, int], None]


def _piece(text: str, box: tuple[float, float, float, float], pageno: int, conf: float) -> Piece:
    return Piece(text, (box[0] + box[2]) / 2, Box(pageno, *box), conf=conf)


def _row_line(row: GridRow, confs: list[float], pageno: int, grid_id: int) -> Line:
    pieces = [_piece(c.text, c.box, pageno, conf) for c, conf in zip(row.cells, confs)]
    return Line(pieces, page=pageno, grid=grid_id, geometric=True)


Row = tuple[GridRow, list[float], Line]  # a table row, its cells' confidences, its line


def _page_lines(read: page.PageRead, pageno: int, whole: bool) -> tuple[list[Line], list[Row]]:
    """The page's lines top to bottom, and its table rows (for the rows a page break may split). `whole`: each
    line of text outside the tables is one piece, its parts a space apart (as the PDF reader gives a page it reads
    by its text alone: the title page)."""
    keyed: list[tuple[float, Line]] = []
    rows: list[Row] = []
    for k, table in enumerate(read.tables, 1):
        for row, confs in table:
            line = _row_line(row, confs, pageno, pageno * 100 + k)
            keyed.append((row.top, line))
            rows.append((row, confs, line))
    for texts in read.lines:
        if whole:
            box = (min(t.box[0] for t in texts), min(t.box[1] for t in texts), max(t.box[2] for t in texts),
                   max(t.box[3] for t in texts))
            pieces = [_piece(" ".join(t.text for t in texts), box, pageno, min(t.conf for t in texts))]
        else:
            pieces = [_piece(t.text, t.box, pageno, t.conf) for t in texts]
        keyed.append((min(t.box[1] for t in texts), Line(pieces, page=pageno, geometric=not whole)))
    keyed.sort(key=lambda t: t[0])
    return [ln for _, ln in keyed], rows


def _join(a: Row, b: Row) -> bool:
    """A table row the page break split in two (pdfgrid.join_split says when) is made one: the second part's
    cells added to the first's line (each the less sure of the two readings). Otherwise the next page's first row
    is marked as perhaps the rest of the last row, for the locator to decide."""
    (ra, ca, la), (rb, _, lb) = a, b
    before = [c.text for c in ra.cells]
    if not join_split(ra, rb):
        lb.after_break = aligned(ra, rb)
        return False
    page_no = la.page or 0
    confs = list(ca)
    for k, (cell, text) in enumerate(zip(ra.cells, before)):
        if cell.text != text:
            added = [p.conf for p in lb.pieces if p.conf is not None and p.box and p.box.x0 < cell.box[2]
                     and p.box.x1 > cell.box[0]]
            confs[k] = min([confs[k], *added])
    la.pieces = [_piece(c.text, c.box, page_no, conf) for c, conf in zip(ra.cells, confs)]
    return True


def read_scan(path: str, data: bytes, dpi: int = image.DPI, progress: Progress | None = None) -> Document:
    """The scanned PDF `data` read page by page (`progress(done, total)` after each page)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise ReadError("corrupt", "PDF 文件已损坏或不完整，无法打开；请重新下载或重新导出 PDF") from e
    if len(pdf) > MAX_PAGES:
        pdf.close()
        raise ReadError("too_large", f"扫描件共 {len(pdf)} 页，文字识别最多读 {MAX_PAGES} 页；请只保留年度报告部分后再检查")

    def pages():  # noqa: ANN202 - an iterator of Picture
        for i in range(len(pdf)):
            pg = pdf[i]
            try:
                yield image.render(pg, dpi)
            finally:
                pg.close()

    try:
        return _read_pictures(Document(path, "pdf", pages=len(pdf), ocr=True), pages(), dpi, progress, NOTHING_READ)
    finally:
        pdf.close()


def read_images(path: str, data: bytes, progress: Progress | None = None) -> Document:
    """A picture of report pages (PNG, JPEG, TIFF: each frame of a TIFF a page) read by OCR, as a scanned PDF is
    (its Document is a PDF's: pages and boxes in points); each page scaled to the resolution OCR reads at."""
    count, pictures = image.load_pictures(data)
    return _read_pictures(Document(path, "pdf", pages=count, ocr=True), pictures, image.DPI, progress,
                          NOTHING_IN_PICTURE)


def _read_pictures(doc: Document, pictures, dpi: int, progress: Progress | None,  # noqa: ANN001 - an iterator
                   nothing: str) -> Document:
    """The pages' pictures read one by one into `doc` (doc.pages of them)."""
    last: Row | None = None
    patterns = glyphs.Patterns()  # the digits of the document's font, learnt page by page
    for i, (grey, scale, size) in enumerate(pictures):
        img = image.prepare(grey, scale, size)
        turn, segs = page.upright(img, dpi)
        if turn:  # put in upside down or sideways: read (and later shown) as it is meant to be read
            img = image.prepare(grey, scale, size, quarter=turn)
            doc.turns[i + 1] = turn
        read = page.read(img, dpi, head=TITLE_LINES if i == 0 else 0, near=NEAR_LINES, patterns=patterns,
                         segs=None if turn else segs)
        lines, rows = _page_lines(read, i + 1, whole=not read.tables)
        if last is not None and rows and _join(last, rows[0]):
            lines = [ln for ln in lines if ln is not rows[0][2]]
            rows = rows[1:]
        if rows:
            last = rows[-1]
        doc.lines.extend(lines)
        if progress is not None:
            progress(i + 1, doc.pages)
    if not any(ln.text.strip() for ln in doc.lines):
        raise ReadError("no_text", nothing)
    return doc
