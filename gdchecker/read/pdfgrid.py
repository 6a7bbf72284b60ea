"""Ruled tables on a PDF page read by their geometry: the drawn rules give the cells, every word belongs to the
cell whose box holds it, so a blank cell stays a blank cell and a row with nothing but its label is still a row.

A table that goes on over a page break has no rule where the page cuts it (browsers and Word leave the border
out): the ends of its vertical rules close it, so the rows next to the break are cells like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from gdchecker.model import Box
from gdchecker.read.document import Line, Piece

MIN_COLS = 3  # a page frame or a boxed paragraph is not a statistical table
_TOL = 2.0


@dataclass
class GridRow:
    cells: list[tuple[tuple[float, float, float, float], str]]  # (x0, top, x1, bottom), text
    top: float
    open_top: bool  # no rule drawn above the row: the table was cut by the page before it
    open_bottom: bool


def _v_clusters(vs: list[dict]) -> list[tuple[float, float, float, float]]:
    """Vertical rules that overlap in height, as one table's extent (x0, top, x1, bottom); a table has rules at
    three or more places across."""
    groups: list[list[dict]] = []
    for e in sorted(vs, key=lambda e: e["top"]):
        if groups and e["top"] <= max(x["bottom"] for x in groups[-1]) + _TOL:
            groups[-1].append(e)
        else:
            groups.append([e])
    out = []
    for g in groups:
        if len({round(e["x0"]) for e in g}) >= MIN_COLS:
            out.append((min(e["x0"] for e in g), min(e["top"] for e in g), max(e["x1"] for e in g),
                        max(e["bottom"] for e in g)))
    return out


def _has_rule(hs: list[dict], y: float, x0: float, x1: float) -> bool:
    return any(abs(e["top"] - y) <= _TOL and e["x0"] <= x0 + _TOL and e["x1"] >= x1 - _TOL for e in hs)


def _cell_text(words: list[dict]) -> str:
    """Words of one cell: lines top to bottom joined without a space (a wrapped label or number is one text);
    on one line, pieces far apart keep a space (two figures in a cell whose rule is missing stay two)."""
    words = sorted(words, key=lambda w: (round((w["top"] + w["bottom"]) / 2), w["x0"]))
    out = ""
    prev = None
    for w in words:
        if prev is not None:
            h = max(1.0, prev["bottom"] - prev["top"])
            same_line = abs((w["top"] + w["bottom"]) / 2 - (prev["top"] + prev["bottom"]) / 2) <= 0.45 * h
            if same_line and w["x0"] - prev["x1"] > 0.5 * h:
                out += " "
        out += w["text"]
        prev = w
    return out


def ruled_rows(page, words: list[dict]) -> tuple[list[list[GridRow]], list[dict]]:  # noqa: ANN001 - pdfplumber page
    """The ruled tables of the page as rows of cells, and the words that lie in none of them."""
    try:
        edges = page.edges
    except Exception:  # a strange drawing must not stop the reading
        return [], words
    vs = [e for e in edges if e.get("orientation") == "v" and e["bottom"] - e["top"] > 3]
    hs = [e for e in edges if e.get("orientation") == "h" and e["x1"] - e["x0"] > 3]
    clusters = _v_clusters(vs)
    if not clusters or not hs:
        return [], words
    closing = []
    for x0, top, x1, bottom in clusters:  # close tables cut by the page break
        for y in (top, bottom):
            if not _has_rule(hs, y, x0, x1):
                closing.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "orientation": "h"})
    # with and without the closing rules (a frame around the page would close the wrong things): the reading
    # that puts more words in cells wins
    best: tuple[list[list[GridRow]], list[dict]] = ([], words)
    for extra in ([], closing) if closing else ([],):
        tables, rest = _read_tables(page, words, hs, extra)
        if len(rest) < len(best[1]):
            best = (tables, rest)
    return best


def _read_tables(page, words: list[dict], hs: list[dict], closing: list[dict]  # noqa: ANN001
                 ) -> tuple[list[list[GridRow]], list[dict]]:
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "explicit_horizontal_lines": closing,
                "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}
    try:
        found = page.find_tables(settings)
    except Exception:
        return [], words
    tables: list[list[GridRow]] = []
    taken: set[int] = set()
    for t in found:
        if max((len(r.cells) for r in t.rows), default=0) < MIN_COLS:
            continue
        rows: list[GridRow] = []
        for r in t.rows:
            boxes = [c for c in r.cells if c is not None]
            if not boxes:
                continue
            cells = []
            for box in boxes:
                inside = [w for w in words if id(w) not in taken and box[0] - 0.5 <= (w["x0"] + w["x1"]) / 2 <= box[2] + 0.5
                          and box[1] - 0.5 <= (w["top"] + w["bottom"]) / 2 <= box[3] + 0.5]
                taken.update(id(w) for w in inside)
                cells.append((box, _cell_text(inside)))
            x0, top, x1, bottom = r.bbox
            rows.append(GridRow(cells, top, not _has_rule(hs, top, x0, x1), not _has_rule(hs, bottom, x0, x1)))
        if rows and any(text for row in rows for _, text in row.cells):
            tables.append(rows)
    return tables, [w for w in words if id(w) not in taken]


def grid_line(row: GridRow, pageno: int, grid_id: int) -> Line:
    pieces = [Piece(text, (b[0] + b[2]) / 2, Box(pageno, b[0], b[1], b[2], b[3])) for b, text in row.cells]
    return Line(pieces, page=pageno, grid=grid_id, geometric=True)
