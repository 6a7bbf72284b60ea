"""The picture operations OCR needs, with numpy and Pillow alone (no OpenCV: the packaged program stays small):
runs of ink, connected marks and their boxes, opening and closing along rows or columns, a light blur, Otsu's
threshold, scaling and turning."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

LEFT, TOP, WIDTH, HEIGHT, AREA = range(5)  # the columns of Marks.stats


@dataclass
class Runs:
    """The horizontal runs of ink of a mask, in raster order: run k is row[k], columns start[k] to end[k] - 1."""

    row: np.ndarray
    start: np.ndarray
    end: np.ndarray
    shape: tuple[int, int]


def runs(mask: np.ndarray) -> Runs:
    m = np.asarray(mask) > 0
    h, w = m.shape
    edge = np.diff(m.view(np.int8), axis=1, prepend=np.int8(0), append=np.int8(0)).ravel()
    span = w + 1
    at = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1) % span
    return Runs(at // span, at % span, ends, (h, w))


def paint(r: Runs, values: np.ndarray | int = 255, dtype: type = np.uint8) -> np.ndarray:
    """A picture with each run filled with its value (runs never overlap)."""
    h, w = r.shape
    out = np.zeros(h * w, dtype=dtype)
    length = r.end - r.start
    total = int(length.sum())
    if total:
        first = r.row * w + r.start
        at = np.repeat(first - (np.cumsum(length) - length), length) + np.arange(total)
        out[at] = np.repeat(np.broadcast_to(np.asarray(values), r.row.shape), length)
    return out.reshape(h, w)


def _touching(r: Runs) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of runs on neighbouring rows that touch (side or corner: 8-connectivity)."""
    if r.row.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    span = r.shape[1] + 2
    start_key = r.row * span + r.start
    end_key = r.row * span + r.end
    above = r.row - 1  # each run looks at the row above it: runs there with end >= its start and start <= its end
    lo = np.searchsorted(end_key, above * span + r.start, side="left")
    hi = np.searchsorted(start_key, above * span + r.end, side="right")
    count = np.maximum(hi - lo, 0)
    total = int(count.sum())
    if total == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    below = np.repeat(np.arange(r.row.size), count)
    first = np.repeat(lo, count)
    offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return first + offset, below


