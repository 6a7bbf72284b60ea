"""表二: the 第二十条 blocks; each row is found by its label (every label belongs to one block)."""

from __future__ import annotations

from gdchecker.formats import FormatSpec
from gdchecker.locate import cells, columns, digits
from gdchecker.locate.align import score
from gdchecker.locate.rows import Row
from gdchecker.model import Finding, Table
from gdchecker.read.document import Line
from gdchecker.rules.names import table_name


def tables(rows: list[Row], header: list[Line], fmt: FormatSpec, reading: list[Finding]) -> dict[str, Table]:
    out: dict[str, Table] = {}
    for spec in fmt.tables.values():
        if spec.section != "二":
            continue
        table = Table(spec.key, layout=fmt.version)
        keys = [c.key for c in spec.cols]
        anchors = columns.header_anchors(header, [c.label for c in spec.cols])
        for rs in spec.rows:
            good = [(s, r) for s, r in ((score(rs, r), r) for r in rows) if s >= 0.75]
            if not good:
                continue
            _, row = max(good, key=lambda sr: sr[0])
            where = f"{table_name(spec.key)}“{rs.printed}”行"
            pieces, how = columns.assign(row, len(keys), anchors)
            if how == "glued":
                cands = digits.candidates([t.text for t in row.numeric], len(keys))
                cells.undecided(table, rs.key, row, keys, cands[0] if len(cands) == 1 else None)
                reading.append(cells.glue_finding(where, spec.key, rs.key, keys, row, cands))
            elif how == "short":
                cells.undecided(table, rs.key, row, keys, None)
                reading.append(cells.short_finding(where, spec.key, rs.key, keys, row))
            else:
                cells.fill(table, rs.key, row, keys, pieces)
        if table.cells:
            out[spec.key] = table
    return out
