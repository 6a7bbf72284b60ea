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


def read_text(path: str, data: bytes) -> Document:
    text = decode(data)
    doc = Document(path, "text")
    grid = 0
    in_grid = False
    for raw in text.splitlines():
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
