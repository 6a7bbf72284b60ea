"""Reading notes of one kind about many rows of a table, as one note: a text whose every row of zeros was written
"0000000" gets one line about it, not twenty-five."""

from __future__ import annotations

from gdchecker.model import Finding, Severity
from gdchecker.names import row_name, table_name

# the notes that are said once a table where they are many, and what they say
GROUPED = {
    "reading.digits_repaired": "的数字在源文件中连在一起，已按唯一符合合计关系的拆分读取",
    "reading.repeats_expanded": "在源文件（网页转存的文本）中相同的相邻数字被合并成一个，已按合计关系唯一还原",
}
MANY = 3  # notes of a kind about a table from which they are said once


def group(findings: list[Finding]) -> list[Finding]:
    """The findings with each kind of GROUPED note, where a table has MANY or more, merged into one (in the place of
    the first); the rows are named, each row's figures are in the table."""
    by: dict[tuple[str, str | None], list[Finding]] = {}
    for f in findings:
        if f.code in GROUPED and f.severity == Severity.INFO:
            by.setdefault((f.code, f.table), []).append(f)
    merged = {id(fs[0]): _one(code, table, fs) for (code, table), fs in by.items() if len(fs) >= MANY and table}
    drop = {id(f) for (_, table), fs in by.items() if len(fs) >= MANY and table for f in fs[1:]}
    return [merged.get(id(f), f) for f in findings if id(f) not in drop]


def _one(code: str, table: str, fs: list[Finding]) -> Finding:
    rows = list(dict.fromkeys(c.row for f in fs for c in f.cells[:1]))
    names = "、".join(f"“{row_name(None, table, r)}”" for r in rows[:8]) + ("等" if len(rows) > 8 else "")
    cells = tuple(c for f in fs for c in f.cells)
    return Finding(code, Severity.INFO, f"{table_name(table)}有 {len(fs)} 行{GROUPED[code]}（{names}），各数见表格",
                   table, cells)
