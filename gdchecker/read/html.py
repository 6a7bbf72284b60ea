"""Saved web pages: block text and tables with rowspan/colspan, any Chinese charset."""

from __future__ import annotations

import re
from html import unescape
from xml.sax.saxutils import escape

from gdchecker.read.document import Document, Line, Piece, ReadError
from gdchecker.read.encoding import declared_charset, decode
from gdchecker.read.limits import MAX_MARKUP_TAGS, Rows, check_grid_work, clip_rowspans, grid_work

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


def _grid(table) -> Rows:  # noqa: ANN001
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


def grid_lines(rows: Rows, grid_id: int, page: int | None = None) -> list[Line]:
    """Lay out rows of (text, rowspan, colspan) on a grid; a merged cell's text stays in its first row.

    Per column, the row down to which the cells placed so far cover it, and where the cell covering it furthest
    ends: placing a cell costs its colspan, never rowspan x colspan, and taken columns are skipped a cell at a time.
    """
    until: list[int] = []  # per column: the first row below every cell placed so far that covers it
    end: list[int] = []  # per column: the column after the cell that covers it furthest down
    lines = []
    for r, row in enumerate(rows):
        col = 0
        pieces = []
        for text, rowspan, colspan in row:
            while col < len(until) and until[col] > r:
                col = end[col]
            _take(until, end, col, col + colspan, r + rowspan)
            pieces.append(Piece(text, col + (colspan - 1) / 2))
            col += colspan
        if pieces:
            lines.append(Line(pieces, page=page, grid=grid_id))
    return lines


def _take(until: list[int], end: list[int], start: int, stop: int, reach: int) -> None:
    """Columns start..stop-1 are covered down to row reach (exclusive) by a cell ending at stop."""
    if stop > len(until):
        grow = [0] * (stop - len(until))
        until.extend(grow)
        end.extend(grow)
    for c in range(start, stop):
        if until[c] < reach:
            until[c], end[c] = reach, stop


# Pages nested deeper than libxml2 builds (256 levels: a CMS that left hundreds of <font> tags unclosed) are parsed
# again flatter: without inline tags, then without block containers too, at the last as plain text. A tag's
# attributes run to its ">" but never past a "<", so each pass scans the page once.
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][\w:.-]*)[^<>]*>")
_INLINE = {"font", "span", "b", "strong", "i", "em", "u", "a", "small", "big", "sub", "sup", "s", "strike", "ins",
           "del", "label", "abbr", "q", "cite", "code", "kbd", "samp", "var", "mark", "nobr"}
_CONTAINERS = {"div", "center", "section", "article", "header", "footer", "main", "aside", "nav", "form",
               "blockquote", "figure", "figcaption", "ul", "ol", "li", "dl", "dt", "dd", "address"}
_BREAKS = re.compile(r"(?:<br>\s*)+")
_UNSEEN = re.compile(r"<(script|style|head|noscript|template)\b", re.I)
_BREAK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "dt", "dd",
          "blockquote", "pre", "center", "ul", "ol", "hr", "title", "caption"}


def _inline(name: str) -> bool:
    return name in _INLINE or ":" in name  # o:p, st1:chsdate... of Word's HTML


def _flat_inline(text: str) -> str:
    return _ANY_TAG.sub(lambda m: "" if _inline(m.group(2).lower()) else m.group(0), text)


def _flat_blocks(text: str) -> str:
    flat = _ANY_TAG.sub(lambda m: "<br>" if m.group(2).lower() in _CONTAINERS else m.group(0), text)
    return _BREAKS.sub("<br>", flat)


def _drop_unseen(text: str) -> str:
    """Without scripts, styles and the head: from each opening tag to its closing one (or to the end)."""
    kept, at = [], 0
    while m := _UNSEEN.search(text, at):
        kept.append(text[at:m.start()])
        close = re.compile(rf"</{m.group(1)}\b[^<>]*>", re.I).search(text, m.end())
        if close is None:
            return "".join(kept)
        at = close.end()
    kept.append(text[at:])
    return "".join(kept)


def _flat_text(text: str) -> str:
    text = _ANY_TAG.sub(lambda m: "\n" if m.group(2).lower() in _BREAK else " ", _drop_unseen(_clean(text)))
    lines = (unescape(line).strip() for line in text.split("\n"))
    return "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in lines if line) + "</body></html>"


def _parse_once(text: str):  # noqa: ANN202 - an lxml element
    """The tree, and whether libxml2 stopped building it at a limit (nesting too deep)."""
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(text or "<html></html>", parser=parser)
    except (ValueError, lxml.etree.ParserError) as e:
        raise ReadError("corrupt", "网页文件无法解析；请用浏览器打开后另存为 .html 或打印为 PDF") from e
    return root, any(e.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in e.message for e in parser.error_log)


def _parse(text: str):  # noqa: ANN202
    """The page's tree; flattened a step further (each step on the last one's output) while libxml2 stops short."""
    for flatten in (None, _flat_inline, _flat_blocks, _flat_text):
        if flatten:
            text = flatten(text)
        root, stopped = _parse_once(text)
        if not stopped:
            break
    return root


def _check_markup(data: bytes) -> None:
    tags = data.count(b"<")
    if tags > MAX_MARKUP_TAGS:
        raise ReadError("too_large", f"网页文件中有约 {tags // 10000} 万个标签（上限 {MAX_MARKUP_TAGS // 10000} 万），"
                                     "不像是一份年度报告")


def read_html(path: str, data: bytes) -> Document:
    _check_markup(data)
    text = decode(data, declared_charset(data))
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses an encoding declaration in a decoded string
    root = _parse(text)
    title = root.findtext(".//title")
    w = _Walker()
    body = root.find("body")
    w.walk(body if body is not None else root)
    w.flush()
    tables = [clip_rowspans(item) for kind, item in w.out if kind == "table"]  # type: ignore[arg-type]
    check_grid_work(sum(map(grid_work, tables)), "网页")
    doc = Document(path, "html", title=title.strip() if title else None)
    laid = iter(tables)
    gid = 0
    for kind, item in w.out:
        if kind == "text":
            doc.lines.append(Line([Piece(str(item))]))
        else:
            gid += 1
            doc.lines.extend(grid_lines(next(laid), gid))
    return doc
