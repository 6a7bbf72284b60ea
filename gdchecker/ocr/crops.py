"""What to read on a page: the text lines inside each cell, and the lines of running text outside the tables, each
as a clean crop (only the ink of characters, on white: rules, specks and the paper's grain left out)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdchecker.ocr import arrays


@dataclass
class Crop:
    box: tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of the straightened page
    image: np.ndarray  # grey, one line of text
    parts: int  # the separate marks in it (a figure's digits are one mark each)
    mask: np.ndarray | None = None  # its ink (in a cell: for reading a figure by its digits' shapes)


def clean_ink(ink: np.ndarray, rules: np.ndarray, dpi: float) -> np.ndarray:
    """Ink without the rules and without specks smaller than a full stop."""
    found = arrays.marks((ink > 0) & (rules == 0))
    small = max(4, int((dpi / 200) ** 2 * 7))
    keep = found.stats[:, arrays.AREA] >= small
    keep[0] = False
    return found.keep(keep)


def _bands(mask: np.ndarray, min_gap: int) -> list[tuple[int, int]]:
    """Runs of rows holding ink, runs closer than min_gap joined."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return []
    out = []
    start = prev = int(rows[0])
    for r in rows[1:]:
        r = int(r)
        if r - prev > min_gap:
            out.append((start, prev + 1))
            start = r
        prev = r
    out.append((start, prev + 1))
    return out


def _spans(mask: np.ndarray, min_gap: int) -> list[tuple[int, int]]:
    cols = np.flatnonzero(mask.any(axis=0))
    if cols.size == 0:
        return []
    out = []
    start = prev = int(cols[0])
    for c in cols[1:]:
        c = int(c)
        if c - prev > min_gap:
            out.append((start, prev + 1))
            start = c
        prev = c
    out.append((start, prev + 1))
    return out


def _text_lines(mask: np.ndarray, dpi: float) -> list[tuple[int, int]]:
    """Text lines of a region: bands of ink rows; a band too thin for a character (a stray mark, the dot of a
    line's last character) is joined to the band nearest it."""
    bands = _bands(mask, max(1, int(dpi * 0.01)))
    tiny = dpi * 0.05
    out: list[tuple[int, int]] = []
    for b in bands:
        if out and (b[1] - b[0] < tiny or out[-1][1] - out[-1][0] < tiny) and b[0] - out[-1][1] < dpi * 0.06:
            out[-1] = (out[-1][0], b[1])
        else:
            out.append(b)
    return [b for b in out if b[1] - b[0] >= max(3, dpi * 0.02)]


def _image(grey: np.ndarray, mask: np.ndarray, x0: int, y0: int, x1: int, y1: int, pad: int) -> np.ndarray:
    """The crop with paper white around the ink (padding as the model was trained with)."""
    sub = grey[y0:y1, x0:x1]
    clean = np.where(arrays.grow(mask[y0:y1, x0:x1]), sub, 255).astype(np.uint8)
    return np.pad(clean, pad, constant_values=255)


def _parts(mask: np.ndarray, height: int) -> int:
    found = arrays.marks(mask)
    return int((found.stats[1:, arrays.HEIGHT] >= 0.45 * height).sum())


def in_box(grey: np.ndarray, mask: np.ndarray, box: tuple[float, float, float, float], dpi: float,
           inset: int = 3) -> list[Crop]:
    """The text lines of a cell, top to bottom (none where the cell is empty)."""
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    x0, y0, x1, y1 = x0 + inset, y0 + inset, x1 - inset, y1 - inset
    if x1 - x0 < 3 or y1 - y0 < 3:
        return []
    region = mask[y0:y1, x0:x1]
    out = []
    for top, bottom in _text_lines(region, dpi):
        line = region[top:bottom]
        cols = np.flatnonzero(line.any(axis=0))
        if cols.size == 0:
            continue
        left, right = int(cols[0]), int(cols[-1]) + 1
        pad = max(4, (bottom - top) // 4)
        img = _image(grey, mask, x0 + left, y0 + top, x0 + right, y0 + bottom, pad)
        ink = line[:, left:right]
        out.append(Crop((x0 + left, y0 + top, x0 + right, y0 + bottom), img, _parts(ink, bottom - top), ink))
    return out


def outside(grey: np.ndarray, mask: np.ndarray, tables: list[tuple[float, float, float, float]],
            dpi: float) -> list[list[Crop]]:
    """Lines of text outside the tables, top to bottom, each as its pieces (runs of characters a wide gap apart)."""
    free = mask.copy()
    for x0, y0, x1, y1 in tables:
        free[max(0, int(y0) - 3):int(y1) + 4, max(0, int(x0) - 3):int(x1) + 4] = 0
    lines = []
    for top, bottom in _text_lines(free, dpi):
        band = free[top:bottom]
        height = bottom - top
        pieces = []
        for left, right in _spans(band, int(max(height * 1.5, dpi * 0.12))):
            pad = max(4, height // 4)
            img = _image(grey, free, left, top, right, bottom, pad)
            pieces.append(Crop((left, top, right, bottom), img, _parts(band[:, left:right], height)))
        if pieces:
            lines.append(pieces)
    return lines
