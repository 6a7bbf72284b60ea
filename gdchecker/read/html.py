"""Saved web pages: block text and tables with rowspan/colspan, any Chinese charset."""

from __future__ import annotations

import re

from gdchecker.read.document import Document, Line, Piece, ReadError
from gdchecker.read.encoding import declared_charset, decode

_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "header",
          "footer", "dt", "dd", "blockquote", "pre", "ul", "ol", "hr", "title", "center", "form", "main", "aside",
          "nav", "figure", "figcaption", "caption", "tbody", "thead", "tfoot", "dl", "address"}
_SKIP = {"script", "style", "noscript", "head", "template", "select", "option", "button", "textarea", "iframe",
         "object", "svg"}


class _Walker:
    """Document order: runs of text between block boundaries, and data tables as grids.

    A table that holds other tables only lays out the page (a common way gov sites frame an article): it is walked
    like any block, so the statistical tables inside it stay tables.
    """

    def __init__(self) -> None:
        self.out: list[tuple[str, object]] = []  # ("text", str) | ("table", rows of (text, rowspan, colspan))
        self.buf: list[str] = []

    def flush(self) -> None:
        t = "".join(self.buf).replace("\xa0", " ").strip()
        if t:
            self.out.append(("text", t))
        self.buf = []

    def walk(self, el) -> None:  # noqa: ANN001 - an lxml element
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower().split("}")[-1]
        if tag in _SKIP or (tag and _hidden(el)):
            self._tail(el)
            return
        if tag == "table" and not _has_inner_table(el):
            self.flush()
            self.out.append(("table", _grid(el)))
            self._tail(el)
            return
        block = tag in _BLOCK or tag in ("table", "td", "th")
        if block:
            self.flush()
        if el.text and tag:
            self.buf.append(_clean(el.text))
        for child in el:
            self.walk(child)
        if block:
            self.flush()
        self._tail(el)

    def _tail(self, el) -> None:  # noqa: ANN001
        if el.tail:
            self.buf.append(_clean(el.tail))


_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)


def _hidden(el) -> bool:  # noqa: ANN001
    """Text a browser does not show (anti-copy junk, Word's mso-hide) is not part of the report."""
    return bool(_HIDDEN.search(el.get("style") or "")) or el.get("hidden") is not None


def _clean(text: str) -> str:
    return text.replace("\r", "").replace("\n", "")


def _has_inner_table(table) -> bool:  # noqa: ANN001
    return bool(table.xpath(".//table"))


def _cell_text(cell) -> str:  # noqa: ANN001
    """A cell's text; paragraphs and line breaks inside it become line breaks (labels lose them later)."""
    parts: list[str] = []

    def rec(el) -> None:  # noqa: ANN001
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or (tag and el is not cell and _hidden(el)):
            if el.tail:
                parts.append(_clean(el.tail))
            return
        if tag in ("p", "div", "br", "li") and parts:
            parts.append("\n")
        if el.text and tag:
            parts.append(_clean(el.text))
        for ch in el:
            rec(ch)
        if el.tail and el is not cell:
            parts.append(_clean(el.tail))

    rec(cell)
    return "".join(parts).replace("\xa0", " ").strip()


def _grid(table) -> list[list[tuple[str, int, int]]]:  # noqa: ANN001
    rows = []
    for tr in table.iter("tr"):
        if tr.getparent() is not None and _nearest_table(tr) is not table:
            continue
        cells = [(_cell_text(td), _int(td.get("rowspan")), _int(td.get("colspan")))
                 for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")]
        rows.append(cells)
    return rows


def _nearest_table(el):  # noqa: ANN001, ANN202
    p = el.getparent()
    while p is not None and not (isinstance(p.tag, str) and p.tag.lower() == "table"):
        p = p.getparent()
    return p


def _int(v: str | None) -> int:
    try:
        return max(1, min(100, int(str(v).strip())))
    except (TypeError, ValueError):
        return 1


def grid_lines(rows: list[list[tuple[str, int, int]]], grid_id: int, page: int | None = None) -> list[Line]:
    """Lay out rows of (text, rowspan, colspan) on a grid; a merged cell's text stays in its first row."""
    taken: dict[tuple[int, int], bool] = {}
    lines = []
    for r, row in enumerate(rows):
        col = 0
        pieces = []
        for text, rowspan, colspan in row:
            while taken.get((r, col)):
                col += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, col + dc)] = True
            pieces.append(Piece(text, col + (colspan - 1) / 2))
            col += colspan
        if pieces:
            lines.append(Line(pieces, page=page, grid=grid_id))
    return lines


def read_html(path: str, data: bytes) -> Document:
    import lxml.html

    text = decode(data, declared_charset(data))
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses an encoding declaration in a decoded string
    try:
        root = lxml.html.document_fromstring(text or "<html></html>")
    except (ValueError, lxml.etree.ParserError) as e:
        raise ReadError("corrupt", "网页文件无法解析；请用浏览器打开后另存为 .html 或打印为 PDF") from e
    title = root.findtext(".//title")
    w = _Walker()
    body = root.find("body")
    w.walk(body if body is not None else root)
    w.flush()
    doc = Document(path, "html", title=title.strip() if title else None)
    gid = 0
    for kind, item in w.out:
        if kind == "text":
            doc.lines.append(Line([Piece(str(item))]))
        else:
            gid += 1
            doc.lines.extend(grid_lines(item, gid))  # type: ignore[arg-type]
    return doc
