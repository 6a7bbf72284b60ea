"""表二 as local reports print it: each 第二十条 block's own header row says which columns it has.

A block may leave a column out (莆田 2019: 信息内容 | 2019年项目数量 | 处理决定数量, without 本年增/减), add one (小计),
name one by the year (2019年项目数量 for 上一年项目数量), slip in a word (本年新作数量) or print the columns in another
order. The header words are matched to the format's columns by label similarity; each row's figures are read under
the header cell they stand in (by count where the row prints one figure a header cell, else by position where the
source keeps positions). A column the block does not print stays absent and is named once for the block; an added
column is left out and named once. Units written in cells ("16万", "251000元") are compared with the column's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from gdchecker.cellvalue import MAGNITUDES, is_blank
from gdchecker.formats import ColSpec, RowSpec, TableSpec
from gdchecker.locate import cells
from gdchecker.locate.columns import core
from gdchecker.locate.rows import Row, to_row
from gdchecker.model import CellRef, Finding, Severity, Table
from gdchecker.names import fmt, table_name
from gdchecker.read.document import Line, Piece
from gdchecker.textnorm import LazyPattern, label_key, similarity

MATCH = 0.5  # how well header words must name a column of the format to be taken for it
STRONG = 0.75  # header words this close to a column are that column wherever they stand
LABEL_HEAD = ("信息内容", "内容", "项目", "类别", "名称", "信息类别", "事项", "项目名称")  # the label column's header
EXTRA_WORDS = ("小计", "合计", "总计", "其中", "备注", "说明", "累计")
MAX_LINES = 8  # header lines above a block's first row (a header wrapped in narrow cells takes three)
MAX_CELLS = 8
_YEAR = re.compile(r"^(?:\d{2,4}年度?|[上本今当]一?年度?|全年)")
_UNIT_TAIL = re.compile(r"(?:单位)?(?:[万亿千]?元|件|个|项|条|次)$")
_UNIT = LazyPattern(r"单位\s*[：:]?\s*([万亿千]?元)|[（(]\s*([万亿千]?元)\s*[）)]")
_ONLY_UNIT = re.compile(r"^(?:单位)?(?:[万亿千]?元|件|个|项|条|次)?$")


@dataclass
class HeadCell:
    """One value column as the block's header prints it."""

    text: str
    x: float
    x0: float
    x1: float
    key: str | None = None  # the format's column it names; None: a column the format does not have
    guessed: bool = False  # named by where it stands (its words name no column)
    lines: set[int] = field(default_factory=set)  # the header lines it is printed on


@dataclass
class Header:
    """A block's drawn header as read: its cells, each named for a column of the format."""

    cells: list[HeadCell]  # the value columns as printed, left to right
    missing: list[str] = field(default_factory=list)  # the format's columns the block does not print

    @property
    def keys(self) -> list[str | None]:
        return [c.key for c in self.cells]

    @property
    def printed(self) -> list[str]:
        """The format's columns the block prints, in the order printed."""
        return [c.key for c in self.cells if c.key is not None]

    @property
    def extra(self) -> list[HeadCell]:
        return [c for c in self.cells if c.key is None]

    def local(self, spec: TableSpec) -> bool:
        """The block is not printed as the format has it: the header decides where each figure belongs."""
        return bool(self.missing or self.extra) or self.keys != [c.key for c in spec.cols]

    def unit(self, col: ColSpec) -> str | None:
        """The unit the header prints for a column, else the format's (本年收费金额（单位：万元）)."""
        printed = next((c.text for c in self.cells if c.key == col.key), None)
        return unit_of(printed) if printed is not None and unit_of(printed) else unit_of(col.label)


def unit_of(label: str) -> str | None:
    m = _UNIT.search(label)
    return (m.group(1) or m.group(2)) if m else None


def _forms(text: str) -> set[str]:
    """A label and its core: without a year in front (2019年, 上一年, 本年) and a unit behind (（单位：万元）, （件）)."""
    k = label_key(text)
    bare = _UNIT_TAIL.sub("", k) or k
    return {f for f in (k, bare, _YEAR.sub("", k), _YEAR.sub("", bare)) if f}


