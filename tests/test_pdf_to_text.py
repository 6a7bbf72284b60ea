"""Text made from a PDF by a PDF-to-text pass: positions in the text tell nothing of the columns, and one cell a
line loses the blanks. What cannot be placed is a reading finding, never an error of the report."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from gdchecker.locate import locate
from gdchecker.model import Severity
from gdchecker.read import read
from gdchecker.rules import check
from tests.makers.html import write_html
from tests.makers.patterns import blank_pattern
from tests.makers.producers import chromium_path, chromium_pdf

PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.skipif(chromium_path() is None or PDFTOTEXT is None, reason="Chromium or pdftotext is not installed")
@pytest.mark.parametrize("version,year", [("2019", 2020), ("2021", 2022)])
def test_layout_text_of_a_browser_print_gives_no_false_error(tmp_path, version, year):
    """`pdftotext -layout` shifts the figures after a blank cell into its gap: the rows' figures do not stand
    under their columns, so no blank (and no blank 总计) may be inferred from the gaps."""
    values, blanks, _ = blank_pattern(version, "scattered")
    html = tmp_path / "r.html"
    write_html(html, version, year, "某区卫生健康委员会", values, blanks=blanks)
    pdf = chromium_pdf(html, tmp_path / "r.pdf")
    txt = tmp_path / "r.txt"
    subprocess.run([PDFTOTEXT, "-layout", str(pdf), str(txt)], check=True, timeout=60)
    errors = [f.key() for f in check(locate(read(str(txt)))) if f.severity == Severity.ERROR]
    assert errors == []


def test_one_cell_a_line_running_into_the_next_rows_is_not_read(tmp_path):
    """A label followed by more figures than the table has columns (the blanks were dropped and the next rows'
    figures follow): the row is left unread with a reading warning, not filled from the last seven figures."""
    lines = ["某区卫生健康委员会2020年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
             "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人", "总计",
             "一、本年新收政府信息公开申请数量", *"774 0 0 0 0 0 774".split(),
             "（一）予以公开", *"557 557 0 0 0 0 62 62".split(),
             "（七）总计", *"785 0 0 0 0 0 785".split()]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    findings = check(locate(read(str(path))))
    keys = {f.key() for f in findings}
    assert ("reading.short_row", "applications", "granted", "natural_person") in keys
    assert not any(k[0].endswith(("row_total", "column_total", "balance")) and k[2] == "granted" for k in keys)


# how the same web page comes out of a browser's print: its own header and footer on every page, a larger font,
# tall narrow cells (labels wrapped two characters a line), a landscape page, a wide margin
PRINTS = {
    "header-footer": ("", None, True),
    "font20": ("html { font-size: 20px } body, td, p, span { font-size: 20px !important }", None, False),
    "tall-cells": ("", ('cellpadding="2"', 'cellpadding="28"'), False),
    "landscape-header-footer": ("@page { size: A4 landscape }", None, True),
    "margin": ("@page { size: A4; margin: 2cm }", None, False),
}


@pytest.mark.skipif(chromium_path() is None or PDFTOTEXT is None, reason="Chromium or pdftotext is not installed")
@pytest.mark.parametrize("print_", sorted(PRINTS))
@pytest.mark.parametrize("version,year,pattern", [("2019", 2020, "rows"), ("2021", 2022, "scattered")])
def test_one_cell_a_line_text_of_a_browser_print_gives_no_false_error(tmp_path, print_, version, year, pattern):
    """Plain `pdftotext` writes a browser-printed table one cell a line, in the order the page draws them: labels
    wrapped around the figures and the cells beside them, blanks dropped, the browser's header and footer between
    the rows. Rows that cannot be placed are reading findings; the rows are there and the table's layout is the
    report's (no missing row, no mixed layout, no figure under a wrong column)."""
    css, swap, header_footer = PRINTS[print_]
    values, blanks, _ = blank_pattern(version, pattern)
    html = tmp_path / "r.html"
    write_html(html, version, year, "某区卫生健康委员会", values, blanks=blanks)
    text = html.read_text("utf-8")
    if css:
        text = text.replace("</head>", f"<style>{css}</style></head>", 1)
    if swap:
        text = text.replace(*swap)
    html.write_text(text, "utf-8")
    pdf = chromium_pdf(html, tmp_path / "r.pdf", header_footer=header_footer)
    txt = tmp_path / "r.txt"
    subprocess.run([PDFTOTEXT, str(pdf), str(txt)], check=True, timeout=60)
    report = locate(read(str(txt)))
    errors = [f.key() for f in check(report) if f.severity == Severity.ERROR]
    assert errors == []
    assert report.tables["applications"].format_version == version
    for key, table in report.tables.items():  # every figure read is the one the page prints in that cell
        for row, cells in table.cells.items():
            for col, cell in cells.items():
                if cell.value is not None and (key, row, col) not in blanks:
                    assert cell.value == values[key][row][col], (key, row, col)
