"""Ruled tables on a PDF page read by their geometry: the drawn rules give the cells, every word belongs to the
cell whose box holds it, so a blank cell stays a blank cell and a row with nothing but its label is still a row.

A table that goes on over a page break may have no rule where the page cuts it (browsers leave the border out):
where its column rules go on past its last rule, it is closed there, so the rows next to the break are cells like
any other; a row the break split in two is joined again (join_split, called for the document by the PDF reader).
A table wider than the paper is read up to the page's edge: the cells past it, and a cell the edge cuts through,
are marked cut, never read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from gdchecker.model import Box
from gdchecker.read.document import Line, Piece

MIN_COLS = 3  # a page frame or a boxed paragraph is not a statistical table
_TOL = 2.0


@dataclass
class GridCell:
    """A ruled cell: its box and the words inside it."""

    box: tuple[float, float, float, float]  # x0, top, x1, bottom
    text: str
    cut: bool = False  # the page's right edge cuts the cell: what it prints cannot be read whole


@dataclass
class GridRow:
    """A row of a ruled table on one page."""

    cells: list[GridCell]
    top: float
    cut: bool = False  # the row runs on past the page's right edge (cells beyond it are not printed)
    open_top: bool = False  # no rule drawn above it: a row the page break split may go on from the last page
    open_bottom: bool = False


_FIGURE = re.compile(r"^[+\-]?[\d.,]+$")


def _has_figures(row: GridRow) -> bool:
    return any(_FIGURE.match(c.text.strip()) for c in row.cells)


def _over(a: GridRow, cb: GridCell) -> GridCell | None:
    """The cell of row a that stands over cell cb (the most overlap across)."""
    best = max(a.cells, key=lambda ca: min(ca.box[2], cb.box[2]) - max(ca.box[0], cb.box[0]), default=None)
    if best is None or min(best.box[2], cb.box[2]) - max(best.box[0], cb.box[0]) <= 0:
        return None
    return best


def aligned(a: GridRow, b: GridRow) -> bool:
    """Each cell of b that prints something stands under a cell of a, and most of its cells do: the same table
    going on over the page break (b may also have the empty ends of label cells merged over rows of a's page)."""
    under = [_over(a, c) is not None for c in b.cells]
    return bool(b.cells) and sum(under) * 2 >= len(under) and all(
        u for u, c in zip(under, b.cells) if c.text.strip())


def join_split(a: GridRow, b: GridRow) -> bool:
    """Rows a (the last on a page) and b (the first on the next) are one row the page break split where no rule
    is drawn at the break and the label is on one side, the figures on the other. Then each cell of b is added to
    the cell of a that stands over it and a stands for the whole row. Two whole rows that each print figures are
    left as they are (False); where rules close both parts, the locator decides by the labels and sums."""
    if not (a.open_bottom and b.open_top) or (_has_figures(a) and _has_figures(b)):
        return False
    for cb in b.cells:
        over = _over(a, cb)
        if over is not None:
            over.text += cb.text
            over.cut = over.cut or cb.cut
    return True


def _has_rule(hs: list[dict], y: float, x0: float, x1: float) -> bool:
    """A rule is drawn at height y across x0..x1 (browsers draw it cell by cell: the pieces are put together)."""
    spans = sorted((max(e["x0"], x0), min(e["x1"], x1)) for e in hs if abs(e["top"] - y) <= _TOL)
    covered, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            covered += b - max(a, reach)
            reach = b
    return covered >= 0.9 * (x1 - x0)


def _reach(vs: list[dict], x0: float, x1: float, down: bool) -> float | None:
    """How far past a table's end (down: its bottom, else its top) its column rules go on, where rules at three
    or more places across do (a frame around the page has only two): a table cut by the page break."""
    ends: dict[int, float] = {}
    for e in vs:
        if x0 - 1 <= e["x0"] <= x1 + 1:
            k = round(e["x0"])
            ends[k] = max(ends.get(k, e["bottom"]), e["bottom"]) if down else min(ends.get(k, e["top"]), e["top"])
    if len(ends) < MIN_COLS:
        return None
    return sorted(ends.values(), reverse=down)[MIN_COLS - 1]


def _closing(found: list, vs: list[dict], hs: list[dict], words: list[dict]) -> list[dict]:  # noqa: ANN001
    """Rules to close the tables a page break cut: where the column rules go on past a table's last drawn rule
    and words stand in between."""
    out = []
    for t in found:
        x0, top, x1, bottom = t.bbox
        x1 = max([x1] + [e["x1"] for e in hs if top - 2 <= e["top"] <= bottom + 2])  # its rows' rules may run on
        for down, end in ((True, bottom), (False, top)):
            y = _reach(vs, x0, x1, down)
            if y is None or abs(y - end) <= 5 or _has_rule(hs, y, x0, x1):
                continue
            lo, hi = (end, y) if down else (y, end)
            if any(x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and lo < (w["top"] + w["bottom"]) / 2 < hi for w in words):
                out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                            "orientation": "h", "object_type": "explicit_edge"})
    return out