def fit(printed: str, label: str) -> float:
    """How well printed header words name a column label (1 for the same words)."""
    return max((similarity(a, b) for a in _forms(label) for b in _forms(printed)), default=0.0)


def _positioned(line: Line) -> bool:
    return line.geometric or line.grid not in (None, -1)


def _is_caption(text: str) -> bool:
    return "第二十条" in label_key(text)


def window(lines: list[Line], start: int, first: int) -> list[Line]:
    """The label lines right above a block's first row, back to its caption or the figures of the block before."""
    out: list[Line] = []
    for j in range(first - 1, max(start, first - MAX_LINES) - 1, -1):
        ln = lines[j]
        r = to_row(j, ln)
        if r is not None and r.numeric:
            break
        out.append(ln)
        if _is_caption(ln.text):
            break  # the caption (its line may hold the header too: 第二十条第（五）项 | 上一年项目数量 | …)
    return out[::-1]


def _extent(p: Piece) -> tuple[float, float]:
    if p.box is not None:
        return p.box.x0, p.box.x1
    return p.x - 0.45, p.x + 0.45


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _header_cells(lines: list[Line]) -> list[HeadCell]:
    """Header cells from the lines: pieces that stand over each other are one cell (a wrapped header word); in text
    without positions each line is a cell of its own (a web table copied one cell a line)."""
    placed = [ln for ln in lines if _positioned(ln)]
    if not placed:
        words = [_squeeze(ln.text) for ln in lines if ln.text.strip() and not _is_caption(ln.text)]
        return [HeadCell(t, float(i), i - 0.45, i + 0.45, lines={i}) for i, t in enumerate(words)]
    pieces = [(i, p) for i, ln in enumerate(placed) for p in ln.pieces
              if label_key(p.text) and not _is_caption(p.text) and len(label_key(p.text)) <= 20]
    group = list(range(len(pieces)))  # union-find: pieces of different lines standing over each other join

    def root(k: int) -> int:
        while group[k] != k:
            k = group[k]
        return k

    for a, (i, p) in enumerate(pieces):
        pa, pb = _extent(p)
        for b in range(a):
            j, q = pieces[b]
            qa, qb = _extent(q)
            if i != j and min(pb, qb) - max(pa, qa) > 0.3 * min(pb - pa, qb - qa):
                group[root(a)] = root(b)
    out = []
    for r in sorted({root(k) for k in range(len(pieces))}, key=lambda k: _extent(pieces[k][1])[0]):
        g = [pieces[k] for k in range(len(pieces)) if root(k) == r]
        a, b = min(_extent(p)[0] for _, p in g), max(_extent(p)[1] for _, p in g)
        text = _squeeze("".join(p.text for _, p in sorted(g, key=lambda ip: (ip[0], ip[1].x))))
        out.append(HeadCell(text, (a + b) / 2, a, b, lines={i for i, _ in g}))
    return sorted(out, key=lambda c: c.x)


def _assign(sims: list[list[float]]) -> list[int | None]:
    """Each header cell to at most one column and each column to at most one cell, the best total fit."""
    best: tuple[float, list[int | None]] = (-1.0, [None] * len(sims))
    m = len(sims[0]) if sims else 0

    def walk(i: int, used: frozenset[int], acc: float, picks: list[int | None]) -> None:
        nonlocal best
        if i == len(sims):
            if acc > best[0]:
                best = (acc, picks)
            return
        walk(i + 1, used, acc, [*picks, None])
        for j in range(m):
            if j not in used and sims[i][j] >= MATCH:
                walk(i + 1, used | {j}, acc + sims[i][j], [*picks, j])

    walk(0, frozenset(), 0.0, [])
    return best[1]


def _tokens(rows: list[Row]) -> list[Piece]:
    return [t for r in rows if not r.glued for t in r.tokens]


