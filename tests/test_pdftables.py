"""The word grouping and the ruled-table finder of pdfium pages (gdchecker.read.pdfwords, gdchecker.read.pdftables)
give exactly what pdfplumber's own code gives, on random pages: rules jittered, broken, doubled, too short or
drawn backwards, in any order, with every tolerance the reader and the scan reader use; characters on jittered
lines, with blanks, empty texts, ligatures and turned runs.  (tests/test_pdfium_page.py compares real pages.)"""

from __future__ import annotations

import copy
import random

import pytest
from pdfplumber import table as plumber
from pdfplumber import utils

from gdchecker.read import pdftables, pdfwords


def _edge(level: bool, pos: float, a: float, b: float) -> dict:
    if level:
        return {"x0": a, "x1": b, "top": pos, "bottom": pos, "width": b - a, "height": 0.0, "orientation": "h",
                "object_type": "line"}
    return {"x0": pos, "x1": pos, "top": a, "bottom": b, "width": 0.0, "height": b - a, "orientation": "v",
            "object_type": "line"}


def _grid(r: random.Random) -> list[dict]:
    xs = sorted(r.uniform(0, 500) for _ in range(r.randint(2, 9)))
    ys = sorted(r.uniform(0, 700) for _ in range(r.randint(2, 12)))
    out = []
    for level, across, along in ((True, ys, xs), (False, xs, ys)):
        for p in across:
            for k in range(len(along) - 1):
                if r.random() < 0.85:  # some rules missing: merged cells, broken tables
                    out.append(_edge(level, p + r.uniform(-2, 2), along[k] + r.uniform(-3, 1),
                                     along[k + 1] + r.uniform(-1, 3)))
                if r.random() < 0.1:  # a rule drawn twice, a little apart
                    out.append(_edge(level, p + r.uniform(-1, 1), along[k], along[k + 1]))
    r.shuffle(out)
    return out


def _shape(tables: list) -> list:
    return [(t.bbox, t.cells, [(row.bbox, row.cells) for row in t.rows]) for t in tables]


def _plumber_scan(edges: list[dict], tol: float) -> list:
    """The scan reader's way before: pdfplumber's merge, corners, cells and tables, nothing dropped."""
    merged = plumber.merge_edges(edges, tol, tol, tol, tol)
    cells = plumber.intersections_to_cells(plumber.edges_to_intersections(merged, tol, tol))
    return [plumber.Table(None, g) for g in plumber.cells_to_tables(cells)]  # type: ignore[arg-type]


class _Page:
    """What pdfplumber's TableFinder reads of a page."""

    def __init__(self, edges: list[dict]) -> None:
        self.edges = edges
        self.bbox = (0, 0, 600, 800)


@pytest.mark.parametrize("seed", range(150))
def test_tables_as_pdfplumber_finds_them(seed):
    r = random.Random(seed)
    edges = _grid(r)
    tol = r.choice([1.0, 3.0, 4.0])
    got = pdftables.tables_of(copy.deepcopy(edges), tol, tol, tol, min_length=None, prefilter=None)
    assert _shape(got) == _shape(_plumber_scan(copy.deepcopy(edges), tol))
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": tol,
                "join_tolerance": r.choice([0, 3]), "intersection_tolerance": tol,
                "edge_min_length": r.choice([0, 3, 20])}
    want = plumber.TableFinder(_Page(copy.deepcopy(edges)), plumber.TableSettings.resolve(settings)).tables  # type: ignore[arg-type]
    assert _shape(pdftables.find_tables(copy.deepcopy(edges), settings)) == _shape(want)


def _chars(r: random.Random) -> list[dict]:
    out = []
    for line in range(r.randint(1, 12)):
        y = 50 + line * r.choice([6, 12, 14]) + r.uniform(-1, 1)
        x = r.uniform(20, 60)
        upright = r.random() > 0.1
        for _ in range(r.randint(0, 30)):
            text = r.choice(["1", "2", "件", "总", "计", " ", "", "ﬁ", "\u3000", "。"])
            w = r.uniform(4, 10)
            top = y + (r.uniform(-2.5, 2.5) if r.random() < 0.3 else 0.0)
            out.append({"text": text, "x0": x, "x1": x + w, "top": top, "bottom": top + 10, "doctop": top,
                        "upright": upright, "size": 10.0})
            x += w + r.choice([0, 0, 0.5, 1.4, 2, 6])
    if r.random() < 0.5:
        r.shuffle(out)
    return out


@pytest.mark.parametrize("seed", range(150))
def test_words_as_pdfplumber_groups_them(seed):
    r = random.Random(seed)
    chars = _chars(r)
    for xt, yt in ((1.5, 2), (3, 3), (0, 0)):
        want = utils.extract_words(chars, x_tolerance=xt, y_tolerance=yt, keep_blank_chars=False,
                                   use_text_flow=False)
        assert pdfwords.extract_words(chars, xt, yt) == want


def test_a_page_of_more_rules_than_any_table_is_not_searched():
    """A drawing made to stall the cell finder (a comb: every column rule long, every row rule crossing the first
    column only, so no corner closes a cell) is given up within bounds instead of tried pair by pair."""
    n = 600  # some 360 000 pairs of corners to try, in 1 199 edges (under MAX_EDGES)
    edges = [_edge(True, 10.0, 0.0, 10.0 * n)]  # the comb's back
    edges += [_edge(False, 10.0 * i, 10.0, 10.0 * n) for i in range(n)]  # its teeth
    edges += [_edge(True, 10.0 * j, -2.0, 2.0) for j in range(2, n)]  # rows across the first tooth only
    with pytest.raises(pdftables.TooDense):
        pdftables.tables_of(edges, 3, 3, 3)
    many = [_edge(True, 5.0 * j, 0.0, 100.0) for j in range(pdftables.MAX_EDGES + 1)]
    with pytest.raises(pdftables.TooDense):
        pdftables.tables_of(many, 0, 0, 3)
