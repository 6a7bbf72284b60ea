"""Which value piece belongs to which column: by count, by position, or by splitting run-together digits."""

from __future__ import annotations

from statistics import median

from gdchecker.locate.rows import Row
from gdchecker.read.document import Piece
from gdchecker.values import is_blank


def core(tokens: list[Piece]) -> list[Piece]:
    """Tokens without the empty cells at either end."""
    a, b = 0, len(tokens)
    while a < b and not tokens[a].text.strip():
        a += 1
    while b > a and not tokens[b - 1].text.strip():
        b -= 1
    return tokens[a:b]


def anchors(rows: list[Row], n: int) -> list[float] | None:
    """Column positions learnt from the rows that have exactly one piece per column."""
    full = [core(r.tokens) for r in rows if r.geometric or r.grid not in (None, -1)]
    full = [c for c in full if len(c) == n]
    if not full:
        return None
    return [median(c[k].x for c in full) for k in range(n)]


def by_position(tokens: list[Piece], cols: list[float]) -> list[Piece | None]:
    """Each column takes the nearest piece; columns nobody claims stay empty."""
    out: list[Piece | None] = [None] * len(cols)
    dist: list[float] = [float("inf")] * len(cols)
    spacing = min((b - a for a, b in zip(cols, cols[1:])), default=1.0) or 1.0
    for t in tokens:
        k = min(range(len(cols)), key=lambda j: abs(cols[j] - t.x))
        d = abs(cols[k] - t.x)
        if d > 0.6 * spacing and len(cols) > 1:
            continue
        if d < dist[k] and (out[k] is None or is_blank(out[k].text) or not is_blank(t.text)):
            out[k], dist[k] = t, d
    return out


def assign(row: Row, n: int, cols: list[float] | None) -> tuple[list[Piece | None], str]:
    """Pieces for the n columns and how they were found: exact | position | extra | short | glued."""
    c = core(row.tokens)
    if len(c) == n:
        return list(c), "exact"
    if cols and (row.geometric or row.grid not in (None, -1)):
        placed = by_position(row.tokens, cols)
        if sum(p is not None and not is_blank(p.text) for p in placed) == len(row.numeric):
            return placed, "position"
    if len(c) > n:
        return list(c[-n:]), "extra"
    if any(len(t.text.replace(".", "").replace(",", "")) > 1 for t in row.numeric):
        return [None] * n, "glued"
    return list(c) + [None] * (n - len(c)), "short"
