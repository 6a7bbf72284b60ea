"""The rules a PDF page draws, read by pdfium: every painted path (inside forms too) split into its subpaths and
sorted into lines, rectangles and curves as pdfminer sorts them (pdfminer.converter.paint_path), given as
pdfplumber gives them (top-left origin), and their edges as pdfplumber makes them (gdchecker.read.pdftables finds
the tables they draw).  A page drawing more objects or path points than a report's page does, or forms nested
deeper than MAX_FORM_DEPTH, raises Unserved."""

from __future__ import annotations

import ctypes
from typing import Any

MAX_PAGE_OBJECTS = 50_000  # objects drawn on one page, those inside forms counted too
MAX_PAGE_POINTS = 200_000  # path points of one page
MAX_FORM_DEPTH = 16  # forms inside forms

_PATH, _FORM = 2, 5  # FPDF_PAGEOBJ_*
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2  # FPDF_SEGMENT_*


class Unserved(Exception):
    """pdfium cannot stand in for pdfminer on this page."""


def _mul(a: tuple, b: tuple) -> tuple:
    """Matrix a then b (PDF's row-vector convention: a point is transformed by a, then by b)."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _line_edge(line: dict) -> dict:
    """A line as an edge: level where it does not climb, else upright (pdfplumber's line_to_edge)."""
    return {**line, "orientation": "h" if line["top"] == line["bottom"] else "v"}


def _rect_edges(r: dict) -> list[dict]:
    """A rectangle's four sides: top, bottom, left, right (as pdfplumber's rect_to_edges gives them)."""
    kind = {"object_type": "rect_edge"}
    return [
        {**r, **kind, "height": 0, "y0": r["y1"], "bottom": r["top"], "orientation": "h"},
        {**r, **kind, "height": 0, "y1": r["y0"], "top": r["top"] + r["height"],
         "doctop": r["doctop"] + r["height"], "orientation": "h"},
        {**r, **kind, "width": 0, "x1": r["x0"], "orientation": "v"},
        {**r, **kind, "width": 0, "x0": r["x1"], "orientation": "v"},
    ]


def _curve_edges(c: dict) -> list[dict]:
    """A curve's segments between its points, upright or level where they are (as pdfplumber's)."""
    shift = c["doctop"] - c["top"]
    out = []
    for (ax, ay), (bx, by) in zip(c["pts"], c["pts"][1:]):
        out.append({"object_type": "curve_edge", "x0": min(ax, bx), "x1": max(ax, bx), "top": min(ay, by),
                    "doctop": min(ay, by) + shift, "bottom": max(ay, by), "width": abs(ax - bx),
                    "height": abs(ay - by), "orientation": "v" if ax == bx else ("h" if ay == by else None)})
    return out


def edges(lines: list[dict], rects: list[dict], curves: list[dict]) -> list[dict]:
    """As pdfplumber.Page.edges: the lines' edges, then the rectangles', then the curves'."""
    return ([_line_edge(ln) for ln in lines] + [e for r in rects for e in _rect_edges(r)]
            + [e for c in curves for e in _curve_edges(c)])


class Drawings:
    """A page's painted paths as lines, rects and curves (pdfplumber's dicts)."""

    def __init__(self, raw: Any, page: Any, height: float, y0: float, page_number: int) -> None:  # noqa: ANN401
        """raw: pypdfium2's raw bindings; page: a pypdfium2 page; height and y0: of its MediaBox."""
        self._raw = raw
        self._h, self._my0, self.page_number = height, y0, page_number
        self.lines: list[dict] = []
        self.rects: list[dict] = []
        self.curves: list[dict] = []
        self._objects = 0
        self._points = 0
        self._m = raw.FS_MATRIX()
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        count = raw.FPDFPage_CountObjects(page.raw)
        self._walk([raw.FPDFPage_GetObject(page.raw, k) for k in range(self._count(count))],
                   (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)

    def _count(self, n: int) -> int:
        self._objects += max(0, n)
        if self._objects > MAX_PAGE_OBJECTS:
            raise Unserved("objects")
        return max(0, n)

    def _matrix(self, obj: Any) -> tuple:  # noqa: ANN401
        m = self._m
        if not self._raw.FPDFPageObj_GetMatrix(obj, m):
            return 1.0, 0.0, 0.0, 1.0, 0.0, 0.0
        return m.a, m.b, m.c, m.d, m.e, m.f

    def _walk(self, objs: list, outer: tuple, depth: int) -> None:
        raw = self._raw
        for obj in objs:
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == _PATH:
                self._path(obj, _mul(self._matrix(obj), outer))
            elif kind == _FORM:
                if depth >= MAX_FORM_DEPTH:
                    raise Unserved("forms")
                n = self._count(raw.FPDFFormObj_CountObjects(obj))
                self._walk([raw.FPDFFormObj_GetObject(obj, k) for k in range(n)],
                           _mul(self._matrix(obj), outer), depth + 1)

    def _path(self, obj: Any, mtx: tuple) -> None:  # noqa: ANN401
        """A painted path's subpaths as pdfminer's converter sorts them (pdfminer.converter.paint_path)."""
        raw = self._raw
        if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(self._fill), ctypes.byref(self._stroke)):
            return
        fill, stroke = bool(self._fill.value), bool(self._stroke.value)
        if not (fill or stroke):
            return
        n = raw.FPDFPath_CountSegments(obj)
        self._points += max(0, n)
        if self._points > MAX_PAGE_POINTS:
            raise Unserved("points")
        a, b, c, d, e, f = mtx
        x, y = self._x, self._y
        sub: list[tuple[str, tuple[float, float]]] = []  # (operator, page point): m, l, c (a curve's end), h
        bezier = 0
        subpaths = []
        for k in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            px, py = x.value, y.value
            pt = (a * px + c * py + e, b * px + d * py + f)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == _MOVETO:
                if sub:
                    subpaths.append(sub)
                sub = [("m", pt)]
                bezier = 0
                continue
            if not sub:
                continue  # a path must begin with a move
            if kind == _BEZIERTO:
                bezier += 1
                if bezier % 3:
                    continue  # a control point: pdfminer keeps a curve's end point only
                op = "c"
            else:
                op = "l"
            closed = raw.FPDFPathSegment_GetClose(seg)
            if closed and op == "l" and pt == sub[0][1]:
                sub.append(("h", pt))  # pdfium draws the close as a line back to the start
            else:
                sub.append((op, pt))
                if closed:
                    sub.append(("h", sub[0][1]))
        if sub:
            subpaths.append(sub)
        width = ctypes.c_float(0.0)
        raw.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
        for sp in subpaths:
            if len(sp) > 1:
                self._subpath(sp, width.value, fill, stroke)

    def _subpath(self, sp: list, width: float, fill: bool, stroke: bool) -> None:
        shape = "".join(op for op, _ in sp)
        pts = [p for _, p in sp]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in ("mlh", "ml"):
            self.lines.append(self._shape("line", pts[:2], width, fill, stroke))
            return
        if shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            if pts[0] == pts[4] and square:
                self.rects.append(self._shape("rect", [pts[0], pts[2]], width, fill, stroke))
                return
        self.curves.append(self._shape("curve", pts, width, fill, stroke))

    def _shape(self, kind: str, pts: list[tuple[float, float]], linewidth: float, fill: bool,
               stroke: bool) -> dict:
        """A line, rectangle or curve as pdfplumber gives it: the bounding box of its points (in pdfminer's
        coordinates y0/y1, from the MediaBox's corner; top-left top/bottom), and the points top-left."""
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        h = self._h
        top, bottom = h - y1, h - y0
        out = {"object_type": kind, "page_number": self.page_number, "x0": x0, "x1": x1,
               "y0": y0 - self._my0, "y1": y1 - self._my0, "top": top, "bottom": bottom, "doctop": top,
               "width": x1 - x0, "height": bottom - top, "linewidth": linewidth, "stroke": stroke, "fill": fill}
        if kind == "curve":
            out["pts"] = [(x, h - y) for x, y in pts]
        return out
