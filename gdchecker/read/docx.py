"""Word .docx: body paragraphs and tables in order, with gridSpan and vMerge."""

from __future__ import annotations

import io
import zipfile

from gdchecker.read.document import Document, Line, Piece, ReadError
from gdchecker.read.html import grid_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


def _table_rows(tbl) -> list[list[tuple[str, int, int]]]:  # noqa: ANN001
    """Rows of (text, rowspan, colspan); vertical merges resolved into rowspans."""
    raw: list[list[tuple[str, int, str | None]]] = []
    for tr in tbl.findall(_W + "tr"):
        row = []
        for tc in tr.findall(_W + "tc"):
            tcpr = tc.find(_W + "tcPr")
            span, vmerge = 1, None
            if tcpr is not None:
                gs = tcpr.find(_W + "gridSpan")
                if gs is not None:
                    try:
                        span = max(1, int(gs.get(_W + "val", "1")))
                    except ValueError:
                        span = 1
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


def read_docx(path: str, data: bytes) -> Document:
    try:
        import docx  # python-docx

        d = docx.Document(io.BytesIO(data))
        body = d.element.body
    except Exception as e:  # python-docx raises many kinds for a broken package (zip, XML, missing parts)
        raise ReadError("corrupt", CORRUPT) from e
    if body is None:
        raise ReadError("corrupt", CORRUPT)
    doc = Document(path, "docx")
    gid = 0
    for child in _blocks(body):
        if child.tag == _W + "p":
            t = _para_text(child).strip()
            if t:
                doc.lines.append(Line([Piece(t)]))
        elif child.tag == _W + "tbl":
            gid += 1
            doc.lines.extend(grid_lines(_table_rows(child), gid))
    if not any(line.text.strip() for line in doc.lines) and _has_images(data):
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


def _has_images(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return any(n.startswith("word/media/") for n in z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
