"""Building the keyed tables from the rows of each region."""

from __future__ import annotations

from itertools import product

from gdchecker.formats import FormatSpec, RowSpec, TableSpec, load, versions
from gdchecker.locate import columns, digits
from gdchecker.locate.align import align, score
from gdchecker.locate.rows import Row
from gdchecker.model import Cell, CellRef, Finding, Severity, Table
from gdchecker.read.document import Line, Piece
from gdchecker.textnorm import label_key
from gdchecker.values import parse_value

Values = tuple[int | float, ...]


def make_cell(p: Piece | None) -> Cell:
    if p is None:
        return Cell("", None, blank=True)
    v = parse_value(p.text)
    return Cell(p.text.strip(), v.value, blank=v.blank, invalid=v.invalid, unit=v.unit, note=v.note, box=p.box)


def _fill(table: Table, spec: TableSpec, row_key: str, row: Row, n_cols: list[str], pieces: list[Piece | None]) -> None:
    table.cells[row_key] = {c: make_cell(p) for c, p in zip(n_cols, pieces)}
    table.row_labels[row_key] = row.label
    if table.page is None and row.page is not None:
        table.page = row.page


def _glued_values(table: Table, row_key: str, row: Row, cols: list[str], vals: Values | None) -> None:
    text = " ".join(t.text for t in row.numeric)
    if vals is None:
        # undecidable: the cells stay empty (not blank, not wrong) and a finding says why
        table.cells[row_key] = {c: Cell(text if i == 0 else "", None) for i, c in enumerate(cols)}
    else:
        table.cells[row_key] = {c: Cell(_fmt(v), v, repaired=True) for c, v in zip(cols, vals)}
    table.row_labels[row_key] = row.label


def _fmt(v: int | float) -> str:
    return str(v)


def active_tables(rows: list[Row], fmt: FormatSpec, reading: list[Finding]) -> dict[str, Table]:
    """表二: each block's rows found by their labels (each label belongs to one block)."""
    out: dict[str, Table] = {}
    for spec in fmt.tables.values():
        if spec.section != "二":
            continue
        table = Table(spec.key, layout=fmt.version)
        keys = [c.key for c in spec.cols]
        for rs in spec.rows:
            scored = [(score(rs, r), r) for r in rows]
            good = [(s, r) for s, r in scored if s >= 0.75]
            if not good:
                continue
            s, row = max(good, key=lambda sr: sr[0])
            pieces, how = columns.assign(row, len(keys), None)
            if how == "glued":
                cands = digits.candidates([t.text for t in row.numeric], len(keys))
                vals = cands[0] if len(cands) == 1 else None
                _glued_values(table, rs.key, row, keys, vals)
                reading.append(_glue_finding(spec.key, rs.key, keys, row, cands))
            else:
                _fill(table, spec, rs.key, row, keys, pieces)
                if table.page is None:
                    table.page = row.page
        if table.cells:
            out[spec.key] = table
    return out


def _glue_finding(table: str, row: str, cols: list[str], r: Row, cands: list[Values]) -> Finding:
    text = " ".join(t.text for t in r.numeric)
    refs = tuple(CellRef(table, row, c) for c in cols)
    if len(cands) == 1:
        return Finding("reading.digits_repaired", Severity.INFO,
                       f"源文件中数字连在一起（“{text}”），已按唯一可能的拆分读取为 {' | '.join(map(str, cands[0]))}",
                       table, refs)
    why = "没有符合合计关系的拆分" if not cands else f"有 {len(cands)} 种拆分都可能成立"
    return Finding("reading.digits_ambiguous", Severity.WARNING,
                   f"源文件中数字连在一起（“{text}”），{why}，这些单元格无法确定，请核对原文", table, refs)


def _extra_cells(spec: RowSpec, row: Row, n: int, subtotal_x: float | None,
                 reading: list[Finding]) -> list[Piece | None]:
    """More pieces than columns: an added 小计 column, or one number the source split in two (20 read as 2 | 0)."""
    core = columns.core(row.tokens)
    ref = (CellRef("applications", spec.key, "total"),)
    if subtotal_x is not None and len(core) == n + 1:
        drop = min(range(len(core)), key=lambda i: abs(core[i].x - subtotal_x))
        reading.append(Finding("structure.extra_column", Severity.WARNING,
                               f"表三“{spec.label}”行有一个标准格式之外的“小计”列（{core[drop].text}），未计入", "applications", ref))
        return core[:drop] + core[drop + 1:]
    joined = []
    for i in range(len(core) - 1):
        a, b = core[i].text.strip(), core[i + 1].text.strip()
        if not (a.isdigit() and b.isdigit()):
            continue
        merged = core[:i] + [Piece(a + b, (core[i].x + core[i + 1].x) / 2, core[i].box)] + core[i + 2:]
        if len(merged) == n:
            vals = [parse_value(p.text).value for p in merged]
            if None not in vals and sum(vals[:-1]) == vals[-1]:  # type: ignore[arg-type]
                joined.append((i, merged))
    if len(joined) == 1:
        i, merged = joined[0]
        reading.append(Finding("reading.digits_joined", Severity.INFO,
                               f"表三“{spec.label}”行的“{core[i].text}”和“{core[i + 1].text}”在源文件中分得很开，"
                               f"按合计关系应是一个数 {merged[i].text}，已合并读取", "applications", ref))
        return list(merged)
    reading.append(Finding("structure.extra_column", Severity.WARNING,
                           f"表三“{spec.label}”行多出 {len(core) - n} 个单元格（如“小计”列），已按最后 {n} 列读取",
                           "applications", ref))
    return list(core[-n:])


