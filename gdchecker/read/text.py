"""Plain text and Markdown: tab fields, runs of spaces, pipe tables."""

from __future__ import annotations

import re

from gdchecker.read.document import Document, Line, Piece
from gdchecker.read.encoding import decode

_SEP_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def split_line(raw: str) -> tuple[list[Piece], bool]:
    """Split one text line into pieces; returns (pieces, geometric)."""
    s = raw.rstrip("\r\n")
    stripped = s.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        inner = stripped.strip("|")
        return [Piece(f.strip(), float(i)) for i, f in enumerate(inner.split("|"))], False
    if "\t" in s:
        return [Piece(f.strip(), float(i)) for i, f in enumerate(s.split("\t"))], False
    pieces = []
    for m in re.finditer(r"\S+(?: \S+)*", s):
        pieces.append(Piece(m.group(0), float(_width(s[: m.start()]) + _width(m.group(0)) / 2)))
    return pieces, True


def _width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


# what a browser or a PDF-to-text pass prints at each page's top and bottom: the page's address, the time it was
# printed, the page counter (“2/7”, “- 3 -”, “第 3 页 共 7 页”)
_FURNITURE = re.compile(r"^(?:(?:file|https?)://\S+|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?"
                        r"|\d{1,3}\s*/\s*\d{1,3}|-\s*\d{1,3}\s*-|第\s*\d{1,3}\s*页\s*(?:[,，/]?\s*共\s*\d{1,3}\s*页)?)$")
RUNNING = 12  # a line this long printed on most pages is a running header (the page's title), not the report's text


def _without_furniture(text: str) -> list[str]:
    """The text's lines without what a print puts on every page (text with form feeds between pages only): the
    running title (kept where it is first printed), the address, the time of printing and the page counter. A table
    running over a page break is then one table again."""
    pages = text.split("\f")
    lines = text.splitlines()
    if len(pages) < 2:
        return lines
    on_pages: dict[str, int] = {}
    for page in pages:
        for t in {ln.strip() for ln in page.splitlines()}:
            on_pages[t] = on_pages.get(t, 0) + 1
    most = max(2, len(pages) // 2)
    running = {t for t, n in on_pages.items() if n >= most and _width(t) >= RUNNING}
    out, kept = [], set()
    for ln in lines:
        t = ln.strip()
        if _FURNITURE.match(t):
            continue
        if t in running:
            if t in kept:
                continue
            kept.add(t)
        out.append(ln)
    return out


def read_text(path: str, data: bytes) -> Document:
    text = decode(data)
    doc = Document(path, "text")
    grid = 0
    in_grid = False
    for raw in _without_furniture(text):
        if _SEP_ROW.match(raw):
            continue
        pieces, geometric = split_line(raw)
        pieces = pieces if len(pieces) > 1 else [p for p in pieces if p.text]
        if not pieces:
            in_grid = False
            continue
        tabular = len(pieces) > 1
        if tabular and not in_grid:
            grid += 1
        in_grid = tabular
        doc.lines.append(Line(pieces, grid=grid if tabular else None, geometric=geometric and tabular))
    return doc
