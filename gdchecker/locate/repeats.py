"""Text whose source merged equal neighbouring cells: a crawler that writes each cell of a web table on a line of its
own and drops a line equal to the one before it prints the row 46 0 0 0 0 0 46 as "46 / 0 / 46".

Every run-length expansion of the printed figures to the row's cell count is a candidate reading; the row total
(表三, 表四) keeps the possible ones and the column sums pick among them (applications._resolve, solve.py); 表二
has no sums, so its short rows stay empty. The model needs one-cell-a-line tables and is refuted for the whole
document as soon as any table row prints two equal figures side by side, or any line repeats the one before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations, pairwise

from gdchecker.cellvalue import parse_value
from gdchecker.locate import cells, columns, digits
from gdchecker.locate.rows import Row
from gdchecker.model import CellRef, Finding, Severity

Values = tuple[int | float, ...]
MAX_EXPANSIONS = 20000  # 15 cells from 4 printed figures is 364; past this the row is not worth guessing
SOURCE = "源文件（网页转存的文本）把相同的相邻数字合并成一个"
MAYBE = "源文件（网页转存的文本）可能把相同的相邻数字合并成了一个"


def _printed(row: Row) -> list[str]:
    return [t.text.strip() for t in columns.core(row.tokens) if t.text.strip()]


def refutes(row: Row) -> bool:
    """The row prints two equal figures (or blank marks) side by side: its source does not merge repeats."""
    return any(a == b for a, b in pairwise(_printed(row)))


def mark(rows: list[Row], texts: Sequence[str] = ()) -> bool:
    """Set `collapsed` on every row of a document where merged repeats are possible, and say whether they are.

    They are possible where the tables were written one cell a line (some row was stacked from such lines), no
    table row anywhere prints two equal neighbours and no line of the document (`texts`) repeats the one before
    it; a normal one-cell-a-line text with its blank cells dropped still prints "0 / 0" somewhere.
    """
    lines = [t.strip() for t in texts if t.strip()]
    flag = (any(r.stacked for r in rows) and not any(refutes(r) for r in rows)
            and not any(a == b for a, b in pairwise(lines)))
    for r in rows:
        r.collapsed = flag
    return flag


def collapse(vals: Values) -> Values:
    """The values with each run of equal neighbours merged into one."""
    return tuple(v for i, v in enumerate(vals) if i == 0 or v != vals[i - 1])


def expansions(tokens: list[str], n: int, ok: Callable[[Values], bool] | None = None) -> list[Values]:
    """Every sequence of n values whose collapse is the printed tokens and that passes `ok` (the row total)."""
    vals = [v for v in (parse_value(t).value for t in tokens) if v is not None]
    if not tokens or len(tokens) > n or len(vals) < len(tokens):
        return []  # a blank mark or a word among the figures: no reading of runs
    if any(a == b for a, b in pairwise(vals)):
        return []  # printed twice side by side: nothing was merged here
    m = len(vals)
    out: list[Values] = []
    for k, cuts in enumerate(combinations(range(1, n), m - 1)):
        if k >= MAX_EXPANSIONS:
            return []
        bounds = (0, *cuts, n)
        seq = tuple(v for i, v in enumerate(vals) for _ in range(bounds[i + 1] - bounds[i]))
        if ok is None or ok(seq):
            out.append(seq)
    return out


def candidates(row: Row, n: int, ok: Callable[[Values], bool] | None, texts: list[str] | None = None) -> list[Values]:
    """The readings of a short text row: digit splits of `texts` (default: its figures; none where each value was
    a line of its own) and, where the document may merge repeats, the run-length expansions; `ok` is the row
    total (None: no sums to check, no expansions)."""
    texts = [t.text for t in row.numeric] if texts is None else texts
    out = [] if row.stacked else digits.candidates(texts, n, ok)
    if row.collapsed and ok is not None:
        out += [v for v in expansions(_printed(row), n, ok) if v not in out]
    return out


def _expanded(row: Row, vals: Values) -> bool:
    printed = [parse_value(t).value for t in _printed(row)]
    return len(vals) > len(printed) and list(collapse(vals)) == printed


def finding(where: str, table: str, row_key: str, cols: list[str], row: Row, vals: Values | None,
            cands: list[Values], sums: bool = True) -> Finding:
    """What reading says about a short text row: the reading found (merged repeats or split digits), or why its
    cells stay empty."""
    text = " ".join(t.text for t in row.numeric)
    refs = tuple(CellRef(table, row_key, c) for c in cols)
    if vals is not None:
        if _expanded(row, vals):
            return Finding("reading.repeats_expanded", Severity.INFO,
                           f"{where}：{SOURCE}（“{text}”），按合计关系唯一还原为 {' | '.join(map(str, vals))}",
                           table, refs)
        return cells.glue_finding(where, table, row_key, cols, row, [vals])
    if any(not _expanded(row, c) for c in cands) or not (row.collapsed or row.stacked):
        return cells.glue_finding(where, table, row_key, cols, row, cands)
    if not row.collapsed:
        return cells.short_finding(where, table, row_key, cols, row)
    if not sums:
        why = "这张表没有合计关系可以核对"
    elif not cands:
        why = "按合计关系找不到可能的还原"
    else:
        why = f"按合计关系有 {len(cands)} 种还原都可能成立"
    return Finding("reading.repeats_ambiguous", Severity.WARNING,
                   f"{where}只读到 {len(row.numeric)} 个数（{text}），少于 {len(cols)} 列；{MAYBE}，{why}，"
                   "这些单元格无法确定，请核对原文", table, refs)
