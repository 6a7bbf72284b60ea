"""Saved web pages: block text and tables with rowspan/colspan, any Chinese charset."""

from __future__ import annotations

from html.parser import HTMLParser

from gdchecker.read.document import Document, Line, Piece
from gdchecker.read.encoding import declared_charset, decode

_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
          "header", "footer", "dt", "dd", "blockquote", "pre", "ul", "ol", "hr", "title"}
_SKIP = {"script", "style", "noscript", "head", "template", "select", "option", "button"}


class _Cell:
    def __init__(self, rowspan: int, colspan: int):
        self.rowspan = rowspan
        self.colspan = colspan
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.parts).replace("\xa0", " ").strip()


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[_Cell]] = []


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[tuple[str, object]] = []  # ("text", str) | ("table", _Table)
        self.buf: list[str] = []
        self.skip = 0
        self.tables: list[_Table] = []
        self.cell: list[_Cell | None] = []
        self.title: str | None = None
        self._in_title = False

    def _flush(self) -> None:
        t = "".join(self.buf).replace("\xa0", " ").strip()
        if t:
            self.out.append(("text", t))
        self.buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag == "body":
            self.skip = 0  # a page that never closed its <head>
            self._in_title = False
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        a = dict(attrs)
        if tag == "table":
            if not self.tables:
                self._flush()
            self.tables.append(_Table())
            self.cell.append(None)
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            t = self.tables[-1]
            if not t.rows:
                t.rows.append([])
            c = _Cell(_int(a.get("rowspan")), _int(a.get("colspan")))
            t.rows[-1].append(c)
            self.cell[-1] = c
        elif tag in _BLOCK:
            if self.tables and self.cell and self.cell[-1] is not None:
                if tag in ("p", "br", "div") and self.cell[-1].parts:
                    self.cell[-1].parts.append("\n")
            elif not self.tables:
                self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "table" and self.tables:
            t = self.tables.pop()
            self.cell.pop()
            if self.tables and self.cell and self.cell[-1] is not None:
                # a table inside a cell: keep its text in the outer cell
                self.cell[-1].parts.append(" ".join(c.text for r in t.rows for c in r))
            else:
                self.out.append(("table", t))
        elif tag in ("td", "th") and self.cell:
            self.cell[-1] = None
        elif tag in _BLOCK and not self.tables:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title and self.title is None and data.strip():
            self.title = data.strip()
        if self.skip:
            return
        if self.tables:
            if self.cell and self.cell[-1] is not None:
                self.cell[-1].parts.append(data.replace("\n", "").replace("\r", ""))
            return
        self.buf.append(data.replace("\n", "").replace("\r", ""))

    def close(self) -> None:
        super().close()
        while self.tables:
            self.handle_endtag("table")
        self._flush()


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
    text = decode(data, declared_charset(data))
    p = _Parser()
    p.feed(text)
    p.close()
    doc = Document(path, "html", title=p.title)
    gid = 0
    for kind, item in p.out:
        if kind == "text":
            doc.lines.append(Line([Piece(str(item))]))
        else:
            gid += 1
            t = item  # type: ignore[assignment]
            rows = [[(c.text, c.rowspan, c.colspan) for c in r] for r in t.rows]  # type: ignore[attr-defined]
            doc.lines.extend(grid_lines(rows, gid))
    return doc
