"""The ruled lines of a straightened page: long thin runs of ink across (the borders between rows) and down (between
columns), found by morphological opening, as segments in pixels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdchecker.ocr import arrays


@dataclass
class Segment:
    horizontal: bool
    pos: float  # y of a horizontal segment, x of a vertical one
    start: float  # where it begins along its direction
    end: float
    thickness: float


def _runs(mask: np.ndarray, horizontal: bool) -> list[Segment]:
    found = arrays.marks(mask)
    out = []
    for i in range(1, found.count + 1):
        x, y, w, h, _ = (int(v) for v in found.stats[i])
        if horizontal:
            out.append(Segment(True, y + h / 2, float(x), float(x + w), float(h)))
        else:
            out.append(Segment(False, x + w / 2, float(y), float(y + h), float(w)))
    return out


def find(ink: np.ndarray, dpi: float) -> list[Segment]:
    """The page's rule segments (and strokes of large characters that look like them: grid.tables keeps only the
    segments that cross others).

    A rule is at least a quarter inch across or a fifth of an inch down: longer than any stroke of a character of
    body text (10.5 pt: 0.15 inch), shorter than any cell; a rule broken by the scan (dropped pixels, a faint
    line) is closed over gaps of a few pixels first."""
    along = max(3, int(round(dpi * 0.015)))  # gaps a rule may have
    h_len, v_len = int(dpi * 0.25), int(dpi * 0.19)
    hmask = arrays.lines_across(ink, along, h_len)
    vmask = arrays.lines_down(ink, along, v_len)
    # a rule is thin: a thick run (a black bar, a filled box, the stamp) is not a rule
    thick = max(4, int(dpi * 0.03))
    return [s for s in _runs(hmask, True) + _runs(vmask, False) if s.thickness <= thick * 2]


def mask(segs: list[Segment], shape: tuple[int, ...]) -> np.ndarray:
    """The ink of these rules (a pixel wider each side), to take out of the cells before reading them."""
    out = np.zeros(shape[:2], dtype=np.uint8)
    for s in segs:
        half = s.thickness / 2 + 2
        if s.horizontal:
            x0, y0, x1, y1 = s.start - 1, s.pos - half, s.end + 1, s.pos + half
        else:
            x0, y0, x1, y1 = s.pos - half, s.start - 1, s.pos + half, s.end + 1
        out[max(0, int(y0)):max(0, int(np.ceil(y1)) + 1), max(0, int(x0)):max(0, int(np.ceil(x1)) + 1)] = 255
    return out
