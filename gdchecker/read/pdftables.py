"""A page's ruled tables found from its drawn edges, as pdfplumber's table finder finds them with the "lines"
strategy both ways, without importing pdfplumber and pdfminer behind it (the edges come from pdfium:
gdchecker.read.pdfium_page).

The edges are snapped (those within the snap tolerance across of one another, in a chain, moved to their mean),
joined (pieces along one line with gaps up to the join tolerance made one) and the short ones dropped; every
crossing of an upright and a level edge (within the intersection tolerance) is a corner; a cell is the smallest
box from a corner down and right whose four corners are joined by edges; cells sharing corners are a table.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from gdchecker.read.pdfwords import clusters

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom

# what one page's rules may come to once merged (the densest table page of 82 files from six producers: 60 edges,
# 289 corners); past it the page's tables are not looked for (TooDense), so a drawing made to stall the finder cannot
MAX_EDGES = 1_500
MAX_CORNERS = 10_000
MAX_STEPS = 300_000  # pairs of corners tried while closing cells


class TooDense(Exception):
    """The page draws more rules than any report's table page: its tables are not looked for."""


@dataclass
class Row:
    """One row of a table's cells."""

    cells: list[Bbox | None]  # one place per column of the table; None where no cell starts there

    @property
    def bbox(self) -> Bbox:
        cs = [c for c in self.cells if c is not None]
        return min(c[0] for c in cs), min(c[1] for c in cs), max(c[2] for c in cs), max(c[3] for c in cs)


@dataclass
class Table:
    """The cells of one ruled table, in the order they were found."""

    cells: list[Bbox]

    @property
    def bbox(self) -> Bbox:
        c = self.cells
        return min(b[0] for b in c), min(b[1] for b in c), max(b[2] for b in c), max(b[3] for b in c)

    @property
    def rows(self) -> list[Row]:
        """The cells by rows (top to bottom), each row as wide as the table's columns (by their left edges)."""
        xs = sorted({c[0] for c in self.cells})
        ordered = sorted(self.cells, key=lambda c: (c[1], c[0]))
        out: list[Row] = []
        i = 0
        while i < len(ordered):
            j = i
            by_x: dict[float, Bbox] = {}
            while j < len(ordered) and ordered[j][1] == ordered[i][1]:
                by_x[ordered[j][0]] = ordered[j]
                j += 1
            out.append(Row([by_x.get(x) for x in xs]))
            i = j
        return out


class _Edge:
    """An edge being snapped and joined: where it lies and how long pdfplumber takes it to be."""

    __slots__ = ("x0", "top", "x1", "bottom", "length", "v")

    def __init__(self, e: dict) -> None:
        self.v = e["orientation"] == "v"
        self.x0, self.top, self.x1, self.bottom = e["x0"], e["top"], e["x1"], e["bottom"]
        self.length = e["height"] if self.v else e["width"]

    def box(self) -> Bbox:
        return self.x0, self.top, self.x1, self.bottom


def _snap(edges: list[_Edge], vertical: bool, tolerance: float) -> list[_Edge]:
    """Edges within `tolerance` across (in a chain) moved to their mean position, in the order of the groups."""
    key = (lambda e: e.x0) if vertical else (lambda e: e.top)
    out: list[_Edge] = []
    for group in clusters(edges, key, tolerance):  # type: ignore[arg-type]
        mean = sum(key(e) for e in group) / len(group)
        for e in group:
            if vertical:
                d = mean - e.x0
                e.x0, e.x1 = e.x0 + d, e.x1 + d
            else:
                d = mean - e.top
                e.top, e.bottom = e.top + d, e.bottom + d
            out.append(e)
    return out


def _join(edges: list[_Edge], vertical: bool, tolerance: float) -> list[_Edge]:
    """Edges along one line: those within `tolerance` of the one before along it joined into one (the earlier
    grown to the later's end)."""
    edges = sorted(edges, key=(lambda e: e.top) if vertical else (lambda e: e.x0))
    joined = [edges[0]]
    for e in edges[1:]:
        last = joined[-1]
        if vertical and e.top <= last.bottom + tolerance:
            if e.bottom > last.bottom:
                last.length += e.bottom - last.bottom
                last.bottom = e.bottom
        elif not vertical and e.x0 <= last.x1 + tolerance:
            if e.x1 > last.x1:
                last.x1 = e.x1
                last.length = e.x1 - last.x0
        else:
            joined.append(e)
    return joined


def merged_edges(edges: list[dict], explicit_v: list[dict], explicit_h: list[dict], snap: float, join: float,
                 min_length: float | None, prefilter: float | None = 1) -> list[_Edge]:
    """The page's edges (and the explicit ones) snapped, joined and filtered as pdfplumber merges them (None: no
    edge is left out for its length)."""
    short = -float("inf") if prefilter is None else prefilter
    v = [_Edge(e) for e in edges if e.get("orientation") == "v" and e["height"] >= short]
    v += [_Edge(e) for e in explicit_v if e.get("orientation") == "v"]
    h = [_Edge(e) for e in edges if e.get("orientation") == "h" and e["width"] >= short]
    h += [_Edge(e) for e in explicit_h if e.get("orientation") == "h"]
    if snap > 0:
        v, h = _snap(v, True, snap), _snap(h, False, snap)
    out: list[_Edge] = []
    # level lines first, then upright, each by its position across (as pdfplumber groups them)
    for vertical, group in ((False, h), (True, v)):
        by: dict[float, list[_Edge]] = {}
        for e in group:
            by.setdefault(e.x0 if vertical else e.top, []).append(e)
        for pos in sorted(by):
            out += _join(by[pos], vertical, join)
    return out if min_length is None else [e for e in out if e.length >= min_length]


