"""What the report prints but could not be read: a row whose label is there without figures that could be placed,
a table whose heading is there without rows. These are reading findings (warnings), never `structure.missing_*`:
that code means the report really lacks the row or table."""

from __future__ import annotations

from gdchecker.formats import FormatSpec, RowSpec, TableSpec
from gdchecker.locate.align import label_fit
from gdchecker.model import CellRef, Finding, Report, Severity
from gdchecker.read.document import Line
from gdchecker.rules.names import col_name, table_name
from gdchecker.textnorm import label_key
from gdchecker.values import looks_like_value

SEEN = 0.78  # how well a line of the table must print a row's label for the row to count as present (wrapped labels
# in one-cell-a-line text come with stray characters of the cell beside them: “无法提 … 另行 / 供 / 制作”)
ROW_UNREAD = "reading.row_unread"
TABLE_UNREAD = "reading.table_unread"
CUT_OFF = "reading.cut_off"


def _windows(lines: list[Line]) -> list[str]:
    """The region's lines alone and joined with the next one or two (a label wrapped in a narrow cell)."""
    keys = [label_key("".join(p.text for p in ln.pieces if not looks_like_value(p.text))) for ln in lines]
    out = []
    for i in range(len(keys)):
        for k in (1, 2, 3):
            if i + k <= len(keys):
                out.append("".join(keys[i:i + k]))
    return [t for t in out if t]


def _header_seen(spec: TableSpec, lines: list[Line]) -> bool:
    """A table without row labels (表四) is there where its column words are, wrapped or not: half of the words'
    character pairs (结果维持 → 维持, 尚未审结 → 审结) stand in its region."""
    flat = "".join(label_key(ln.text) for ln in lines)
    words = {label_key(c.label.split("·")[-1]) for c in spec.cols}
    pairs = {w[i:i + 2] for w in words for i in range(0, len(w) - 1, 2)}
    return bool(pairs) and sum(p in flat for p in pairs) >= len(pairs) / 2


def _seen(rs: RowSpec, windows: list[str]) -> bool:
    """The row's label is printed, alone or followed by words that are not figures ("2.重复申请 （详见附表）")."""
    n = len(label_key(rs.label))
    heads = [w[:k] for w in windows for k in (n, n + 2) if len(w) > k]
    return label_fit(rs, windows + heads) >= SEEN


def _shown(lines: list[Line], rs: RowSpec) -> str:
    """The printed text of the row where it is found (for the message), shortened."""
    best = max(lines, key=lambda ln: label_fit(rs, [label_key(ln.text)]), default=None)
    text = " ".join(p.text for p in best.pieces if p.text.strip()) if best else ""
    return text if len(text) <= 60 else text[:57] + "…"


def note_cut(report: Report) -> None:
    """One finding per table whose right-hand columns the page's edge cut off (a page wider than the paper)."""
    for table in report.tables.values():
        refs = tuple(CellRef(table.key, r, c) for r, row in table.cells.items() for c, cell in row.items() if cell.cut)
        if not refs:
            continue
        cols = list(dict.fromkeys(ref.col for ref in refs))
        names = "、".join(f"“{col_name(report, table.key, c)}”" for c in cols)
        report.reading.append(Finding(
            CUT_OFF, Severity.WARNING,
            f"{table_name(table.key)}比页面宽，右侧被截去：{names}列（共 {len(refs)} 个单元格）没有印在页面上，"
            "未能读取，也未核对；请用原文件，或缩小比例后重新打印成 PDF", table.key, refs))


def note_unread(report: Report, fmt: FormatSpec, regions: dict[str, list[Line]]) -> None:
    """Add a reading finding for each row (or table) the report prints that no cell was read for."""
    note_cut(report)
    for spec in fmt.tables.values():
        lines = regions.get(spec.key) or []
        if not lines:
            continue
        windows = _windows(lines)
        table = report.tables.get(spec.key)
        name = table_name(spec.key)
        if table is None:
            # a table of one row (表四) is known by its column words, the others by their row labels
            if any(_seen(rs, windows) for rs in spec.rows) or (len(spec.rows) == 1 and _header_seen(spec, lines)):
                report.reading.append(Finding(
                    TABLE_UNREAD, Severity.WARNING,
                    f"报告中有{name}，但读不出其中的数字（表格可能残缺、是图片或版式特殊），这张表未能核对，请核对原文",
                    spec.key))
            continue
        for rs in spec.rows:
            if rs.key in table.cells or not _seen(rs, windows):
                continue
            report.reading.append(Finding(
                ROW_UNREAD, Severity.WARNING,
                f"{name}“{rs.printed}”行在报告中找得到（“{_shown(lines, rs)}”），但读不出它的数字，"
                "这一行未能核对，请核对原文", spec.key, (CellRef(spec.key, rs.key, spec.cols[-1].key),)))
