"""表四: one row of 15 numbers (or three rows of five), columns by count, header position or the group sums."""

from __future__ import annotations

from statistics import median

from gdchecker.formats import load, versions
from gdchecker.locate import cells, columns, repeats
from gdchecker.locate.cells import Values
from gdchecker.locate.rows import Row
from gdchecker.model import CellRef, Finding, Severity, Table
from gdchecker.read.document import Line, Piece
from gdchecker.textnorm import label_key
from gdchecker.values import parse_value

KEY = "review_litigation"
WHERE = "表四"


def anchors(header: list[Line]) -> list[float] | None:
    """The 15 column positions, from the header words (结果维持 … 总计, wrapped or not)."""
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
    return [median(c) for c in clusters] if len(clusters) in (5, 15) else None


def _data_rows(rows: list[Row]) -> list[Row]:
    """The rows that hold the figures: a page number or a stray figure alone on a line is not one."""
    out = [r for r in rows if len(r.numeric) >= 2 or r.glued or r.stacked or (r.numeric and len(r.tokens) >= 5)
           or (r.all_blank and len(r.tokens) in (5, 15)) or (r.cut and columns.positioned(r) and len(r.tokens) >= 5)]
    full = [r for r in out if len(columns.core(r.tokens)) == 15]
    if not full:  # a grid row of 15 cells, some of them empty
        full = [r for r in out if r.grid not in (None, -1) and len(r.tokens) == 15 and not r.all_blank]
        full = full or [r for r in out if r.grid not in (None, -1) and len(r.tokens) == 15]
    if full:
        return full[:1]
    fives = [r for r in out if len(r.tokens) == 5 or len(columns.core(r.tokens)) == 5]
    if len(fives) == 3:
        return fives
    return out


def table(rows: list[Row], reading: list[Finding], header_x: list[float] | None) -> Table | None:
    spec = load(versions()[-1]).tables[KEY]
    cols = [c.key for c in spec.cols]
    data = _data_rows(rows)
    if not data:
        return None
    first = data[0]
    out = Table(KEY, page=first.page)
    if len(data) == 3 and all(len(r.tokens) == 5 for r in data):
        tokens = [t for r in data for t in r.tokens]  # three rows of five, blanks kept
    elif len(data) == 3 and header_x and len(header_x) == 5 and all(columns.positioned(r) for r in data):
        tokens = []  # three rows of five under one five-column header: place each row's figures by position
        for r in data:
            placed = columns.by_position(r.tokens, header_x)
            if sum(p is not None and p.text.strip() != "" for p in placed) != len(r.numeric):
                tokens = [t for r in data for t in columns.core(r.tokens)]  # positions do not fit: no guessing
                break
            tokens += [p if p is not None else Piece("", 0.0) for p in placed]
    elif len(data) == 1 and first.cut and len(first.tokens) < 15:
        tokens = columns.cut_off(first.tokens, 15)  # type: ignore[assignment]  # the rest is past the page's edge
    elif len(data) == 1 and first.grid not in (None, -1) and len(first.tokens) == 15:
        tokens = list(first.tokens)  # one grid row: empty cells keep their places
    else:
        tokens = [t for r in data for t in columns.core(r.tokens)]
    if len(tokens) == 15 and any(r.stacked for r in data) and _blank_lost(tokens):
        pseudo = Row(first.index, first.label, tokens, first.page, False, -1, True)
        cells.undecided(out, "count", pseudo, cols, None)
        reading.append(Finding("reading.short_row", Severity.WARNING,
                               f"表四读到 15 个数（{' '.join(t.text for t in tokens)}），但三组总计的关系只在去掉其中一个数、"
                               "另补一个空白单元格时成立：逐格分行的文字丢掉了空白单元格，无法确定各数属于哪一列，请核对原文",
                               KEY, tuple(CellRef(KEY, "count", c) for c in cols)))
        return out
    if len(tokens) == 15:
        out.cells["count"] = {c: cells.make_cell(p) for c, p in zip(cols, tokens)}
        return out
    if len(tokens) > 15:
        return _more(out, cols, tokens, first, reading)
    if header_x and len(header_x) == 15 and all(columns.positioned(r) for r in data):
        placed = columns.by_position(tokens, header_x)
        if sum(p is not None for p in placed) == len([t for t in tokens if t.text.strip()]):
            out.cells["count"] = {c: cells.make_cell(p) for c, p in zip(cols, placed)}
            return out
    pseudo = Row(first.index, first.label, tokens, first.page, False, -1, True)
    if all(columns.positioned(r) for r in data):
        cells.undecided(out, "count", pseudo, cols, None)
        reading.append(cells.short_finding(WHERE, KEY, "count", cols, pseudo))
        return out

    def ok(s: Values) -> bool:
        return all(sum(s[g:g + 4]) == s[g + 4] for g in (0, 5, 10))

    pseudo.stacked, pseudo.collapsed = all(r.stacked for r in data), any(r.collapsed for r in data)
    cands = repeats.candidates(pseudo, 15, ok, [t.text for t in tokens if t.text.strip()])
    vals = cands[0] if len(cands) == 1 else None
    cells.undecided(out, "count", pseudo, cols, vals)
    reading.append(repeats.finding(WHERE, KEY, "count", cols, pseudo, vals, cands))
    return out



def _sums_hold(vals: list[int | float | None]) -> bool:
    return None not in vals and all(sum(vals[g:g + 4]) == vals[g + 4] for g in (0, 5, 10))  # type: ignore[arg-type,misc]


def _blank_lost(tokens: list[Piece]) -> bool:
    """Fifteen figures written one cell a line whose group totals do not hold as read, but do with one of them left
    out and a blank put in: a blank cell was dropped and a figure from elsewhere came in."""
    vals = [parse_value(t.text).value for t in tokens]
    if None in vals or _sums_hold(vals):
        return False
    for drop in range(15):
        rest = vals[:drop] + vals[drop + 1:]
        if any(_sums_hold(rest[:k] + [0] + rest[k:]) for k in range(15)):
            return True
    return False


def _more(out: Table, cols: list[str], tokens: list[Piece], first: Row, reading: list[Finding]) -> Table:
    """More figures than 15 (an added 小计 column, figures of the header or of the next lines): the 15 in a run whose
    three group totals hold are the table, where only one run does; otherwise nothing says which are, and the
    cells are left unread."""
    vals = [parse_value(t.text).value for t in tokens]
    fits = [i for i in range(len(tokens) - 14) if _sums_hold(vals[i:i + 15])]
    text = " ".join(t.text for t in tokens)
    if len(fits) == 1:
        i = fits[0]
        left = " ".join(t.text for t in tokens[:i] + tokens[i + 15:])
        reading.append(Finding("structure.extra_column", Severity.WARNING,
                               f"表四读到 {len(tokens)} 个数（{text}），多于标准的 15 个；按三组总计的关系读取其中"
                               f"连续的 15 个，未计入“{left}”", KEY))
        out.cells["count"] = {c: cells.make_cell(p) for c, p in zip(cols, tokens[i:i + 15])}
        return out
    pseudo = Row(first.index, first.label, tokens, first.page, False, -1, True)
    cells.undecided(out, "count", pseudo, cols, None)
    reading.append(Finding("reading.short_row", Severity.WARNING,
                           f"表四读到 {len(tokens)} 个数（{text}），多于标准的 15 个，无法确定哪些数属于表中哪一列，"
                           "请核对原文", KEY, tuple(CellRef(KEY, "count", c) for c in cols)))
    return out
