"""Cells from rule segments: where rules cross, the smallest rectangles closed by rules on all four sides are the
cells (merged cells are the larger rectangles a missing inner rule leaves), grouped into tables and rows the way the
PDF reader groups a drawn table (its cell finder, gdchecker.read.pdftables, fed with the rules seen in the picture)."""

from __future__ import annotations

from dataclasses import dataclass

from gdchecker.ocr.rules import Segment
from gdchecker.read.pdftables import TooDense, tables_of

MIN_COLS = 3  # column rules that end together where a page cuts a table (a page frame has two)
MIN_TABLE_COLS = 2  # a frame or a boxed paragraph is not a table; a 表二 block of two columns alone on a page is


@dataclass
class ScanCell:
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in pixels of the straightened page


@dataclass
class ScanRow:
    cells: list[ScanCell]
    top: float
    bottom: float


@dataclass
class ScanTable:
    rows: list[ScanRow]
    bbox: tuple[float, float, float, float]
    open_top: bool = False  # no rule drawn above it: the page break may have cut it (a rule was put there)
    open_bottom: bool = False


def _edge(s: Segment) -> dict:
    if s.horizontal:
        return {"x0": s.start, "x1": s.end, "top": s.pos, "bottom": s.pos, "width": s.end - s.start, "height": 0.0,
                "orientation": "h", "object_type": "line"}
    return {"x0": s.pos, "x1": s.pos, "top": s.start, "bottom": s.end, "width": 0.0, "height": s.end - s.start,
            "orientation": "v", "object_type": "line"}


def _crossing(segs: list[Segment], tol: float) -> list[Segment]:
    """The segments that cross or meet at least two of the other direction: rules of a table (a character's stroke
    that looked like a short rule meets none)."""
    hs = [s for s in segs if s.horizontal]
    vs = [s for s in segs if not s.horizontal]

    def meets(a: Segment, b: Segment) -> bool:
        return a.start - tol <= b.pos <= a.end + tol and b.start - tol <= a.pos <= b.end + tol

    keep_h = [h for h in hs if sum(meets(h, v) for v in vs) >= 2]
    keep_v = [v for v in vs if sum(meets(v, h) for h in keep_h) >= 2]
    keep_h = [h for h in keep_h if sum(meets(h, v) for v in keep_v) >= 2]
    return keep_h + keep_v


def _closing(ruled: list[Segment], tol: float) -> list[Segment]:
    """Rules to close a table the page cuts: where three or more column rules end together and the rule across
    their ends is missing or drawn over part of them only (a table going on over the page break, printed without
    its border there), a rule is put across where they end, as the PDF reader does."""
    hs = [s for s in ruled if s.horizontal]
    vs = [s for s in ruled if not s.horizontal]

    def closed(s: Segment, y: float) -> bool:
        return any(abs(h.pos - y) <= tol and h.start - tol <= s.pos <= h.end + tol for h in hs)

    out = []
    for top in (True, False):
        ends = sorted(((s.start if top else s.end), i) for i, s in enumerate(vs))
        groups: list[list[tuple[float, int]]] = []
        for y, i in ends:
            if groups and y - groups[-1][0][0] <= 3 * tol:
                groups[-1].append((y, i))
            else:
                groups.append([(y, i)])
        for group in groups:
            segs = [vs[i] for _, i in group]
            if len({round(s.pos / tol) for s in segs}) < MIN_COLS or all(closed(s, y) for (y, _), s in zip(group, segs)):
                continue
            at = min(y for y, _ in group) if top else max(y for y, _ in group)
            x0, x1 = min(s.pos for s in segs), max(s.pos for s in segs)
            if any(abs(h.pos - at) <= 2 * tol and h.start <= x0 + tol and h.end >= x1 - tol for h in hs):
                continue  # the rule is there, the column rules only run a little past it
            out.append(Segment(True, at, min(s.pos for s in segs), max(s.pos for s in segs), 1.0))
    return out


def tables(segs: list[Segment], dpi: float) -> tuple[list[ScanTable], list[Segment]]:
    """The ruled tables of the page, each as rows of cells (a row: the cells whose top is at the same rule, as in
    the PDF reader), tables of one column or one row left out; and the segments that are rules."""
    tol = max(3.0, dpi * 0.02)  # 4 px at 200 dpi: rules of one line seen a little apart, ends a little short
    ruled = _crossing(segs, tol)
    closing = _closing(ruled, tol)
    edges = [_edge(s) for s in ruled + closing]
    if not edges:
        return [], []
    try:
        found = tables_of(edges, tol, tol, tol, min_length=None, prefilter=None)
    except TooDense:  # a picture of more rules than any table: no table is read from it
        return [], ruled
    out = []
    for t in found:
        rows = []
        for r in t.rows:
            cs = [ScanCell(tuple(c)) for c in r.cells if c is not None]  # type: ignore[arg-type]
            if cs:
                rows.append(ScanRow(cs, min(c.box[1] for c in cs), max(c.box[3] for c in cs)))
        if len(rows) >= 2 and max(len(r.cells) for r in rows) >= MIN_TABLE_COLS:
            x0, top, x1, bottom = t.bbox
            put = [s.pos for s in closing if s.start <= x1 and s.end >= x0]
            out.append(ScanTable(rows, t.bbox, any(abs(y - top) <= 2 * tol for y in put),
                                 any(abs(y - bottom) <= 2 * tol for y in put)))
    out.sort(key=lambda t: t.bbox[1])
    return out, ruled
