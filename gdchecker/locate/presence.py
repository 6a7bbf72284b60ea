"""What the report prints but could not be read: a row whose label is there without figures that could be placed,
a table whose heading is there without rows. These are reading findings (warnings), never `structure.missing_*`:
that code means the report really lacks the row or table."""

from __future__ import annotations

from dataclasses import dataclass

from gdchecker.cellvalue import looks_like_value, parse_value
from gdchecker.formats import FormatSpec, RowSpec, TableSpec, load
from gdchecker.locate.align import label_fit
from gdchecker.model import CellRef, Finding, Report, Severity
from gdchecker.names import col_name, table_name
from gdchecker.read.document import Line
from gdchecker.textnorm import label_key

SEEN = 0.78  # how well a line of the table must print a row's label for the row to count as present (wrapped labels
# in one-cell-a-line text come with stray characters of the cell beside them: “无法提 … 另行 / 供 / 制作”)
ROW_UNREAD = "reading.row_unread"
TABLE_UNREAD = "reading.table_unread"
CUT_OFF = "reading.cut_off"
LONG = 80  # characters of label text a wrapped label is looked for in (twice the longest label, and some)


@dataclass
class Windows:
    """The region's label text: each line alone and joined with the next one or two (a label wrapped in a narrow
    cell), and from each line on as many lines as make LONG characters (a long label wrapped in a narrow cell, around
    the words of the cell beside it)."""

    short: list[str]
    long: list[str]


def windows(lines: list[Line]) -> Windows:
    keys = [label_key("".join(p.text for p in ln.pieces if not looks_like_value(p.text))) for ln in lines]
    keys = [k for k in keys if k]
    short = ["".join(keys[i:i + k]) for i in range(len(keys)) for k in (1, 2, 3) if i + k <= len(keys)]
    # a label written a character a line keeps the characters that alone would be blank marks (无, 空)
    chars = [label_key("".join(p.text for p in ln.pieces if parse_value(p.text).value is None)) for ln in lines]
    chars = [k for k in chars if k]
    long = []
    for i in range(len(chars)):
        j, text = i, ""
        while j < len(chars) and len(text) < LONG:
            text, j = text + chars[j], j + 1
        long.append(text)
    return Windows(short, long)


def _header_seen(spec: TableSpec, lines: list[Line]) -> bool:
    """A table without row labels (表四) is there where its column words are, wrapped or not: half of the words'
    character pairs (结果维持 → 维持, 尚未审结 → 审结, 复议后起诉 → 后起) stand in its region."""
    flat = "".join(label_key(ln.text) for ln in lines)
    # the column words and the group words above them (行政复议, 未经复议直接起诉): a header printed one character a
    # line (a tall narrow cell) keeps its group words whole
    words = {label_key(w) for c in spec.cols for w in [c.label, *(c.group or "").split("·")] if w}
    pairs = {w[i:i + 2] for w in words for i in range(0, len(w) - 1, 2)}
    return bool(pairs) and sum(p in flat for p in pairs) >= len(pairs) / 2


def seen(rs: RowSpec, wins: Windows) -> bool:
    """The row's label is printed, alone or followed by words that are not figures ("2.重复申请 （详见附表）"), or
    wrapped around the words of the cell beside it (one-cell-a-line text: "1.信访举报投 / 予处理 / 诉类申请")."""
    key = label_key(rs.label)
    n = len(key)
    heads = [w[:k] for w in wins.short for k in (n, n + 2) if len(w) > k]
    return label_fit(rs, wins.short + heads) >= SEEN or (n >= 4 and any(_in_runs(key, w) for w in wins.long))


def _in_runs(label: str, text: str) -> bool:
    """The label stands in the text in order, in runs of two characters each on average (a label wrapped in a
    narrow cell, its lines between the figures: “1.本 / 机关 / 不掌 / 握相 …”), the text not much longer than it."""
    text = text[:2 * len(label) + 12]
    most = max(3, len(label) // 2)
    pos, rest, runs = 0, label, 0
    while rest:
        k = len(rest)
        while k >= 1 and text.find(rest[:k], pos) < 0:
            k -= 1
        if k < 1 or runs == most:
            return False
        pos = text.find(rest[:k], pos) + k
        rest, runs = rest[k:], runs + 1
    return True


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
        wins = windows(lines)
        table = report.tables.get(spec.key)
        name = table_name(spec.key)
        if table is None:
            # a table of one row (表四) is known by its column words, the others by their row labels
            if any(seen(rs, wins) for rs in spec.rows) or (len(spec.rows) == 1 and _header_seen(spec, lines)):
                report.reading.append(Finding(
                    TABLE_UNREAD, Severity.WARNING,
                    f"报告中有{name}，但读不出其中的数字（表格可能残缺、是图片或版式特殊），这张表未能核对，请核对原文",
                    spec.key))
            continue
        # the rows of the layout the table was read in (a 2019-layout 表三 in a 2021 report has its own rows)
        drawn = load(table.format_version).tables.get(spec.key, spec) if table.format_version else spec
        for rs in drawn.rows:
            if rs.key in table.cells or not seen(rs, wins):
                continue
            report.reading.append(Finding(
                ROW_UNREAD, Severity.WARNING,
                f"{name}“{rs.printed}”行在报告中找得到（“{_shown(lines, rs)}”），但读不出它的数字，"
                "这一行未能核对，请核对原文", spec.key, (CellRef(spec.key, rs.key, spec.cols[-1].key),)))
