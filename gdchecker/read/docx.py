"""Word .docx: body paragraphs and tables in order, with gridSpan and vMerge.

Only the main document part is read (not every part, as python-docx does), inflated with a cap and parsed with
python-docx's parser settings; spans are clipped to the table's own extent before any grid is built.
"""

from __future__ import annotations

from lxml import etree

from gdchecker.read.document import Document, Line, Piece, ReadError
from gdchecker.read.html import grid_lines
from gdchecker.read.limits import Package, Rows, check_grid_work, check_tags, clip_rowspans, grid_work

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
MAIN = "word/document.xml"
WHAT = "Word 文件"


def _para_text(p) -> str:  # noqa: ANN001 - lxml element
    parts = []
    for node in p.iter():
        if node.tag == _W + "t" and node.text:
            parts.append(node.text)
        elif node.tag == _W + "tab":
            parts.append("\t")
        elif node.tag in (_W + "br", _W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc) -> str:  # noqa: ANN001
    paras = [_para_text(p) for p in tc.iter(_W + "p")]
    return "\n".join(x for x in paras if x.strip()).strip()


def _extent(tbl, trs: list) -> int:  # noqa: ANN001 - lxml elements
    """The table's width in grid columns: its w:tblGrid, or its widest row's cells if more. No span reaches
    further (a span of 2147483648 must not make a grid of that many columns)."""
    grid = tbl.find(_W + "tblGrid")
    cols = len(grid.findall(_W + "gridCol")) if grid is not None else 0
    return max(cols, max((len(tr.findall(_W + "tc")) for tr in trs), default=1), 1)


def _span(gs, extent: int) -> int:  # noqa: ANN001
    try:
        return max(1, min(extent, int(gs.get(_W + "val", "1"))))
    except ValueError:
        return 1


def _table_rows(tbl) -> Rows:  # noqa: ANN001
    """Rows of (text, rowspan, colspan); vertical merges resolved into rowspans."""
    raw: list[list[tuple[str, int, str | None]]] = []
    trs = tbl.findall(_W + "tr")
    extent = _extent(tbl, trs)
    for tr in trs:
        row = []
        for tc in tr.findall(_W + "tc"):
            tcpr = tc.find(_W + "tcPr")
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(_W + "gridSpan")
                if gs is not None:
                    span = _span(gs, extent)
                vm = tcpr.find(_W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(_W + "val", "continue")
            row.append((_cell_text(tc), span, vmerge))
        raw.append(row)
    # column start of every cell, then fold "continue" cells into the rowspan of the cell above
    starts: list[list[int]] = []
    for row in raw:
        col, s = 0, []
        for _, span, _ in row:
            s.append(col)
            col += span
        starts.append(s)
    rowspans: dict[tuple[int, int], int] = {}
    out: list[list[tuple[str, int, int]]] = []
    owner: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(raw):
        cells = []
        for i, (text, span, vm) in enumerate(row):
            c = starts[r][i]
            if vm == "continue" and c in owner:
                orow, oi = owner[c]
                rowspans[(orow, oi)] = rowspans.get((orow, oi), 1) + 1
                cells.append(None)
                continue
            owner[c] = (r, len(cells))
            cells.append((text, span))
        out.append(cells)  # type: ignore[arg-type]
    result = []
    for r, cells in enumerate(out):
        row_out = []
        for i, cell in enumerate(cells):
            if cell is None:
                continue
            text, span = cell
            row_out.append((text, rowspans.get((r, i), 1), span))
        result.append(row_out)
    return result


CORRUPT = "Word 文件已损坏或不完整，无法打开；请重新下载，或用 Word/WPS 打开后重新保存"
NO_TEXT = "Word 文件里没有文字，只有图片（可能是扫描件）；请先做文字识别（OCR）或使用原始电子版"


def _main_part(pkg: Package) -> str:
    """The part the package relationships name as the main document (word/document.xml from every producer)."""
    names = set(pkg.names())
    if "_rels/.rels" not in names:
        return MAIN
    try:
        rels = etree.fromstring(pkg.read("_rels/.rels"), _parser())
    except (etree.XMLSyntaxError, ValueError):
        return MAIN
    for rel in rels.iter(_RELS):
        target = (rel.get("Target") or "").lstrip("/")
        if (rel.get("Type") or "").endswith("/officeDocument") and target in names:
            return target
    return MAIN


def _parser() -> etree.XMLParser:
    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)  # as python-docx parses


def _body(pkg: Package):  # noqa: ANN202 - an lxml element
    name = _main_part(pkg)
    xml = pkg.read(name)
    check_tags(xml, WHAT, name)
    try:
        body = etree.fromstring(xml, _parser()).find(_W + "body")
    except (etree.XMLSyntaxError, ValueError) as e:
        raise ReadError("corrupt", CORRUPT) from e
    if body is None:
        raise ReadError("corrupt", CORRUPT)
    return body


def read_docx(path: str, data: bytes) -> Document:
    pkg = Package(data, WHAT, CORRUPT)
    try:
        body = _body(pkg)
        names = pkg.names()
    finally:
        pkg.close()
    doc = Document(path, "docx")
    gid = work = 0
    for child in _blocks(body):
        if child.tag == _W + "p":
            t = _para_text(child).strip()
            if t:
                doc.lines.append(Line([Piece(t)]))
        elif child.tag == _W + "tbl":
            gid += 1
            rows = clip_rowspans(_table_rows(child))
            work += grid_work(rows)
            check_grid_work(work, WHAT)
            doc.lines.extend(grid_lines(rows, gid))
    if not any(line.text.strip() for line in doc.lines) and any(n.startswith("word/media/") for n in names):
        raise ReadError("no_text", NO_TEXT)
    return doc


def _blocks(parent):  # noqa: ANN001, ANN202 - lxml elements
    """Paragraphs and tables in order, also those wrapped in content controls (w:sdt) or custom XML."""
    for child in parent.iterchildren():
        if child.tag in (_W + "sdt", _W + "customXml", _W + "smartTag"):
            content = child.find(_W + "sdtContent")
            yield from _blocks(content if content is not None else child)
        elif child.tag in (_W + "p", _W + "tbl"):
            yield child
