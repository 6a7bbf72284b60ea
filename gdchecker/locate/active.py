"""表二: the 第二十条 blocks; each row is found by its label (every label belongs to one block)."""

from __future__ import annotations

from gdchecker.formats import FormatSpec, RowSpec
from gdchecker.locate import blocks, cells, columns, digits, repeats
from gdchecker.locate.align import own_score, score
from gdchecker.locate.rows import Row
from gdchecker.model import Finding, Table
from gdchecker.names import table_name
from gdchecker.read.document import Line


def tables(rows: list[Row], header: list[Line], fmt: FormatSpec, reading: list[Finding],
           lines: list[Line] | None = None, start: int = 0, trust: bool = True) -> dict[str, Table]:
    """The blocks found among the rows; with the region's lines (from `start`), each block's own header row decides
    which columns it prints (blocks.py), and positions are used where `trust` says the source keeps them."""
    out: dict[str, Table] = {}
    owner = _owners(rows, fmt)
    for spec in fmt.tables.values():
        if spec.section != "二":
            continue
        table = Table(spec.key, format_version=fmt.version)
        standard = [c.key for c in spec.cols], columns.header_anchors(header, [c.label for c in spec.cols])
        picked = [(rs, row) for rs in spec.rows if (row := _pick(rs, rows, owner)) is not None]
        # a block cut by the page's edge has lost its last header cells too: it is read by the standard columns
        whole = lines is not None and not any(r.cut for _, r in picked)
        head = blocks.read_header(lines, start, spec, [r for _, r in picked]) if whole else None
        for rs, row in picked:
            keys, anchors = standard
            if head is not None and head.local(spec):
                if blocks.read_row(table, rs, row, head, trust, reading):
                    continue
                keys, anchors = head.printed, None  # the readings below, over the columns the block prints
            where = f"{table_name(spec.key)}“{rs.printed}”行"
            pieces, how = columns.assign(row, len(keys), anchors)
            if how == "glued":
                # no sums in 表二: a row written one cell a line, or from a source that merges repeats, stays empty
                whole = row.stacked or row.collapsed
                cands = [] if whole else digits.candidates([t.text for t in row.numeric], len(keys))
                cells.undecided(table, rs.key, row, keys, cands[0] if len(cands) == 1 else None)
                reading.append(repeats.finding(where, spec.key, rs.key, keys, row, cands[0] if len(cands) == 1
                                               else None, cands, sums=False))
            elif how == "short":
                cells.undecided(table, rs.key, row, keys, None)
                reading.append(cells.short_finding(where, spec.key, rs.key, keys, row))
            else:
                cells.fill(table, rs.key, row, keys, pieces)
        if head is not None and head.local(spec):
            reading.extend(blocks.findings(table, spec, head))
        reading.extend(blocks.unit_findings(table, spec, head))
        if table.cells:
            out[spec.key] = table
    return out


def _pick(rs: RowSpec, rows: list[Row], owner: dict[int, str]) -> Row | None:
    """The found row that best prints the expected row's label (none below 0.75)."""
    good = [(s, r) for s, r in ((score(rs, r), r) for r in rows) if s >= 0.75 and owner.get(id(r), rs.key) == rs.key]
    return max(good, key=lambda sr: sr[0])[1] if good else None


def _owners(rows: list[Row], fmt: FormatSpec) -> dict[int, str]:
    """The expected row each found row's own label names (a label line beside it cannot take it for another)."""
    specs = [rs for spec in fmt.tables.values() if spec.section == "二" for rs in spec.rows]
    out: dict[int, str] = {}
    for r in rows:
        scored = [(own_score(rs, r), rs.key) for rs in specs]
        best = max(scored, default=(0.0, ""))
        if best[0] >= 0.75:
            out[id(r)] = best[1]
    return out
