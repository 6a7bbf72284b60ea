"""表二 as local reports print it: blocks without a column or with an added one, columns named by the year or with a
slip, amounts written with a unit, captions and headers printed otherwise or not at all.

Each variant is a whole report (表三, 表四 and the prose from tests/makers) whose 表二 grid is replaced by the variant,
written as a web page, as tab text and as a PDF. Findings are compared as (code, table, row, col); a report that has
no error must get no error finding.
"""

from __future__ import annotations

from collections import Counter

import pytest

from gdchecker.cellvalue import parse_value
from gdchecker.check import check_file
from gdchecker.locate import blocks
from gdchecker.model import Severity
from tests.makers import docx as D
from tests.makers import grid as G
from tests.makers import html as H
from tests.makers import iter_cells, make_values, write_docx, write_html, write_pdf, write_text
from tests.makers import pdf as P
from tests.makers import text as T

# A block as printed: its caption (None: no caption row), its header (the label column's header first, "" for an
# empty cell; None: no header row) and its rows (label, the cell texts as printed).
Block = tuple[str | None, list[str] | None, list[tuple[str, list[str]]]]

PUTIAN_2019: list[Block] = [
    ("第二十条第(一)项", ["信息内容", "本年新作数量", "本年新公开数量", "对外公开总数量"],
     [("规章", ["2", "2", "31"]), ("规范性文件", ["15", "12", "340"])]),
    ("第二十条第五项", ["信息内容", "2019年项目数量", "处理决定数量"],
     [("行政许可", ["120", "3400"]), ("其他对外管理服务事项", ["15", "60"])]),
    ("《条例》第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政处罚", ["9", "+2", "517"]), ("行政强制", ["1", "0", "12"])]),
    ("第二十条（八）", ["信息内容", "上一年项目数量", "本年增/减"], [("行政事业性收费", ["3", "-1"])]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [("政府集中采购", ["14", "120190475.34元"])]),
]
PUTIAN_2019_CELLS = {
    ("active_20_1", "regulation"): {"made": 2, "published": 2, "total_public": 31},
    ("active_20_1", "normative"): {"made": 15, "published": 12, "total_public": 340},
    ("active_20_5", "license"): {"prev_items": 120, "decisions": 3400},
    ("active_20_5", "other_service"): {"prev_items": 15, "decisions": 60},
    ("active_20_6", "penalty"): {"prev_items": 9, "change": 2, "decisions": 517},
    ("active_20_6", "coercion"): {"prev_items": 1, "change": 0, "decisions": 12},
    ("active_20_8", "fee"): {"prev_items": 3, "change": -1},
    ("active_20_9", "procurement"): {"items": 14, "amount": 120190475.34},
}

LOCAL_2021: list[Block] = [
    (None, ["", "本年制发件数", "本年废止件数", "现行有效件数", "小计"],
     [("规章", ["1", "0", "12", "13"]), ("行政规范性文件", ["7", "2", "45", "54"])]),
    ("第二十条第(五)项", ["信息内容", "本年处理决定数量"], [("行政许可", ["1,234"])]),
    ("第二十条第六项", ["信息内容", "本年处理决定数量"], [("行政处罚", ["56"]), ("行政强制", ["0"])]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", ["16万"])]),
]
LOCAL_2021_CELLS = {
    ("active_20_1", "regulation"): {"issued": 1, "repealed": 0, "in_force": 12},
    ("active_20_1", "normative"): {"issued": 7, "repealed": 2, "in_force": 45},
    ("active_20_5", "license"): {"decisions": 1234},
    ("active_20_6", "penalty"): {"decisions": 56},
    ("active_20_6", "coercion"): {"decisions": 0},
    ("active_20_8", "fee"): {"amount": 16},
}

# captions and headers left out, the columns printed in another order, amounts with their units
SPARSE_2019: list[Block] = [
    ("第二十条（一）", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("规章", ["0", "0", "8"]), ("规范性文件", ["3", "3", "96"])]),
    (None, ["", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", ["88", "-3", "1520"]), ("其他对外管理服务事项", ["4", "+1", "33"])]),
    ("第二十条第（六）项", None, [("行政处罚", ["21", "0", "340"]), ("行政强制", ["2", "0", "5"])]),
    ("第二十条第（八）项", ["信息内容", "本年增/减", "上一年项目数量"], [("行政事业性收费", ["+2", "6"])]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额（万元）"], [("政府集中采购", ["3", "251000元"])]),
]
SPARSE_2019_CELLS = {
    ("active_20_1", "regulation"): {"made": 0, "published": 0, "total_public": 8},
    ("active_20_1", "normative"): {"made": 3, "published": 3, "total_public": 96},
    ("active_20_5", "license"): {"prev_items": 88, "change": -3, "decisions": 1520},
    ("active_20_5", "other_service"): {"prev_items": 4, "change": 1, "decisions": 33},
    ("active_20_6", "penalty"): {"prev_items": 21, "change": 0, "decisions": 340},
    ("active_20_6", "coercion"): {"prev_items": 2, "change": 0, "decisions": 5},
    ("active_20_8", "fee"): {"prev_items": 6, "change": 2},
    ("active_20_9", "procurement"): {"items": 3, "amount": 251000},
}

# an amount in the column's own unit is no news; a count written in 万 is named, not called a fraction
PLAIN_UNITS_2021: list[Block] = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", ["0", "0", "4"]), ("行政规范性文件", ["2", "1", "30"])]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", ["13.5万件"])]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("行政处罚", ["12"]), ("行政强制", ["1"])]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", ["1,234.5万元"])]),
]
PLAIN_UNITS_2021_CELLS = {
    ("active_20_1", "regulation"): {"issued": 0, "repealed": 0, "in_force": 4},
    ("active_20_1", "normative"): {"issued": 2, "repealed": 1, "in_force": 30},
    ("active_20_5", "license"): {"decisions": 13.5},  # 13.5万件: kept as printed, the unit named, not an error
    ("active_20_6", "penalty"): {"decisions": 12},
    ("active_20_6", "coercion"): {"decisions": 1},
    ("active_20_8", "fee"): {"amount": 1234.5},
}

