"""Rows a page break split, where the producer ruled both parts (LibreOffice): the first row of the new page is
the rest of the last row of the old one when that is the only reading that fits.

- the rest of the label ("8.属于" + figures, then "行政查询事项" over empty cells): joined where the whole label
  names an expected row better than the second part alone does;
- the rest of a figure ("157" at the foot, "6" at the head): joined where only the whole figure makes the row's
  total hold. Two whole rows stay two rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gdchecker.cellvalue import parse_value
from gdchecker.formats import RowSpec
from gdchecker.locate.align import label_fit
from gdchecker.locate.rows import Row
from gdchecker.read.document import Piece
from gdchecker.textnorm import label_key

Holds = Callable[[list[int | float]], bool]
BETTER = 0.05  # how much better the whole label must fit than the part left alone


def _fit(specs: Sequence[RowSpec], label: str) -> float:
    key = label_key(label)
    return max((label_fit(s, [key]) for s in specs), default=0.0) if key else 0.0


def _above(prev: Row, p: Piece) -> int | None:
    """Index of the token of prev that stands over piece p (their cells overlap across)."""
    if p.box is None:
        return None
    for k, t in enumerate(prev.tokens):
        if t.box is not None and min(t.box.x1, p.box.x1) - max(t.box.x0, p.box.x0) > 0:
            return k
    return None


def _figures(tokens: list[Piece]) -> list[int | float] | None:
    vals = [parse_value(t.text).value for t in tokens]
    return None if any(v is None for v in vals) else vals  # type: ignore[return-value]


def _join_figures(prev: Row, row: Row, holds: Holds | None) -> bool:
    if holds is None or row.label.strip() or not 1 <= len(row.numeric) <= 2:
        return False
    joined = [Piece(t.text, t.x, t.box) for t in prev.tokens]
    for p in row.numeric:
        k = _above(prev, p)
        if k is None or not joined[k].text.strip():
            return False
        joined[k].text += p.text.strip()
    before, after = _figures(prev.tokens), _figures(joined)
    if before is None or after is None or holds(before) or not holds(after):
        return False
    prev.tokens = joined
    return True


def _join_label(prev: Row, row: Row, specs: Sequence[RowSpec]) -> bool:
    if not (row.all_blank and row.label.strip()):
        return False
    whole = _fit(specs, prev.label + row.label)
    if whole < 0.75 or whole <= max(_fit(specs, row.label), _fit(specs, prev.label)) + BETTER:
        return False
    prev.label += row.label
    return True


def join_breaks(rows: list[Row], specs: Sequence[RowSpec], holds: Holds | None = None) -> list[Row]:
    """The rows with each page-break remainder joined to the row above it; `holds` tells whether a row's figures
    keep its own sum (None where the table has none: figures are then never joined)."""
    out: list[Row] = []
    for r in rows:
        prev = out[-1] if out else None
        if prev is not None and r.after_break and prev.page != r.page and (
                _join_label(prev, r, specs) or _join_figures(prev, r, holds)):
            prev.post.extend(r.post)
            continue
        out.append(r)
    return out