def _mid(w: dict) -> float:
    return (w["top"] + w["bottom"]) / 2


def _cell_text(words: list[dict]) -> str:
    """Words of one cell: lines top to bottom joined without a space (a wrapped label or number is one text);
    on one line, pieces far apart keep a space (two figures in a cell whose rule is missing stay two).  A word is
    on a line where its middle lies within 0.45 of its height of the line's first word's (fonts of one line, such
    as a label's figures and its Chinese, sit a little higher or lower)."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (_mid(w), w["x0"])):
        if lines and abs(_mid(w) - _mid(lines[-1][0])) <= 0.45 * max(1.0, w["bottom"] - w["top"]):
            lines[-1].append(w)
        else:
            lines.append([w])
    out = ""
    for line in lines:
        prev = None
        for w in sorted(line, key=lambda w: w["x0"]):
            if prev is not None and w["x0"] - prev["x1"] > 0.5 * max(1.0, prev["bottom"] - prev["top"]):
                out += " "
            out += w["text"]
            prev = w
    return out


def reaches_edge(page) -> bool:  # noqa: ANN001 - pdfplumber page
    """The page draws rules to its right edge or past it: what it prints is wider than the paper."""
    try:
        return any(e["x1"] >= float(page.width) - 1 and e["x1"] - e["x0"] > 3 for e in page.edges
                   if e.get("orientation") == "h")
    except Exception:
        return False


def ruled_rows(page, words: list[dict], margin: float | None = None,  # noqa: ANN001 - pdfplumber page
               clipped: bool = False) -> tuple[list[list[GridRow]], list[dict]]:
    """The ruled tables of the page as rows of cells, and the words that lie in none of them.

    A table wider than the page (a web page printed by a browser) has rules that run past the page's edge: it is
    read up to the edge, where the printed area ends as far from the edge as the left margin is; a cell the edge
    cuts through is read only where its words end well before it, the cells beyond are not there."""
    try:
        edges = page.edges
    except Exception:  # a strange drawing must not stop the reading
        return [], words
    vs = [e for e in edges if e.get("orientation") == "v" and e["bottom"] - e["top"] > 3]
    hs = [e for e in edges if e.get("orientation") == "h" and e["x1"] - e["x0"] > 3]
    if len({round(e["x0"]) for e in vs}) < MIN_COLS or not hs:
        return [], words
    width = float(page.width)
    cuts = _cut_rules(vs, hs, width, clipped)
    printed = width  # where the printed area ends: as far from the right edge as the left margin is from the left
    if cuts:
        if margin is None:
            margin = min((w["x0"] for w in words), default=0.0)
        printed = width - max(0.0, min([margin] + [e["x0"] for e in vs]))
    edge = [{"x0": x, "x1": x, "top": top, "bottom": bottom, "height": bottom - top, "width": 0.0,
             "orientation": "v", "object_type": "explicit_edge"} for x, top, bottom in cuts]
    found = _find(page, [], edge)
    closing = _closing(found, vs, hs, words)
    if closing:
        found = _find(page, closing, edge)
    return _read_tables(found, words, hs, cuts, printed)


def _cut_rules(vs: list[dict], hs: list[dict], width: float, clipped: bool) -> list[tuple[float, float, float]]:
    """Where the page's right edge cuts tables, as (x, top, bottom): rules drawn to the edge or past it, and, in a
    document printed wider than the paper (`clipped`), three or more rules across a table that end together with
    no rule down where they end (a browser leaves out what it prints past the paper)."""
    out = []
    past = [e for e in vs + hs if e["x1"] >= width - 1]
    if past:
        out.append((width, min(e["top"] for e in past), max(e["bottom"] for e in past)))
    if not (past or clipped):
        return out
    starts = [e["x0"] for e in vs]
    ends: dict[int, list[dict]] = {}  # rules of tables' rows by where they end
    for e in hs:
        if e["x1"] < width - 1 and any(abs(e["x0"] - x) <= 2 for x in starts):  # a rule of a table's row
            ends.setdefault(round(e["x1"]), []).append(e)
    for es in ends.values():
        x, top, bottom = max(e["x1"] for e in es), min(e["top"] for e in es), max(e["bottom"] for e in es)
        beside = [v["x0"] for v in vs if v["top"] < bottom and v["bottom"] > top]  # the same table's column rules
        if len(es) >= 3 and beside and x > max(beside) + 2:  # the rows go on to the right of its last column
            out.append((x, top, bottom))
    # a cut reaches as high and low as the column rules beside it (a table's first rows on a page, closed later)
    grown = []
    for x, top, bottom in out:
        beside = [v for v in vs if v["top"] <= bottom and v["bottom"] >= top]
        grown.append((x, min([top] + [v["top"] for v in beside]), max([bottom] + [v["bottom"] for v in beside])))
    return grown


def _find(page, closing: list[dict], edge: list[dict]) -> list:  # noqa: ANN001
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "explicit_horizontal_lines": closing,
                "explicit_vertical_lines": edge, "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3}
    try:
        return [t for t in page.find_tables(settings) if max((len(r.cells) for r in t.rows), default=0) >= MIN_COLS]
    except Exception:  # a strange drawing must not stop the reading
        return []


def _read_tables(found: list, words: list[dict], hs: list[dict], cuts: list[tuple[float, float, float]],  # noqa: ANN001
                 printed: float) -> tuple[list[list[GridRow]], list[dict]]:
    tables: list[list[GridRow]] = []
    taken: set[int] = set()
    inside_of = _Placer(words, taken)
    for t in found:
        # the page's edge cuts this table where a cut reaches its height: up to there, at most the printed area
        here = [x for x, top, bottom in cuts if top < t.bbox[3] and bottom > t.bbox[1]]
        width = max(here, default=float("inf"))
        visible = min(width, printed) if here else None
        rows: list[GridRow] = []
        for r in t.rows:
            boxes = [c for c in r.cells if c is not None and c[0] < width - 1]
            if not boxes:
                continue
            cells = []
            for box in boxes:
                inside = inside_of(box)
                cut = visible is not None and box[2] > visible + 1.5
                if cut and inside and all(w["x1"] < visible - 8 for w in inside):
                    cut = False  # the edge cuts the cell well after what it prints
                elif cut and not inside and (box[0] + box[2]) / 2 < visible - 4:
                    cut = False  # an empty cell whose middle (where its figure would stand) is printed
                cells.append(GridCell(box, "" if cut else _cell_text(inside), cut))
            x0, top, x1, bottom = r.bbox
            right = min(x1, width)
            # a row reaching the edge of the printed area goes on past it (its last cells are not printed)
            cut = visible is not None and t.bbox[2] >= width - 1.5 and x1 >= visible - 10
            rows.append(GridRow(cells, top, cut,
                                not _has_rule(hs, top, x0, right), not _has_rule(hs, bottom, x0, right)))
        if rows and any(c.text for row in rows for c in row.cells):
            tables.append(rows)
    return tables, [w for w in words if id(w) not in taken]


class _Placer:
    """The words whose middle lies in a cell's box (half a point of slack), not yet taken by an earlier cell, in
    the page's order; each is taken by the first cell that asks.  Words are looked up by the height of their
    middle, so a page of many cells does not go through every word for each."""

    def __init__(self, words: list[dict], taken: set[int]) -> None:
        self.taken = taken
        mids = sorted(((w["top"] + w["bottom"]) / 2, i) for i, w in enumerate(words))
        self.ys = [y for y, _ in mids]
        self.order = [i for _, i in mids]
        self.words = words
        self.xs = [(w["x0"] + w["x1"]) / 2 for w in words]

    def __call__(self, box: tuple[float, float, float, float]) -> list[dict]:
        lo, hi = bisect_left(self.ys, box[1] - 0.5), bisect_right(self.ys, box[3] + 0.5)
        picked = sorted(i for i in self.order[lo:hi] if box[0] - 0.5 <= self.xs[i] <= box[2] + 0.5
                        and id(self.words[i]) not in self.taken)
        out = [self.words[i] for i in picked]
        self.taken.update(id(w) for w in out)
        return out


def grid_line(row: GridRow, pageno: int, grid_id: int) -> Line:
    pieces = [Piece(c.text, (c.box[0] + c.box[2]) / 2, Box(pageno, *c.box), cut=c.cut) for c in row.cells]
    return Line(pieces, page=pageno, grid=grid_id, geometric=True, cut=row.cut)
