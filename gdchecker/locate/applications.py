"""表三: rows matched to the format's rows by label and order, columns by count, position or the sums."""

from __future__ import annotations

from gdchecker.cellvalue import parse_value
from gdchecker.formats import RowSpec, TableSpec, load, row_check, versions
from gdchecker.locate import cells, columns, presence, repeats, solve
from gdchecker.locate.align import BASE, SKIP_EXPECTED, Match, align, label_scores
from gdchecker.locate.cells import Values
from gdchecker.locate.rows import Row
from gdchecker.model import CellRef, Finding, Severity, Table
from gdchecker.read.document import Line, Piece

KEY = "applications"


def universe() -> list[RowSpec]:
    out: list[RowSpec] = []
    for v in versions():
        out += [r for r in load(v).tables[KEY].rows if r.key not in {x.key for x in out}]
    return out


def row_total_holds(vals: list[int | float], version: str | None = None) -> bool:
    """The row's figures satisfy the format's sums along a row (the six applicant columns add up to 总计)."""
    return row_check(version or versions()[-1], KEY)(vals)


def table(rows: list[Row], doc_version: str | None, reading: list[Finding], header: list[Line],
          trust_positions: bool = True) -> Table | None:
    if not rows:
        return None
    since = len(reading)
    specs = universe()
    best = None
    windows = presence.windows(header)
    scores = label_scores(rows, specs)  # the same for every layout tried
    for v in versions():
        spec = load(v).tables[KEY]
        total, matches, left = align(rows, list(spec.rows), specs, scores=scores)
        total += 0.05 if v == doc_version else 0.0
        # a row whose label the table prints but whose figures could not be placed (one-cell-a-line text, a
        # label set apart from its figures) still shows which layout the table has
        matched = {m.spec.key for m in matches}
        total += sum(BASE - SKIP_EXPECTED for r in spec.rows if r.key not in matched and presence.seen(r, windows))
        if best is None or total > best[0]:
            best = (total, v, spec, matches, left)
    assert best is not None
    _, version, spec, matches, left = best
    out = Table(KEY, format_version=version)
    cols = [c.key for c in spec.cols]
    found = [m.row for m in matches]
    agree = columns.positions_agree(found, len(cols))
    anchors = columns.anchors(found, len(cols)) if agree else None
    if anchors is None and agree:
        trusted = [ln for ln in header if trust_positions or ln.geometric]
        anchors = columns.header_anchors(trusted, [c.label for c in spec.cols])
    subtotal_x = next((p.x for ln in header for p in ln.pieces if "小计" in p.text or "合计" in p.text), None)
    pending: dict[str, tuple[Row, list[Values]]] = {}
    for m in matches:
        where = f"表三“{m.spec.printed}”行"
        pieces, how = columns.assign(m.row, len(cols), anchors)
        if how == "glued":
            pending[m.spec.key] = (m.row, repeats.candidates(m.row, len(cols), row_check(version, KEY)))
            continue
        if how == "short":
            cells.undecided(out, m.spec.key, m.row, cols, None)
            reading.append(cells.short_finding(where, KEY, m.spec.key, cols, m.row))
            continue
        if how == "extra":
            pieces = _extra(where, m.spec, m.row, len(cols), subtotal_x, reading)
        if how == "exact" and m.row.stacked and _blanks_lost(pieces, version):
            cells.undecided(out, m.spec.key, m.row, cols, None)
            text = " ".join(t.text for t in m.row.numeric)
            reading.append(Finding("reading.short_row", Severity.WARNING,
                                   f"{where}读到 {len(m.row.numeric)} 个数（{text}），但按合计关系前几个数已是完整的"
                                   "一行：逐格分行的文字丢掉了空白单元格，无法确定各数属于哪一列，请核对原文", KEY,
                                   tuple(CellRef(KEY, m.spec.key, c) for c in cols)))
            continue
        cells.fill(out, m.spec.key, m.row, cols, pieces)
    if pending:
        _resolve(out, version, cols, pending, reading)
    _doubt(out, spec, version, matches, left, cols, reading, since)
    for r in left:
        if r.numeric:
            reading.append(Finding("structure.extra_row", Severity.WARNING,
                                   f"表三中有一行不属于标准格式（“{r.label or '无行名'}”：{' '.join(t.text for t in r.numeric)}），"
                                   "未计入", KEY))
    return out


BROKEN = 3  # rows of a one-cell-a-line table that could not be placed, from which its order is not to be trusted


