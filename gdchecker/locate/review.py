"""表四: one row of figures (15 in the national formats: three groups of five, or printed as three rows of five),
columns by count, header position or the group sums the format states."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gdchecker.cellvalue import parse_value
from gdchecker.formats import FormatSpec, load, row_check, versions
from gdchecker.locate import cells, columns, repeats
from gdchecker.locate.rows import Row
from gdchecker.median import median
from gdchecker.model import CellRef, Finding, Severity, Table
from gdchecker.read.document import Line, Piece
from gdchecker.textnorm import label_key

KEY = "review_litigation"
WHERE = "表四"


def _shape(fmt: FormatSpec | None) -> tuple[FormatSpec, int, int]:
    """The format, its columns and the columns of one group (15 and 5)."""
    fmt = fmt if fmt is not None and KEY in fmt.tables else load(versions()[-1])
    groups = fmt.row_groups(KEY)
    n = len(fmt.tables[KEY].cols)
    return fmt, n, (len(groups[0]) if groups else n)


def anchors(header: list[Line], fmt: FormatSpec | None = None) -> list[float] | None:
    """The column positions (of one group, or of all), from the header words (结果维持 … 总计, wrapped or not)."""
    _, n, g = _shape(fmt)
    xs: list[float] = []
    for line in header:
        for p in line.pieces:
            k = label_key(p.text)
            if any(w in k for w in ("维持", "纠正", "其他", "审结", "尚未", "总计")) and len(k) <= 6:
                xs.append(p.x)
    xs.sort()
    clusters: list[list[float]] = []
    for x in xs:
        if clusters and x - clusters[-1][-1] < 3.0:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [median(c) for c in clusters] if len(clusters) in (g, n) else None


def _data_rows(rows: list[Row], n: int, g: int) -> list[Row]:
    """The rows that hold the figures: a page number or a stray figure alone on a line is not one."""
    out = [r for r in rows if len(r.numeric) >= 2 or r.glued or r.stacked or (r.numeric and len(r.tokens) >= g)
           or (r.all_blank and len(r.tokens) in (g, n)) or (r.cut and columns.positioned(r) and len(r.tokens) >= g)]
    full = [r for r in out if len(columns.core(r.tokens)) == n]
    if not full:  # a grid row of all the cells, some of them empty
        full = [r for r in out if r.grid not in (None, -1) and len(r.tokens) == n and not r.all_blank]
        full = full or [r for r in out if r.grid not in (None, -1) and len(r.tokens) == n]
    if full:
        return full[:1]
    groups = [r for r in out if len(r.tokens) == g or len(columns.core(r.tokens)) == g]
    if g < n and len(groups) == n // g:
        return groups
    return out


def table(rows: list[Row], reading: list[Finding], header_x: list[float] | None,
          fmt: FormatSpec | None = None) -> Table | None:
    fmt, n, g = _shape(fmt)
    spec = fmt.tables[KEY]
    cols = [c.key for c in spec.cols]
    holds = row_check(fmt.version, KEY)
    data = _data_rows(rows, n, g)
    if not data:
        return None
    first = data[0]
    out = Table(KEY, page=first.page)
    k = n // g  # groups printed as rows of their own
    if g < n and len(data) == k and all(len(r.tokens) == g for r in data):
        tokens = [t for r in data for t in r.tokens]  # three rows of five, blanks kept
    elif g < n and len(data) == k and header_x and len(header_x) == g and all(columns.positioned(r) for r in data):
        tokens = []  # three rows of five under one five-column header: place each row's figures by position
        for r in data:
            placed = columns.by_position(r.tokens, header_x)
            if sum(p is not None and p.text.strip() != "" for p in placed) != len(r.numeric):
                tokens = [t for r in data for t in columns.core(r.tokens)]  # positions do not fit: no guessing
                break
            tokens += [p if p is not None else Piece("", 0.0) for p in placed]
    elif len(data) == 1 and first.cut and len(first.tokens) < n:
        tokens = columns.cut_off(first.tokens, n)  # type: ignore[assignment]  # the rest is past the page's edge
    elif len(data) == 1 and first.grid not in (None, -1) and len(first.tokens) == n:
        tokens = list(first.tokens)  # one grid row: empty cells keep their places
    else:
        tokens = [t for r in data for t in columns.core(r.tokens)]
    if len(tokens) == n and any(r.stacked for r in data) and _blank_lost(tokens, holds):
        pseudo = Row(first.index, first.label, tokens, first.page, False, -1, True)
        cells.undecided(out, "count", pseudo, cols, None)
        reading.append(Finding("reading.short_row", Severity.WARNING,
                               f"表四读到 {n} 个数（{' '.join(t.text for t in tokens)}），但各组总计的关系只在去掉其中一个数、"
                               "另补一个空白单元格时成立：逐格分行的文字丢掉了空白单元格，无法确定各数属于哪一列，请核对原文",
                               KEY, tuple(CellRef(KEY, "count", c) for c in cols)))
        return out
    if len(tokens) == n:
        out.cells["count"] = {c: cells.make_cell(p) for c, p in zip(cols, tokens)}
        return out
    if len(tokens) > n:
        return _more(out, cols, tokens, first, reading, holds)
    if header_x and len(header_x) == n and all(columns.positioned(r) for r in data):
        placed = columns.by_position(tokens, header_x)
        if sum(p is not None for p in placed) == len([t for t in tokens if t.text.strip()]):
            out.cells["count"] = {c: cells.make_cell(p) for c, p in zip(cols, placed)}
            return out
    pseudo = Row(first.index, first.label, tokens, first.page, False, -1, True)
    if all(columns.positioned(r) for r in data):
        cells.undecided(out, "count", pseudo, cols, None)
        reading.append(cells.short_finding(WHERE, KEY, "count", cols, pseudo))
        return out

    pseudo.stacked, pseudo.collapsed = all(r.stacked for r in data), any(r.collapsed for r in data)
    cands = repeats.candidates(pseudo, n, holds, [t.text for t in tokens if t.text.strip()])
    vals = cands[0] if len(cands) == 1 else None
    cells.undecided(out, "count", pseudo, cols, vals)
    reading.append(repeats.finding(WHERE, KEY, "count", cols, pseudo, vals, cands))
    return out



Holds = Callable[[Sequence[float | int | None]], bool]


def _blank_lost(tokens: list[Piece], holds: Holds) -> bool:
    """The figures written one cell a line whose group totals do not hold as read, but do with one of them left
    out and a blank put in: a blank cell was dropped and a figure from elsewhere came in."""
    vals = [parse_value(t.text).value for t in tokens]
    if None in vals or holds(vals):
        return False
    n = len(vals)
    for drop in range(n):
        rest = vals[:drop] + vals[drop + 1:]
        if any(holds(rest[:k] + [0] + rest[k:]) for k in range(n)):
            return True
    return False


def _more(out: Table, cols: list[str], tokens: list[Piece], first: Row, reading: list[Finding],
          holds: Holds) -> Table:
    """More figures than columns (an added 小计 column, figures of the header or of the next lines): the run of
    them whose group totals hold is the table, where only one run does; otherwise nothing says which are, and the
    cells are left unread."""
    n = len(cols)
    vals = [parse_value(t.text).value for t in tokens]
    fits = [i for i in range(len(tokens) - n + 1) if holds(vals[i:i + n])]
    text = " ".join(t.text for t in tokens)
    if len(fits) == 1:
        i = fits[0]
        left = " ".join(t.text for t in tokens[:i] + tokens[i + n:])
        reading.append(Finding("structure.extra_column", Severity.WARNING,
                               f"表四读到 {len(tokens)} 个数（{text}），多于标准的 {n} 个；按各组总计的关系读取其中"
                               f"连续的 {n} 个，未计入“{left}”", KEY))
        out.cells["count"] = {c: cells.make_cell(p) for c, p in zip(cols, tokens[i:i + n])}
        return out
    pseudo = Row(first.index, first.label, tokens, first.page, False, -1, True)
    cells.undecided(out, "count", pseudo, cols, None)
    reading.append(Finding("reading.short_row", Severity.WARNING,
                           f"表四读到 {len(tokens)} 个数（{text}），多于标准的 {n} 个，无法确定哪些数属于表中哪一列，"
                           "请核对原文", KEY, tuple(CellRef(KEY, "count", c) for c in cols)))
    return out
