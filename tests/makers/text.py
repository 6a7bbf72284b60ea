"""Reports as plain text, the way converters and crawlers leave them: tab fields, space-aligned
columns or Markdown pipe tables."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from . import labels as L
from .grid import Cell, CellKey, Grid, Shape, document
from .values import Values

STYLES = ("tabs", "spaces", "markdown")
_ORDINAL = re.compile(r"^（([一二三四五六七八九十]+)）")
_NUMBERED = re.compile(r"^(\d)\.")


def _seedish(text: str) -> str:
    """The tab style writes ordinals as a PDF-to-text pass does: （一）予以公开 → (一) 予以公开, 1.属于 → 1. 属于."""
    return _NUMBERED.sub(r"\1. ", _ORDINAL.sub(r"(\1) ", text))


def _review_header(text: str) -> str:
    """Table 四 header words with the spaces of the seed: 结果 维持, 尚 未 审 结."""
    return {"结果维持": "结果 维持", "结果纠正": "结果 纠正", "其他结果": "其他 结果", "尚未审结": "尚 未 审 结"}.get(text, text)


def _cell_text(grid: Grid, c: Cell, style: str) -> str:
    text = c.text
    if style == "tabs":
        text = _seedish(text)
        if grid.name == "review_litigation" and c.kind == "header":
            text = _review_header(text)
    return text


def _tabs(grid: Grid) -> list[str]:
    g = grid.unmerged()
    out: list[str] = []
    for r, cells in enumerate(g.rows()):
        fields = [_cell_text(g, c, "tabs") for c in cells]
        extra: list[list[str]] = []
        row_key = g.tags[r].removeprefix("data:")
        if g.name == "applications" and row_key in L.TEXT_WRAPPED_ROWS:
            # the long label continues on the next line(s), the other fields left empty (like the seed)
            col = max(i for i, c in enumerate(cells) if c.kind == "label")
            lines = L.wrapped(cells[col].text)
            if len(lines) == 1:
                lines = (cells[col].text[:14], cells[col].text[14:])
            fields[col] = _seedish(lines[0])
            for more in lines[1:]:
                extra.append(["" if i != col else more for i in range(len(cells))])
        out.append("\t".join(fields))
        out += ["\t".join(e) for e in extra]
    return out


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _spaces(grid: Grid) -> list[str]:
    """Columns at fixed offsets (like `pdftotext -layout`); a text wider than its column (the 勾稽 note,
    the captions, labels that were merged across columns) runs on and pushes the rest by two spaces."""
    widths = [0] * grid.n_cols
    for c in grid.cells:
        if c.cs == 1 and c.kind != "note":
            widths[c.c] = max(widths[c.c], _width(_cell_text(grid, c, "spaces")))
    starts = [sum(widths[:i]) + 2 * i for i in range(grid.n_cols)]
    g = grid.unmerged()
    out = []
    for cells in g.rows():
        line = ""
        for c in cells:
            text = _cell_text(g, c, "spaces")
            if text:
                gap = starts[c.c] - _width(line)
                line += " " * (gap if gap >= 2 or not line else 2) + text
        out.append(line)
    return out


def _markdown(grid: Grid) -> list[str]:
    g = grid.unmerged()
    rows = [[_cell_text(g, c, "markdown").replace("|", "\\|") for c in cells] for cells in g.rows()]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * g.n_cols]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return lines


def write_text(path: str | Path, version: str, year: int, agency: str, values: Values, *, style: str = "tabs",
               encoding: str = "utf-8", bom: bool = False, blanks: Iterable[CellKey] = (),
               shape: Shape | None = None) -> None:
    """Write a report as text.

    style "tabs": one tab-separated line per table row, empty fields kept, merged labels only in their
    first cell, ordinals as "(一) " / "1. ", table 四 header words spaced ("尚 未 审 结"), and the long
    table-三 labels of labels.TEXT_WRAPPED_ROWS continued on the next line with all other fields empty.
    "spaces": columns aligned with runs of spaces (CJK counted double width); an empty cell is just spaces.
    "markdown": pipe tables, the first grid row as the Markdown header.
    encoding utf-8 / gbk / gb18030 (the GB encodings use CRLF line ends); bom: a byte-order mark
    (utf-8: EF BB BF; gb18030: 84 31 95 33; gbk has none and raises ValueError)."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}")
    codec = encoding.lower().replace("_", "-")
    if bom and codec in ("gbk", "gb2312", "cp936"):
        raise ValueError("gbk has no byte-order mark")
    render = {"tabs": _tabs, "spaces": _spaces, "markdown": _markdown}[style]
    md = style == "markdown"
    lines: list[str] = []
    for kind, item in document(version, year, agency, values, blanks=blanks, shape=shape):
        if isinstance(item, Grid):
            lines += [*render(item), ""]
        elif kind == "title":
            lines += [f"# {item}" if md else str(item), ""]
        elif kind == "heading":
            lines += [f"## {item}" if md else str(item), ""]
        else:
            lines += [str(item), ""]
    newline = "\r\n" if codec in ("gbk", "gb2312", "gb18030", "cp936") else "\n"
    text = newline.join(lines)
    mark = "\ufeff".encode(codec) if bom and codec != "utf-8-sig" else b""
    Path(path).write_bytes(mark + text.encode(codec))