def _roots(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each node's component, named by its smallest node (hooking and pointer jumping, all in numpy)."""
    parent = np.arange(n)
    while a.size:
        pa, pb = parent[a], parent[b]
        differ = pa != pb
        if not differ.any():
            break
        pa, pb = pa[differ], pb[differ]
        low, high = np.minimum(pa, pb), np.maximum(pa, pb)
        np.minimum.at(parent, high, low)
        while True:
            up = parent[parent]
            if np.array_equal(up, parent):
                break
            parent = up
        a, b = a[differ], b[differ]
    return parent


@dataclass
class Marks:
    """Connected marks of a mask: `count` of them plus the background (0); stats[i] is mark i's left, top, width,
    height and area (row 0 unused), marks numbered in the order their first pixel is met row by row."""

    count: int
    stats: np.ndarray
    runs: Runs
    label: np.ndarray  # each run's mark

    def labels(self) -> np.ndarray:
        """The picture of mark numbers (0 on paper)."""
        return paint(self.runs, self.label, np.int32)

    def keep(self, wanted: np.ndarray) -> np.ndarray:
        """The mask (255) of the marks where wanted[mark] is true."""
        take = wanted[self.label]
        return paint(Runs(self.runs.row[take], self.runs.start[take], self.runs.end[take], self.runs.shape))


def marks(mask: np.ndarray) -> Marks:
    r = runs(mask)
    n = r.row.size
    a, b = _touching(r)
    root = _roots(n, a, b)
    uniq, label = np.unique(root, return_inverse=True)
    label = label.astype(np.int64) + 1
    count = uniq.size
    stats = np.zeros((count + 1, 5), dtype=np.int64)
    if n:
        big = np.iinfo(np.int64).max
        left = np.full(count + 1, big)
        top = np.full(count + 1, big)
        right = np.zeros(count + 1, np.int64)
        bottom = np.zeros(count + 1, np.int64)
        np.minimum.at(left, label, r.start)
        np.minimum.at(top, label, r.row)
        np.maximum.at(right, label, r.end)
        np.maximum.at(bottom, label, r.row + 1)
        area = np.bincount(label, weights=r.end - r.start, minlength=count + 1).astype(np.int64)
        stats[1:] = np.stack([left[1:], top[1:], right[1:] - left[1:], bottom[1:] - top[1:], area[1:]], axis=1)
    return Marks(count, stats, r, label)


def _line_filter(mask: np.ndarray, fill_below: int, keep_from: int) -> np.ndarray:
    """Along rows: gaps narrower than `fill_below` between ink closed, then only runs at least `keep_from` long kept
    (a closing, then an opening, by a line)."""
    r = runs(mask)
    if r.row.size == 0:
        return np.zeros(r.shape, np.uint8)
    same_row = r.row[1:] == r.row[:-1]
    gap = r.start[1:] - r.end[:-1]
    new = np.ones(r.row.size, dtype=bool)
    new[1:] = ~(same_row & (gap < fill_below))
    first = np.flatnonzero(new)
    last = np.append(first[1:] - 1, r.row.size - 1)
    joined = Runs(r.row[first], r.start[first], r.end[last], r.shape)
    long = joined.end - joined.start >= keep_from
    return paint(Runs(joined.row[long], joined.start[long], joined.end[long], r.shape))


def lines_across(mask: np.ndarray, gap: int, length: int) -> np.ndarray:
    """The ink of runs across at least `length` pixels long once gaps under `gap` pixels are closed."""
    return _line_filter(mask, gap, length)


def lines_down(mask: np.ndarray, gap: int, length: int) -> np.ndarray:
    return np.ascontiguousarray(_line_filter(np.ascontiguousarray(mask.T), gap, length).T)


def grow(mask: np.ndarray) -> np.ndarray:
    """The mask (bool) a pixel wider every way: a dilation by a 3×3 square."""
    m = np.pad(np.asarray(mask) > 0, 1)
    rows = m[:, :-2] | m[:, 1:-1] | m[:, 2:]
    return rows[:-2] | rows[1:-1] | rows[2:]


def blur(grey: np.ndarray) -> np.ndarray:
    """A 3×3 binomial blur (1 2 1 each way), the edge mirrored."""
    g = np.pad(grey.astype(np.uint16), 1, mode="reflect")
    across = g[:, :-2] + 2 * g[:, 1:-1] + g[:, 2:]
    both = across[:-2] + 2 * across[1:-1] + across[2:]
    return ((both + 8) >> 4).astype(np.uint8)


def otsu(grey: np.ndarray) -> float:
    """Otsu's threshold: the grey level that best splits the picture's histogram in two."""
    hist = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 127.0
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(hist)
    mass = np.cumsum(hist * levels)
    back = weight
    fore = total - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_b = mass / back
        mean_f = (mass[-1] - mass) / fore
        between = back * fore * (mean_b - mean_f) ** 2
    between[~np.isfinite(between)] = -1
    return float(np.argmax(between))


def resize(pic: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """A grey (uint8) or float picture scaled to size (width, height): by area when it shrinks, cubic when it
    grows."""
    w, h = size
    shrink = w * h <= pic.shape[0] * pic.shape[1]
    if pic.dtype == np.uint8:
        img = Image.fromarray(pic, "L")
        return np.asarray(img.resize((w, h), Image.Resampling.BOX if shrink else Image.Resampling.BICUBIC))
    img = Image.fromarray(pic.astype(np.float32), "F")
    return np.asarray(img.resize((w, h), Image.Resampling.BOX if shrink else Image.Resampling.BILINEAR))


def turn(pic: np.ndarray, angle: float, fill: int, smooth: bool) -> np.ndarray:
    """The grey picture turned `angle` degrees anticlockwise about its centre, its size kept, corners filled."""
    img = Image.fromarray(pic, "L")
    how = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    return np.asarray(img.rotate(angle, resample=how, fillcolor=fill))