# a caption printed in the header's first cell, columns in another order, an added column, a block of one column
MERGED_2019: list[Block] = [
    ("《条例》第二十条第(一)项", ["信息内容", "对外公开总数量", "本年新制作数量", "本年新公开数量"],
     [("规章", ["50", "6", "5"]), ("规范性文件", ["210", "17", "17"])]),
    (None, ["第二十条第（五）项", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", ["64", "+5", "902"]), ("其他对外管理服务事项", ["7", "-2", "41"])]),
    ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "合计"],
     [("行政处罚", ["10", "+1", "20", "31"]), ("行政强制", ["2", "0", "3", "5"])]),
    ("第二十条第（八）项", ["信息内容", "上一年项目数量"], [("行政事业性收费", ["5"])]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额（元）"], [("政府集中采购", ["2", "251000元"])]),
]
MERGED_2019_CELLS = {
    ("active_20_1", "regulation"): {"made": 6, "published": 5, "total_public": 50},
    ("active_20_1", "normative"): {"made": 17, "published": 17, "total_public": 210},
    ("active_20_5", "license"): {"prev_items": 64, "change": 5, "decisions": 902},
    ("active_20_5", "other_service"): {"prev_items": 7, "change": -2, "decisions": 41},
    ("active_20_6", "penalty"): {"prev_items": 10, "change": 1, "decisions": 20},
    ("active_20_6", "coercion"): {"prev_items": 2, "change": 0, "decisions": 3},
    ("active_20_8", "fee"): {"prev_items": 5},
    ("active_20_9", "procurement"): {"items": 2, "amount": 251000},
}

# no caption anywhere, and section 二's heading in a shorter wording
BARE_2021: list[Block] = [(None, header, rows) for _, header, rows in PLAIN_UNITS_2021]
BARE_HEADING = "二、主动公开政府信息"

VARIANTS = {
    # name: (format version, report year, blocks, cells, the warnings, the notes)
    "putian-2019": ("2019", 2019, PUTIAN_2019, PUTIAN_2019_CELLS,
                    [("structure.local_columns", "active_20_5", "license", "change")],
                    [("reading.unit", "active_20_9", "procurement", "amount")]),
    "local-2021": ("2021", 2022, LOCAL_2021, LOCAL_2021_CELLS,
                   [("structure.extra_column", "active_20_1", None, None)],
                   [("reading.unit", "active_20_8", "fee", "amount")]),
    "sparse-2019": ("2019", 2020, SPARSE_2019, SPARSE_2019_CELLS, [],
                    [("reading.unit", "active_20_9", "procurement", "amount")]),
    "plain-units-2021": ("2021", 2023, PLAIN_UNITS_2021, PLAIN_UNITS_2021_CELLS, [],
                         [("reading.unit", "active_20_5", "license", "decisions")]),
    "bare-2021": ("2021", 2023, BARE_2021, PLAIN_UNITS_2021_CELLS, [],
                  [("reading.unit", "active_20_5", "license", "decisions")]),
    "merged-2019": ("2019", 2020, MERGED_2019, MERGED_2019_CELLS,
                    [("structure.extra_column", "active_20_6", None, None),
                     ("structure.local_columns", "active_20_8", "fee", "change")], []),
}


def active_grid(blocks_: list[Block]) -> G.Grid:
    """The 表二 grid of the blocks: one column for the labels, as many as the widest block for the figures (at least
    three); a block with one figure column spans it over all, a narrower one leaves the rest empty."""
    width = max(3, *(len(r) for _, _, rows in blocks_ for _, r in rows))
    g = G.Grid("active", 1 + width)

    def line(kind: str, label: str, texts: list[str], tag: str) -> None:
        r = g.n_rows
        g.cells.append(G.Cell(r, 0, label, "header" if kind == "header" else "label"))
        cell_kind = "header" if kind == "header" else "value"
        if len(texts) == 1:
            g.cells.append(G.Cell(r, 1, texts[0], cell_kind, 1, width))
        else:
            g.cells += [G.Cell(r, 1 + i, t, cell_kind if t else "empty") for i, t in enumerate(texts)]
            g.cells += [G.Cell(r, c, "", "empty") for c in range(1 + len(texts), 1 + width)]
        g.tags.append(tag)

    for k, (caption, header, rows) in enumerate(blocks_):
        if caption is not None:
            g.cells.append(G.Cell(g.n_rows, 0, caption, "caption", 1, 1 + width))
            g.tags.append(f"caption:{k}")
        if header is not None:
            line("header", header[0], header[1:], f"header:{k}")
        for label, texts in rows:
            line("data", label, texts, f"data:{k}.{label}")
    g.check()
    return g


def _patch(monkeypatch: pytest.MonkeyPatch, table: G.Grid, heading: str | None = None) -> None:
    """The makers write the report with `table` in place of their own 表二 (and `heading` for section 二's)."""

    def swap(kind: str, item: object) -> object:
        if isinstance(item, G.Grid) and item.name == "active":
            return table
        return heading if heading is not None and kind == "heading" and item == G.L.SECTION_HEADINGS[1] else item

    def document(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        return [(kind, swap(kind, item)) for kind, item in G.document(*args, **kwargs)]

    for module in (H, T, P, D):
        monkeypatch.setattr(module, "document", document)
    widths = P._widths

    def pdf_widths(name: str, version: str, merged: bool, wrap: bool) -> list[float]:
        if name != "active":
            return widths(name, version, merged, wrap)
        rest = 75.0 * (table.n_cols - 1)
        return [P.WIDTH - rest, *[75.0] * (table.n_cols - 1)]

    monkeypatch.setattr(P, "_widths", pdf_widths)


def write_cells(path: str, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
    """Text copied from a web page one cell a line (empty cells dropped)."""
    write_text(path, *args, style="tabs", **kwargs)
    with open(path, encoding="utf-8") as f:
        cells = [c.strip() for line in f.read().splitlines() for c in line.split("\t")]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(c for c in cells if c))


MAKERS = {
    "html": (write_html, "html", {}),
    "tabs": (write_text, "txt", {"style": "tabs"}),
    "spaces": (write_text, "txt", {"style": "spaces"}),
    "cells": (write_cells, "txt", {}),
    "docx": (write_docx, "docx", {}),
    "pdf": (write_pdf, "pdf", {}),
    "pdf-unruled": (write_pdf, "pdf", {"ruled": False}),
    "pdf-no-wrap": (write_pdf, "pdf", {"wrap_labels": False}),
}


def _check(tmp_path, monkeypatch, variant: str, maker: str):  # noqa: ANN001, ANN202
    version, year, blocks_, want, warnings, notes = VARIANTS[variant]
    values = make_values(version, 7)
    _patch(monkeypatch, active_grid(blocks_), BARE_HEADING if blocks_ is BARE_2021 else None)
    write, ext, kw = MAKERS[maker]
    path = tmp_path / f"{variant}.{ext}"
    write(str(path), version, year, "莆田市某局", values, **kw)
    res = check_file(str(path))
    assert res.error is None, res.error
    return res.report, res.findings, values, want, warnings, notes


@pytest.mark.parametrize("maker", list(MAKERS))
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_blocks_read_by_their_header(tmp_path, monkeypatch, variant, maker):
    report, findings, values, want, warnings, notes = _check(tmp_path, monkeypatch, variant, maker)
    # 表二: every printed cell under the column its header names, the columns not printed absent
    got = {(t, r): {c: cell.value for c, cell in row.items()} for t, table in report.tables.items()
           if t.startswith("active_") for r, row in table.cells.items()}
    assert got == want
    # the rest of the report is read as written
    assert [(t, r, c) for t, r, c, v in iter_cells(values) if not t.startswith("active_")
            and report.tables[t].value(r, c) != v] == []
    assert [f.message for f in findings if f.severity is Severity.ERROR] == []
    assert Counter(f.key() for f in findings if f.severity is Severity.WARNING) == Counter(warnings)
    assert Counter(f.key() for f in findings if f.severity is Severity.INFO) == Counter(notes)


def test_the_missing_column_is_named_once_for_the_block(tmp_path, monkeypatch):
    """莆田 2019: one finding for the block, naming both rows' cells; no missing-column error, no short row."""
    _, findings, *_ = _check(tmp_path, monkeypatch, "putian-2019", "html")
    local = [f for f in findings if f.code == "structure.local_columns"]
    assert len(local) == 1
    assert {(c.table, c.row, c.col) for c in local[0].cells} == {("active_20_5", "license", "change"),
                                                                ("active_20_5", "other_service", "change")}
    assert not [f for f in findings if f.code in ("structure.missing_column", "reading.short_row")]


@pytest.mark.parametrize("maker", ["html", "tabs", "pdf"])
def test_units_are_kept_in_the_cell(tmp_path, monkeypatch, maker):
    report, *_ = _check(tmp_path, monkeypatch, "local-2021", maker)
    fee = report.tables["active_20_8"].cell("fee", "amount")
    assert (fee.value, fee.unit, fee.invalid) == (16, "万", False)
    report, *_ = _check(tmp_path, monkeypatch, "putian-2019", maker)
    amount = report.tables["active_20_9"].cell("procurement", "amount")
    assert (amount.value, amount.unit) == (120190475.34, "元")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("16万", 16, "万"), ("16万元", 16, "万元"), ("120190475.34元", 120190475.34, "元"), ("251000元", 251000, "元"),
    ("1,234.5万元", 1234.5, "万元"), ("16 万", 16, "万"), ("3亿元", 3, "亿元"), ("1.2万件", 1.2, "万件"),
])
def test_amounts_with_units_are_values(text, value, unit):
    p = parse_value(text)
    assert (p.value, p.unit, p.invalid, p.blank) == (value, unit, False, False)


