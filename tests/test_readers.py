"""Every reader on reports made here by several producers' layouts: every cell must come back as written."""

from __future__ import annotations

import pytest

from gdchecker.locate import locate
from gdchecker.model import Severity
from gdchecker.read import read
from gdchecker.rules import check
from tests.makers import iter_cells, make_values, write_docx, write_html, write_pdf, write_text

VARIANTS = {
    "pdf-ruled": (write_pdf, ".pdf", {}),
    "pdf-unruled": (write_pdf, ".pdf", {"ruled": False}),
    "pdf-split-pages": (write_pdf, ".pdf", {"split_pages": True}),
    "pdf-split-repeat-header-unruled": (write_pdf, ".pdf", {"split_pages": True, "repeat_header": True, "ruled": False}),
    "pdf-no-merges": (write_pdf, ".pdf", {"merged_cells": False}),
    "pdf-no-wrap": (write_pdf, ".pdf", {"wrap_labels": False, "page_furniture": False}),
    "docx": (write_docx, ".docx", {}),
    "docx-plain": (write_docx, ".docx", {"merged_cells": False, "multi_paragraph_cells": False}),
    "html": (write_html, ".html", {}),
    "html-gbk": (write_html, ".htm", {"encoding": "gbk"}),
    "txt-tabs": (write_text, ".txt", {"style": "tabs"}),
    "txt-tabs-gbk-crlf": (write_text, ".txt", {"style": "tabs", "encoding": "gbk"}),
    "txt-spaces": (write_text, ".txt", {"style": "spaces"}),
    "md-gb18030": (write_text, ".md", {"style": "markdown", "encoding": "gb18030"}),
    "md-utf8-bom": (write_text, ".md", {"style": "markdown", "bom": True}),
}
YEARS = {"2019": 2020, "2021": 2023}


def _wrong_cells(report, values) -> list[str]:
    bad = []
    for t, r, c, want in iter_cells(values):
        table = report.tables.get(t)
        got = table.value(r, c) if table else None
        if got != want and not (isinstance(want, float) and isinstance(got, float) and abs(got - want) < 1e-9):
            bad.append(f"{t}.{r}.{c}: want {want} got {got}")
    return bad


@pytest.mark.parametrize("version", sorted(YEARS))
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_cell_read(tmp_path, variant, version):
    writer, ext, kw = VARIANTS[variant]
    values = make_values(version, seed=7)
    path = tmp_path / f"report{ext}"
    writer(str(path), version, YEARS[version], "某市交通运输局", values, **kw)
    report = locate(read(str(path)))
    assert _wrong_cells(report, values) == []
    assert report.format_version == version
    assert report.year == YEARS[version]
    assert report.agency == "某市交通运输局"
    findings = check(report)
    assert [f.message for f in findings if f.severity != Severity.INFO] == []


@pytest.mark.parametrize("variant", ["pdf-ruled", "pdf-unruled", "docx", "html", "txt-tabs", "md-gb18030"])
def test_blank_cells_stay_blank(tmp_path, variant):
    writer, ext, kw = VARIANTS[variant]
    values = make_values("2021", seed=11)
    blanks = [("applications", "granted", "research"), ("applications", "carry_forward", "total"),
              ("review_litigation", "count", "suit_direct.pending")]
    for t, r, c in blanks:
        values[t][r][c] = 0 if c != "total" else values[t][r][c]
    path = tmp_path / f"report{ext}"
    writer(str(path), "2021", 2022, "某县人民政府", values, blanks=blanks, **kw)
    report = locate(read(str(path)))
    for t, r, c in blanks:
        cell = report.tables[t].cell(r, c)
        assert cell is not None and cell.blank and cell.value is None, (t, r, c, cell)
    findings = check(report)
    keys = {(f.code, c.table, c.row, c.col) for f in findings for c in f.cells}
    assert ("values.blank", "applications", "granted", "research") in keys
    # a blank 总计 whose parts are not all 0 is an error at that cell
    if values["applications"]["carry_forward"]["total"]:
        assert ("applications.row_total", "applications", "carry_forward", "total") in {f.key() for f in findings}