def _doubt(out: Table, spec: TableSpec, version: str, matches: list[Match], left: list[Row], cols: list[str],
           reading: list[Finding], since: int) -> None:
    """Text written one cell a line whose order broke down (several rows could not be placed, figures stand
    apart from their labels): a row read there whose row total does not hold is as likely misread as wrong, so it
    is left unread with a reading finding instead of being reported as the report's error."""
    stacked = [m for m in matches if m.row.stacked]
    unread = {c.row for f in reading[since:] if f.table == KEY and f.severity != Severity.INFO for c in f.cells}
    unplaced = len(unread) + sum(1 for r in left if r.numeric)
    if not stacked or unplaced < BROKEN:
        return
    for m in stacked:
        row = out.cells.get(m.spec.key, {})
        vals = [row[c].value if c in row else None for c in cols]
        if None in vals or row_total_holds(vals, version):  # type: ignore[arg-type]
            continue
        rs = spec.row(m.spec.key)
        cells.undecided(out, m.spec.key, m.row, cols, None)
        reading.append(Finding(
            "reading.short_row", Severity.WARNING,
            f"表三“{rs.printed if rs else m.spec.key}”行读到 {' '.join(t.text for t in m.row.numeric)}，合计关系不成立；"
            f"这张表的文字逐格分行且顺序已乱（{unplaced} 行无法对齐），这一行也可能读错，未核对，请核对原文", KEY,
            tuple(CellRef(KEY, m.spec.key, c) for c in cols)))


def _blanks_lost(pieces: list[Piece | None], version: str) -> bool:
    """Seven figures written one cell a line whose row total does not hold, while the first few already make a whole
    row (four parts or more and their total: 443 71 4 4 12 | 534 | 0): blanks were dropped and a figure of the next cell came in,
    so the seven are not the row's seven columns."""
    vals = [parse_value(p.text).value if p is not None else None for p in pieces]
    if None in vals or row_total_holds(vals, version):  # type: ignore[arg-type]
        return False
    return any(abs(sum(vals[:k]) - vals[k]) < 1e-9 and vals[k] != 0 for k in range(4, len(vals) - 1))  # type: ignore[arg-type,misc]


def _extra(where: str, spec: RowSpec, row: Row, n: int, subtotal_x: float | None,
           reading: list[Finding]) -> list[Piece | None]:
    """More pieces than columns: an added 小计 column, or one number the source split in two (20 read as 2 | 0)."""
    core = columns.core(row.tokens)
    ref = (CellRef(KEY, spec.key, "total"),)
    if subtotal_x is not None and len(core) == n + 1:
        drop = min(range(len(core)), key=lambda i: abs(core[i].x - subtotal_x))
        reading.append(Finding("structure.extra_column", Severity.WARNING,
                               f"{where}有一个标准格式之外的“小计”列（{core[drop].text}），未计入", KEY, ref))
        return core[:drop] + core[drop + 1:]
    joined = []
    for i in range(len(core) - 1 if len(core) == n + 1 else 0):  # one number split in two: one piece too many
        a, b = core[i].text.strip(), core[i + 1].text.strip()
        if not (a.isdigit() and b.isdigit()):
            continue
        merged = core[:i] + [Piece(a + b, (core[i].x + core[i + 1].x) / 2, core[i].box)] + core[i + 2:]
        vals = [parse_value(p.text).value for p in merged]
        if len(merged) == n and None not in vals and sum(vals[:-1]) == vals[-1]:  # type: ignore[arg-type]
            joined.append((i, merged))
    if len(joined) == 1:
        i, merged = joined[0]
        reading.append(Finding("reading.digits_joined", Severity.INFO,
                               f"{where}的“{core[i].text}”和“{core[i + 1].text}”在源文件中分得很开，"
                               f"按合计关系应是一个数 {merged[i].text}，已合并读取", KEY, ref))
        return list(merged)
    reading.append(Finding("structure.extra_column", Severity.WARNING,
                           f"{where}多出 {len(core) - n} 个单元格（如“小计”列），已按最后 {n} 列读取", KEY, ref))
    return list(core[-n:])


def _resolve(out: Table, version: str, cols: list[str], pending: dict[str, tuple[Row, list[Values]]],
             reading: list[Finding]) -> None:
    """Rows whose digits ran together or whose repeats were merged: keep the readings that make every relation
    of the format down the columns (the column total and the balance) hold together."""
    keys = list(pending)
    fmt = load(version)
    spec, relations = fmt.tables[KEY], fmt.column_equations(KEY)

    def known(row: str, ci: int) -> int | float | None:
        c = out.cells.get(row, {}).get(cols[ci])
        return None if c is None else c.value

    support = solve.supported({k: pending[k][1] for k in keys}, known, relations, len(cols))
    fixed = {k: pending[k][1][min(s)] for k, s in (support or {}).items() if len(s) == 1}
    for k in keys:
        row, cands = pending[k]
        vals = fixed.get(k) or (cands[0] if len(cands) == 1 else None)
        rs = spec.row(k)
        cells.undecided(out, k, row, cols, vals)
        reading.append(repeats.finding(f"表三“{rs.printed if rs else k}”行", KEY, k, cols, row, vals, cands))