@pytest.mark.parametrize(("printed", "label"), [
    ("2019年项目数量", "上一年项目数量"), ("上年项目数量", "上一年项目数量"), ("本年新作数量", "本年新制作数量"),
    ("本年 增/减", "本年增/减"), ("2021年处理决定数量", "本年处理决定数量"), ("收费金额（万元）", "本年收费金额（单位：万元）"),
    ("本年新\n制作数量", "本年新制作数量"),
])
def test_header_words_name_their_column(printed, label):
    assert blocks.fit(printed, label) >= blocks.MATCH


@pytest.mark.parametrize(("printed", "label"), [
    ("小计", "本年新制作数量"), ("处理决定数量", "上一年项目数量"), ("本年废止件数", "本年制发件数"), ("信息内容", "采购总金额"),
])
def test_header_words_do_not_name_another_column(printed, label):
    assert blocks.fit(printed, label) < blocks.MATCH


def test_a_block_without_a_column_in_text_that_merged_repeats(tmp_path, monkeypatch):
    """The crawler text of a web page that writes one cell a line and drops a line equal to the one before (the
    莆田 page.txt): “行政许可 0 0” comes out as “行政许可 0”. The column not printed is still named once, the row
    that cannot be placed stays empty with a warning, the full row is read, and nothing is called an error."""
    blocks_ = [list(b) for b in PUTIAN_2019]
    blocks_[1][2] = [("行政许可", ["0", "0"]), ("其他对外管理服务事项", ["15", "60"])]
    _patch(monkeypatch, active_grid([tuple(b) for b in blocks_]))
    path = tmp_path / "collapsed.txt"
    write_text(str(path), "2019", 2019, "莆田市某局", make_values("2019", 7), style="tabs")
    cells = [c.strip() for line in path.read_text(encoding="utf-8").splitlines() for c in line.split("\t")]
    cells = [c for c in cells if c]
    path.write_text("\n".join(c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]), encoding="utf-8")
    res = check_file(str(path))
    t = res.report.tables["active_20_5"]
    assert {c: cell.value for c, cell in t.cells["other_service"].items()} == {"prev_items": 15, "decisions": 60}
    assert "change" not in t.cells["license"] and t.value("license", "prev_items") is None
    active = [f for f in res.findings if (f.table or "").startswith("active_")]
    assert not [f for f in active if f.severity is Severity.ERROR]
    assert [f.key() for f in active if f.code == "structure.local_columns"] == [
        ("structure.local_columns", "active_20_5", "license", "change")]
    assert any(f.severity is Severity.WARNING and f.key()[1:3] == ("active_20_5", "license") and
               f.code.startswith("reading.") for f in active)
    assert not [f for f in res.findings if f.code == "structure.missing_column"]
