"""Which value piece belongs to which column: by count, by position, or by splitting run-together digits."""

from __future__ import annotations

from gdchecker.cellvalue import is_blank
from gdchecker.locate.rows import Row
from gdchecker.median import median
from gdchecker.read.document import Line, Piece
from gdchecker.textnorm import label_key


def core(tokens: list[Piece]) -> list[Piece]:
    """Tokens without the empty cells at either end."""
    a, b = 0, len(tokens)
    while a < b and not tokens[a].text.strip():
        a += 1
    while b > a and not tokens[b - 1].text.strip():
        b -= 1
    return tokens[a:b]


def positioned(row: Row) -> bool:
    """The row's pieces carry real places: PDF x, a grid column, a text field."""
    return row.geometric or row.grid not in (None, -1)


def _full(rows: list[Row], n: int) -> list[list[Piece]]:
    return [c for c in (core(r.tokens) for r in rows if positioned(r)) if len(c) == n]


def anchors(rows: list[Row], n: int) -> list[float] | None:
    """Column positions learnt from the rows that have exactly one piece per column."""
    full = _full(rows, n)
    if not full:
        return None
    return [median(c[k].x for c in full) for k in range(n)]


def positions_agree(rows: list[Row], n: int) -> bool:
    """The rows with one piece per column put each column at about the same place (a PDF, a web or Word table);
    text laid out by a PDF-to-text pass with spaces does not, and there a gap tells nothing of a blank cell."""
    full = _full(rows, n)
    if len(full) < 3 or n < 2:
        return True
    cols = [[c[k].x for c in full] for k in range(n)]
    mid = [median(xs) for xs in cols]
    spacing = min((b - a for a, b in zip(mid, mid[1:])), default=0.0)
    if spacing <= 0:
        return False
    return all(median(abs(x - m) for x in xs) <= 0.25 * spacing for xs, m in zip(cols, mid))


def _marks(labels: list[str]) -> list[set[str]]:
    """For each column label, the character pairs no other column label has (wrapped headers keep some)."""
    keys = [label_key(x) for x in labels]
    pairs = [{k[i:i + 2] for i in range(len(k) - 1)} or {k} for k in keys]
    return [p - set().union(*(q for j, q in enumerate(pairs) if j != i)) for i, p in enumerate(pairs)]


def header_anchors(header: list[Line], labels: list[str]) -> list[float] | None:
    """Column positions from the header words (自然人 … 总计, 本年制发件数 …), wrapped over lines or not."""
    keys = [label_key(x) for x in labels]
    marks = _marks(labels)
    out = []
    for key, mark in zip(keys, marks):
        pieces = [p for ln in header for p in ln.pieces]
        exact = [p.x for p in pieces if label_key(p.text) == key]
        xs = exact or [p.x for p in pieces if len(label_key(p.text)) <= 6 and any(m in label_key(p.text) for m in mark)]
        if not xs:
            return None
        out.append(median(xs))
    if any(b <= a for a, b in zip(out, out[1:])):
        return None
    return out


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
    """Pieces for the n columns and how they were found: exact | position | extra | glued | short | cut."""
    if row.cut and len(row.tokens) <= n:
        return cut_off(row.tokens, n), "cut"
    c = core(row.tokens)
    if len(c) == n:
        return list(c), "exact"
    if cols and positioned(row):
        placed = by_position(row.tokens, cols)
        if sum(p is not None and not is_blank(p.text) for p in placed) == len(row.numeric):
            return placed, "position"
    if row.all_blank:
        if not row.tokens:  # a label with nothing beside it
            return [Piece("") for _ in range(n)], "exact"
        return [Piece("", t.x, t.box) for t in (row.tokens + row.tokens[-1:] * n)[:n]], "exact"
    if row.grid not in (None, -1) and len(row.tokens) == n:
        return list(row.tokens), "exact"  # a grid row: empty cells keep their places
    if len(c) > n and row.stacked:
        return [None] * n, "short"  # one cell a line: the figures after the label run on into the next rows
    if len(c) > n:
        return list(c[-n:]), "extra"
    if not positioned(row):  # text run together by the source: the sums may tell how to split it
        return [None] * n, "glued"
    return [None] * n, "short"


def cut_off(tokens: list[Piece], n: int) -> list[Piece | None]:
    """A row cut by the page's right edge prints its first columns: those are its pieces in order, the columns
    past the edge are cut pieces (not blank: nothing is known of them)."""
    last = tokens[-1].box if tokens else None
    return list(tokens) + [Piece("", float("inf"), last, cut=True) for _ in range(n - len(tokens))]
