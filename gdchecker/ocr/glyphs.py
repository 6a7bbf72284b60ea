"""Figures read by their digits' shapes: a report's tables print every figure in one font, so once the model has
read some figures surely, each digit it read is a pattern, and most other figures are read by matching their
digits to those patterns (nearest pattern, clearly nearer than any pattern of another digit). What does not match
clearly goes to the model; the model's cost is paid for a few dozen figures a document, not for every cell."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gdchecker.ocr import arrays

SIZE = (12, 20)  # a digit's pattern: width, height
MAX_DIST = 0.12  # a digit farther than this from every pattern is not matched (same digit: under 0.08)
MARGIN = 2.0  # the nearest pattern of another digit must be this much farther (seen: 3 to 30 times)
PER_DIGIT = 12  # patterns kept a digit
SURE = 0.97  # model readings taken as patterns


@dataclass
class Glyphs:
    """The digits of one figure crop: tall marks left to right, and where decimal points stand among them."""

    marks: list[np.ndarray]  # each digit's pattern (float, SIZE)
    aspects: list[float]
    dots: list[int]  # a decimal point after this many digits


def split(mask: np.ndarray) -> Glyphs | None:
    """A crop's ink as digits (and decimal points), or None where it does not look like a plain figure: a mark too
    wide for one digit (a character, two digits touching), a small mark that is not a point at the baseline."""
    found = arrays.marks(mask)
    n, stats = found.count + 1, found.stats
    if n < 2 or n > 13:
        return None
    height = int(stats[1:, arrays.HEIGHT].max())
    bottom = int((stats[1:, arrays.TOP] + stats[1:, arrays.HEIGHT]).max())
    tall, dots = [], []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if h >= 0.7 * height:
            if w > 0.9 * h:
                return None
            tall.append((x, i))
        elif h <= 0.3 * height and w <= 0.35 * height and y + h >= bottom - 0.2 * height:
            dots.append(x)
        else:
            return None
    if not tall or len(dots) > 1:
        return None
    tall.sort()
    labels = found.labels()
    marks, aspects = [], []
    for _, i in tall:
        x, y, w, h, _ = stats[i]
        sub = (labels[y:y + h, x:x + w] == i).astype(np.float32)
        marks.append(arrays.resize(sub, SIZE))
        aspects.append(w / h)
    after = [sum(1 for x, _ in tall if x < d) for d in dots]
    return Glyphs(marks, aspects, after)


@dataclass
class Patterns:
    """Digits read surely so far, by digit."""

    by_digit: dict[str, list[tuple[np.ndarray, float]]] = field(default_factory=dict)

    def learn(self, glyphs: Glyphs, text: str, conf: float) -> None:
        digits = [c for c in text if c.isdigit()]
        if conf < SURE or len(digits) != len(glyphs.marks) or text.count(".") != len(glyphs.dots):
            return
        if not all(c.isdigit() or c == "." for c in text):
            return
        for d, m, a in zip(digits, glyphs.marks, glyphs.aspects):
            kept = self.by_digit.setdefault(d, [])
            if len(kept) < PER_DIGIT:
                kept.append((m, a))

    def _nearest(self, mark: np.ndarray, aspect: float) -> tuple[str, float, float] | None:
        best: dict[str, float] = {}
        for d, kept in self.by_digit.items():
            best[d] = min(float(np.abs(mark - m).mean()) + 0.3 * abs(aspect - a) for m, a in kept)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda t: t[1])
        d1 = ranked[0][1]
        d2 = ranked[1][1] if len(ranked) > 1 else 1.0
        return ranked[0][0], d1, d2

    def read(self, glyphs: Glyphs) -> tuple[str, float] | None:
        """The figure and how sure the match is, or None where some digit matches no pattern clearly. A digit
        matched very clearly becomes a pattern too (a page scanned a little differently keeps being matched)."""
        out, conf = [], 1.0
        clear = []
        for mark, aspect in zip(glyphs.marks, glyphs.aspects):
            found = self._nearest(mark, aspect)
            if found is None:
                return None
            d, d1, d2 = found
            if d1 > MAX_DIST or d2 < MARGIN * d1:
                return None
            if d2 > 4 * d1:
                clear.append((d, mark, aspect))
            out.append(d)
            conf = min(conf, 1.0 - 0.25 * (d1 / d2) ** 2)  # 0.99 at a fifth of the way, 0.94 at the margin
        for d, mark, aspect in clear:
            kept = self.by_digit[d]
            if len(kept) < PER_DIGIT:
                kept.append((mark, aspect))
        for k in sorted(glyphs.dots, reverse=True):
            out.insert(k, ".")
        return "".join(out), conf