def _corners(edges: list[_Edge], xt: float, yt: float) -> dict[tuple[float, float], tuple[set, set]]:
    """Each crossing point of an upright and a level edge, with the boxes of the upright and level edges there."""
    if len(edges) > MAX_EDGES:
        raise TooDense("edges")
    vs = [e for e in edges if e.v]
    hs = sorted((e for e in edges if not e.v), key=lambda e: e.top)
    tops = [h.top for h in hs]
    out: dict[tuple[float, float], tuple[set, set]] = {}
    for v in vs:
        # the level edges at heights v spans (within yt, and a hair more: the test below is the exact one)
        for h in hs[bisect_left(tops, v.top - yt - 1e-6):bisect_right(tops, v.bottom + yt + 1e-6)]:
            if v.top <= h.top + yt and v.bottom >= h.top - yt and h.x0 - xt <= v.x0 <= h.x1 + xt:
                here = out.get((v.x0, h.top))
                if here is None:
                    if len(out) >= MAX_CORNERS:
                        raise TooDense("corners")
                    here = out[(v.x0, h.top)] = (set(), set())
                here[0].add(v.box())
                here[1].add(h.box())
    return out


def _cells(corners: dict[tuple[float, float], tuple[set, set]]) -> list[Bbox]:
    """For each corner (left to right, top to bottom), the smallest cell it is the top-left of."""
    columns: dict[float, list[tuple[float, float]]] = {}
    rows: dict[float, list[tuple[float, float]]] = {}
    points = sorted(corners)
    position: dict[tuple[float, float], tuple[int, int]] = {}
    for p in points:
        col, row = columns.setdefault(p[0], []), rows.setdefault(p[1], [])
        position[p] = (len(col), len(row))
        col.append(p)
        row.append(p)

    def down(a: tuple[float, float], b: tuple[float, float]) -> bool:  # one upright edge through both
        return not corners[a][0].isdisjoint(corners[b][0])

    def across(a: tuple[float, float], b: tuple[float, float]) -> bool:  # one level edge through both
        return not corners[a][1].isdisjoint(corners[b][1])

    out: list[Bbox] = []
    steps = 0
    for p in points:
        ci, ri = position[p]
        below = columns[p[0]][ci + 1:]
        right = rows[p[1]][ri + 1:]
        cell = None
        for b in below:
            steps += 1
            if not down(p, b):
                continue
            for r in right:
                steps += 1
                if steps > MAX_STEPS:
                    raise TooDense("cells")
                if not across(p, r):
                    continue
                corner = (r[0], b[1])
                if corner in corners and down(corner, r) and across(corner, b):
                    cell = (p[0], p[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            out.append(cell)
    return out


def _tables(cells: list[Bbox]) -> list[list[Bbox]]:
    """Cells grouped into tables: each table grows by the cells touching its corners, in the cells' order."""
    remaining = list(cells)
    tables: list[list[Bbox]] = []
    current: list[Bbox] = []
    seen: set[tuple[float, float]] = set()
    while remaining:
        before = len(current)
        left = []
        for c in remaining:
            corners = ((c[0], c[1]), (c[0], c[3]), (c[2], c[1]), (c[2], c[3]))
            if not current or any(k in seen for k in corners):
                seen.update(corners)
                current.append(c)
            else:
                left.append(c)
        remaining = left
        if len(current) == before:
            tables.append(current)
            current, seen = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def tables_of(edges: list[dict], snap: float = 3, join: float = 3, cross: float = 3,
              min_length: float | None = 3, prefilter: float | None = 1, explicit_v: list[dict] | None = None,
              explicit_h: list[dict] | None = None) -> list[Table]:
    """The ruled tables the edges draw: snapped and joined within snap and join, edges shorter than prefilter
    dropped before, shorter than min_length after (explicit edges are kept before; None: none dropped), corners
    where edges cross within `cross`.  Raises TooDense for more rules than a report's page draws (MAX_EDGES,
    MAX_CORNERS, MAX_STEPS)."""
    merged = merged_edges(edges, explicit_v or [], explicit_h or [], snap, join, min_length, prefilter)
    return [Table(t) for t in _tables(_cells(_corners(merged, cross, cross)))]


def find_tables(edges: list[dict], settings: dict | None = None) -> list[Table]:
    """The ruled tables of a page's edges.  settings: pdfplumber's table settings (the "lines" strategy both
    ways: explicit_vertical_lines / explicit_horizontal_lines as edge dicts, snap_tolerance, join_tolerance,
    intersection_tolerance, edge_min_length, edge_min_length_prefilter)."""
    s = settings or {}
    for k in ("vertical_strategy", "horizontal_strategy"):
        if s.get(k, "lines") != "lines":
            raise ValueError(f"{k}: only the lines strategy is read here")
    return tables_of(edges, s.get("snap_tolerance", 3), s.get("join_tolerance", 3),
                     s.get("intersection_tolerance", 3), s.get("edge_min_length", 3),
                     s.get("edge_min_length_prefilter", 1), s.get("explicit_vertical_lines"),
                     s.get("explicit_horizontal_lines"))