def _holds_figures(cell: HeadCell, cells_: list[HeadCell], rows: list[Row], positioned: bool) -> bool:
    """An added header cell is a column where figures stand under it (a note line above the table is not)."""
    if positioned:
        for t in _tokens(rows):
            if is_blank(t.text):
                continue
            near = min(cells_, key=lambda c: abs(c.x - t.x))
            if near is cell:
                return True
        return False
    return any(len(core(r.tokens)) == len(cells_) for r in rows if not r.glued)


def read_header(lines: list[Line], start: int, spec: TableSpec, rows: list[Row]) -> Header | None:
    """The block's header as printed, matched to the format's columns; None where no header names any of them."""
    if not rows:
        return None
    first = min(r.index for r in rows)
    win = window(lines, start, first)
    found = _header_cells(win)
    if not found or len(found) > MAX_CELLS:
        return None
    positioned = any(_positioned(ln) for ln in win)
    toks = _tokens(rows)
    left = min((_extent(t)[0] for t in toks), default=None)
    labels = [c.label for c in spec.cols]
    value: list[HeadCell] = []
    for c in found:
        best = max((fit(c.text, lab) for lab in labels), default=0.0)
        key = label_key(c.text)
        if best < STRONG and (key in LABEL_HEAD or similarity("信息内容", key) >= 0.6
                              or (positioned and left is not None and c.x1 < left)):
            continue  # the label column's header (信息内容), or words over the row labels
        if _ONLY_UNIT.match(key):
            continue  # a unit printed on its own (（单位：万元）)
        value.append(c)
    if not value:
        return None
    if not positioned and any(max((fit(c.text, lab) for lab in labels), default=0.0) < STRONG
                              and not any(w in label_key(c.text) for w in EXTRA_WORDS) for c in value):
        return None  # text without positions whose header lines are pieces of wrapped cells: their order is not
        # the columns' (上一年 / 处理决定 / 本年增/减 / 项目数量 / 数量), the standard columns are read
    picks = _assign([[fit(c.text, lab) for lab in labels] for c in value])
    if all(p is None for p in picks):
        return None
    for c, p in zip(value, picks):
        c.key = spec.cols[p].key if p is not None else None
    if positioned:  # words beside the header, not on its lines (a note over the table), are no header cell
        named = set().union(*(c.lines for c in value if c.key is not None))
        value = [c for c in value if c.key is not None or (min(c.lines) <= max(named) and max(c.lines) >= min(named))]
    missing = [col.key for col in spec.cols if col.key not in {c.key for c in value}]
    loose = [c for c in value if c.key is None and not any(w in label_key(c.text) for w in EXTRA_WORDS)]
    if missing and len(loose) == len(missing):
        # header words that name no column, standing where the columns not found stand, are those columns
        order = {col.key: i for i, col in enumerate(spec.cols)}
        for c, k in zip(loose, missing):
            c.key, c.guessed = k, True
        seq = [order[c.key] for c in value if c.key is not None]
        if any(b <= a for a, b in pairwise(seq)):
            for c in loose:
                c.key, c.guessed = None, False
        else:
            missing = []
    value = [c for c in value if c.key is not None or _holds_figures(c, value, rows, positioned)]
    if max((len(core(r.tokens)) for r in rows if not r.glued), default=0) > len(value):
        return None  # the rows print more figures than the header has cells: the header is not read right
    return Header(value, missing)


def place(row: Row, head: Header, trust: bool) -> list[Piece | None] | None:
    """The row's pieces under the header's cells, or None where nothing tells which figure stands where."""
    n = len(head.cells)
    c = core(row.tokens)
    if len(c) == n:
        return list(c)
    if row.grid not in (None, -1) and len(row.tokens) == n:
        return list(row.tokens)  # a grid row: empty cells keep their places
    if not (trust and (row.geometric or row.grid not in (None, -1))):
        return None
    xs = [h.x for h in head.cells]
    spacing = min((b - a for a, b in pairwise(xs)), default=1.0) or 1.0
    out: list[Piece | None] = [None] * n
    for t in row.tokens:
        inside = [k for k, h in enumerate(head.cells) if h.x0 <= t.x <= h.x1]
        k = inside[0] if inside else min(range(n), key=lambda j: abs(xs[j] - t.x))
        if not inside and n > 1 and abs(xs[k] - t.x) > 0.6 * spacing:
            if is_blank(t.text):
                continue
            return None
        if out[k] is not None and not is_blank(out[k].text):  # type: ignore[union-attr]
            if not is_blank(t.text):
                return None
            continue
        out[k] = t
    if sum(p is not None and not is_blank(p.text) for p in out) != len(row.numeric):
        return None
    return out