def applications(rows: list[Row], doc_version: str | None, reading: list[Finding],
                 header: list[Line] | None = None) -> Table | None:
    if not rows:
        return None
    universe: list[RowSpec] = []
    seen = set()
    for v in versions():
        for r in load(v).tables["applications"].rows:
            if r.key not in seen:
                universe.append(r)
                seen.add(r.key)
    best = None
    for v in versions():
        spec = load(v).tables["applications"]
        total, matches, left = align(rows, list(spec.rows), universe)
        bonus = 0.05 if v == doc_version else 0.0
        if best is None or total + bonus > best[0]:
            best = (total + bonus, v, spec, matches, left)
    assert best is not None
    _, version, spec, matches, left = best
    table = Table("applications", layout=version)
    cols = [c.key for c in spec.cols]
    anchors = columns.anchors([m.row for m in matches], len(cols))
    subtotal_x = next((p.x for ln in header or [] for p in ln.pieces if "小计" in p.text or "合计" in p.text), None)
    pending: dict[str, tuple[Row, list[Values]]] = {}
    for m in matches:
        pieces, how = columns.assign(m.row, len(cols), anchors)
        if how == "glued":
            cands = digits.candidates([t.text for t in m.row.numeric], len(cols), lambda s: sum(s[:6]) == s[6])
            pending[m.spec.key] = (m.row, cands)
            continue
        if how == "extra":
            pieces = _extra_cells(m.spec, m.row, len(cols), subtotal_x, reading)
        _fill(table, spec, m.spec.key, m.row, cols, pieces)
    if pending:
        _resolve_glued(table, spec, cols, pending, reading)
    for r in left:
        if r.numeric:
            reading.append(Finding("structure.extra_row", Severity.WARNING,
                                   f"表三中有一行不属于标准格式（“{r.label or '无行名'}”：{' '.join(t.text for t in r.numeric)}），未计入",
                                   "applications"))
    return table


def _resolve_glued(table: Table, spec: TableSpec, cols: list[str], pending: dict[str, tuple[Row, list[Values]]],
                   reading: list[Finding]) -> None:
    """Rows whose digits ran together: keep the splits that make every column sum hold."""
    keys = list(pending)
    choices = [pending[k][1] or [None] for k in keys]  # type: ignore[list-item]
    size = 1
    for c in choices:
        size *= len(c)
    fixed: dict[str, Values | None] = {}
    if 0 < size <= 20000:
        parts = [r.key for r in spec.rows if r.key not in ("new_received", "carried_over", "total", "carry_forward")]
        ok_combos = []
        for combo in product(*choices):
            vals = dict(zip(keys, combo))

            def get(row: str, ci: int, vals: dict = vals) -> int | float | None:
                if row in vals:
                    v = vals[row]
                    return None if v is None else v[ci]
                c = table.cells.get(row, {}).get(cols[ci])
                return None if c is None else c.value

            good = True
            for ci in range(len(cols)):
                tot = get("total", ci)
                ps = [get(p, ci) for p in parts]
                if tot is not None and all(p is not None for p in ps) and sum(ps) != tot:  # type: ignore[arg-type]
                    good = False
                    break
                a, b, c, d = (get(x, ci) for x in ("new_received", "carried_over", "total", "carry_forward"))
                if None not in (a, b, c, d) and a + b != c + d:  # type: ignore[operator]
                    good = False
                    break
            if good:
                ok_combos.append(combo)
        for i, k in enumerate(keys):
            opts = {c[i] for c in ok_combos}
            fixed[k] = opts.pop() if len(opts) == 1 else None
    for k in keys:
        row, cands = pending[k]
        vals = fixed.get(k)
        if vals is None and len(cands) == 1:
            vals = cands[0]
        _glued_values(table, k, row, cols, vals)
        reading.append(_glue_finding("applications", k, cols, row, [vals] if vals is not None else cands))


def review_anchors(header: list[Line]) -> list[float] | None:
    """The 15 column positions of 表四, from its header words (结果维持 … 总计, wrapped or not)."""
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
    return [sum(c) / len(c) for c in clusters] if len(clusters) == 15 else None


def review(rows: list[Row], reading: list[Finding], anchors: list[float] | None = None) -> Table | None:
    spec = load(versions()[-1]).tables["review_litigation"]
    cols = [c.key for c in spec.cols]
    tokens: list[Piece] = []
    first: Row | None = None
    for r in rows:
        if r.numeric:
            first = first or r
            tokens.extend(columns.core(r.tokens))
    if first is None:
        return None
    table = Table("review_litigation", page=first.page)
    if len(tokens) >= 15:
        if len(tokens) > 15:
            reading.append(Finding("structure.extra_column", Severity.WARNING,
                                   f"表四读到 {len(tokens)} 个数，多于标准的 15 个，已取前 15 个", "review_litigation"))
        table.cells["count"] = {c: make_cell(p) for c, p in zip(cols, tokens[:15])}
        return table
    if anchors and all(r.geometric or r.grid not in (None, -1) for r in rows if r.numeric):
        placed = columns.by_position(tokens, anchors)
        if sum(p is not None for p in placed) == len([t for t in tokens if t.text.strip()]):
            table.cells["count"] = {c: make_cell(p) for c, p in zip(cols, placed)}
            return table
    numeric = [t.text for t in tokens if t.text.strip()]

    def ok(s: Values) -> bool:
        return all(sum(s[g:g + 4]) == s[g + 4] for g in (0, 5, 10))

    cands = digits.candidates(numeric, 15, ok)
    pseudo = Row(first.index, first.label, tokens, first.page, False, -1, True)
    _glued_values(table, "count", pseudo, cols, cands[0] if len(cands) == 1 else None)
    reading.append(_glue_finding("review_litigation", "count", cols, pseudo, cands))
    return table