def read_row(table: Table, rs: RowSpec, row: Row, head: Header, trust: bool, reading: list[Finding]) -> bool:
    """One row of a block printed its own way: each figure under the column its header cell names. False where the
    header cannot place the figures and the usual readings (run-together digits, merged repeats, a short row) are
    to be tried over the printed columns; a block with an added column is never read by count alone."""
    keys = head.printed
    pieces = None if row.glued else place(row, head, trust)
    if pieces is not None:
        cells.fill(table, rs.key, row, keys, [p for k, p in zip(head.keys, pieces) if k is not None])
        return True
    if not head.extra:
        return False
    where = f"{table_name(table.key)}“{rs.printed}”行"
    cells.undecided(table, rs.key, row, keys, None)
    if len(row.numeric) < len(head.cells):
        reading.append(cells.short_finding(where, table.key, rs.key, keys, row))
    else:
        text = " ".join(t.text for t in row.numeric)
        reading.append(Finding("reading.short_row", Severity.WARNING,
                               f"{where}读到 {len(row.numeric)} 个数（{text}），表头有 {len(head.cells)} 列，"
                               "无法确定各数属于哪一列，请核对原文", table.key,
                               tuple(CellRef(table.key, rs.key, k) for k in keys)))
    return True


def _short(label: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]", "", label).strip()


def findings(table: Table, spec: TableSpec, head: Header) -> list[Finding]:
    """One finding for the columns a block does not print, one for those it adds (never one per row)."""
    out: list[Finding] = []
    name = table_name(spec.key)
    rows = [r.key for r in spec.rows if r.key in table.cells]
    if head.missing and rows:
        labels = "".join(f"“{_short(c.label)}”" for c in spec.cols if c.key in head.missing)
        read = [f"“{h.text}”按“{_short(spec.col(h.key).label)}”读取" for h in head.cells  # type: ignore[union-attr]
                if h.key is not None and label_key(h.text) != label_key(spec.col(h.key).label)]  # type: ignore[union-attr]
        more = f"；表头{'、'.join(read)}" if read else ""
        out.append(Finding("structure.local_columns", Severity.WARNING,
                           f"{name}没有{labels}列（按表头读取其余各列{more}）", spec.key,
                           tuple(CellRef(spec.key, r, k) for r in rows for k in head.missing)))
    if head.extra and rows:
        labels = "".join(f"“{h.text}”" for h in head.extra)
        out.append(Finding("structure.extra_column", Severity.WARNING,
                           f"{name}有标准格式之外的{labels}列，未计入", spec.key))
    return out


def unit_findings(table: Table, spec: TableSpec, head: Header | None) -> list[Finding]:
    """A unit written in a cell that is not the column's: the figure is kept as printed and the unit named."""
    out = []
    for rs in spec.rows:
        for col in spec.cols:
            cell = table.cell(rs.key, col.key)
            if cell is None or cell.unit is None or cell.value is None:
                continue
            if col.kind != "amount" and not cell.unit.startswith(MAGNITUDES):
                continue  # 12件 in a count column says what the column says
            want = head.unit(col) if head is not None else unit_of(col.label)
            if cell.unit == want:
                continue
            has = f"该列的单位是“{want}”" if want else "表头没有注明单位"
            out.append(Finding("reading.unit", Severity.INFO,
                               f"{table_name(spec.key)}“{rs.printed}”行“{_short(col.label)}”读作 {fmt(cell.value)}，"
                               f"单位“{cell.unit}”（{has}，未换算）", spec.key, (CellRef(spec.key, rs.key, col.key),)))
    return out
