"""Reading by the table's own geometry: ruled PDF cells, empty rows, and what is printed but cannot be read.

A misreading is never the report's error: a row the report prints but the reader cannot place is a reading
finding (reading.row_unread), while a row the report really lacks stays structure.missing_row.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from gdchecker.locate import breaks, locate
from gdchecker.locate.applications import row_total_holds, universe
from gdchecker.locate.rows import Row
from gdchecker.model import Box, Severity
from gdchecker.read import read
from gdchecker.read.document import Piece
from gdchecker.read.pdfgrid import GridCell, GridRow, join_split
from gdchecker.rules import check
from tests.makers import iter_cells, make_values, write_pdf, write_text
from tests.makers import labels as L
from tests.makers.docx import write_docx
from tests.makers.html import write_html
from tests.makers.patterns import blank_pattern
from tests.makers.producers import chromium_path, chromium_pdf, libreoffice, lost_rows, soffice_path

A = "applications"
EMPTY_ROWS = ("denied.state_secret", "not_processed.excessive")


def _zero_rows(version: str) -> tuple[dict, list[tuple[str, str, str]]]:
    """Values with two 表三 rows and the whole 表四 all zero, and those cells printed empty."""
    v = make_values(version, seed=7)
    app = v[A]
    for r in EMPTY_ROWS:
        for c in app[r]:
            app[r][c] = 0
    for c in app["total"]:
        app["total"][c] = sum(app[x][c] for x in L.outcome_row_keys(version))
        app["carry_forward"][c] = app["new_received"][c] + app["carried_over"][c] - app["total"][c]
    for k in v["review_litigation"]["count"]:
        v["review_litigation"]["count"][k] = 0
    blanks = [(A, r, c) for r in EMPTY_ROWS for c in app[r]]
    blanks += [("review_litigation", "count", k) for k in v["review_litigation"]["count"]]
    return v, blanks


def _wrong(report, values, blanks) -> list[str]:
    blank = set(blanks)
    out = []
    for t, r, c, want in iter_cells(values):
        got = report.tables[t].value(r, c) if t in report.tables else "no table"
        want = None if (t, r, c) in blank else want
        if got != want and not (isinstance(want, float) and isinstance(got, float) and abs(got - want) < 1e-9):
            out.append(f"{t}.{r}.{c}: {got!r} != {want!r}")
    return out


@pytest.mark.parametrize("version,year", [("2019", 2020), ("2021", 2022)])
def test_ruled_pdf_empty_rows_are_rows(tmp_path, version, year):
    """A ruled table's row with every cell empty is read as a row of blanks, 表四 all blank as 15 blanks."""
    values, blanks = _zero_rows(version)
    pdf = tmp_path / "r.pdf"
    write_pdf(pdf, version, year, "某区卫生健康委员会", values, blanks=blanks)
    report = locate(read(str(pdf)))
    assert _wrong(report, values, blanks) == []
    findings = check(report)
    assert [f.key() for f in findings if f.severity == Severity.ERROR] == []
    blank_rows = {c.row for f in findings if f.code == "values.blank" for c in f.cells}
    assert set(EMPTY_ROWS) <= blank_rows and "count" in blank_rows
    assert any("整行空白" in f.message for f in findings if f.code == "values.blank")


@pytest.mark.parametrize("version,year", [("2019", 2020), ("2021", 2022)])
def test_ruled_pdf_blank_total_is_the_reports_error(tmp_path, version, year):
    """A blank 总计 beside non-zero parts (a real published error) is an error at that cell."""
    values = make_values(version, seed=7)
    pdf = tmp_path / "r.pdf"
    write_pdf(pdf, version, year, "某区卫生健康委员会", values, blanks=[(A, "granted", "total")])
    report = locate(read(str(pdf)))
    assert report.tables[A].cell("granted", "total").blank
    errors = [f for f in check(report) if f.severity == Severity.ERROR]
    assert ("applications.row_total", A, "granted", "total") in {f.key() for f in errors}
    assert all((A, "granted", "total") in {(c.table, c.row, c.col) for c in f.cells} for f in errors)


@pytest.mark.parametrize("version,year", [("2019", 2020), ("2021", 2022)])
def test_unruled_pdf_empty_row_takes_no_neighbours_figures(tmp_path, version, year):
    """Without rules, a label alone on a line beside a wrapped label must not take the figures of the row above;
    where it cannot be told, the row is a reading warning, never a missing-row or sum error."""
    values, blanks = _zero_rows(version)
    pdf = tmp_path / "r.pdf"
    write_pdf(pdf, version, year, "某区卫生健康委员会", values, blanks=blanks, ruled=False)
    report = locate(read(str(pdf)))
    wrong = _wrong(report, values, blanks)
    # every figure the report prints is in its own cell: what is wrong is only left unread (None)
    assert all(w.endswith("!= None") or " None != " in w or "no table" in w for w in wrong), wrong
    assert report.tables[A].cells["partial"]["total"].value == values[A]["partial"]["total"]
    findings = check(report)
    assert [f.key() for f in findings if f.severity == Severity.ERROR] == []
    unread = {f.key()[1:3] for f in findings if f.code.startswith("reading.") and f.severity == Severity.WARNING}
    missing_rows = {(t, r) for t, r in unread if r is not None}
    assert {(A, r) for r in EMPTY_ROWS} - missing_rows - {(A, r) for r in report.tables[A].cells} == set()


def test_printed_but_unreadable_row_is_a_reading_finding(tmp_path):
    """A row whose label is printed but whose cells hold no figures that can be placed: reading, not missing."""
    values = make_values("2021", seed=3)
    path = tmp_path / "r.txt"
    write_text(path, "2021", 2022, "某区卫生健康委员会", values)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    i = next(k for k, ln in enumerate(lines) if "重复申请" in ln and "\t" in ln)
    lines[i] = lines[i].split("重复申请")[0] + "重复申请\t（详见附表）"
    path.write_text("\n".join(lines), encoding="utf-8")
    findings = check(locate(read(str(path))))
    keys = {f.key() for f in findings}
    assert ("reading.row_unread", A, "not_processed.duplicate", "total") in keys
    assert not any(k[0] == "structure.missing_row" and k[2] == "not_processed.duplicate" for k in keys)


def test_really_missing_row_is_still_missing(tmp_path):
    """The safety net does not hide a row the report really lacks."""
    values = make_values("2021", seed=3)
    path = tmp_path / "r.txt"
    write_text(path, "2021", 2022, "某区卫生健康委员会", values)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ("重复申请" in ln and "\t" in ln)]
    path.write_text("\n".join(lines), encoding="utf-8")
    keys = {f.key() for f in check(locate(read(str(path))))}
    assert ("structure.missing_row", A, "not_processed.duplicate", "total") in keys
    assert not any(k[0] == "reading.row_unread" for k in keys)


@pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")
def test_browser_pdf_prints_nothing_on_stderr(tmp_path):
    """Chromium's PDFs make pdfminer warn about fonts; the user sees only the tool's own output."""
    html = tmp_path / "r.html"
    write_html(html, "2021", 2022, "某区卫生健康委员会", make_values("2021", seed=2))
    pdf = chromium_pdf(html, tmp_path / "r.pdf")
    run = subprocess.run([sys.executable, "-m", "gdchecker", "check", str(pdf)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stdout
    assert run.stderr == ""


def _row(texts: list[str], top: float, **kw) -> GridRow:
    cells = [GridCell((40.0 * i, top, 40.0 * (i + 1), top + 20), t) for i, t in enumerate(texts)]
    return GridRow(cells, top, **kw)


def test_row_split_by_a_page_break_is_joined():
    """The figures at the foot of one page and the label at the head of the next are one row."""
    a = _row(["", "5", "0", "5"], 700, open_bottom=True)
    b = _row(["（六）其他处理", "", "", ""], 40, open_top=True)
    assert join_split(a, b)
    assert [c.text for c in a.cells] == ["（六）其他处理", "5", "0", "5"]


def test_two_whole_rows_at_a_page_break_stay_two():
    """Two rows that each print figures only lack the rule at the break: joining them would glue 3 and 0 into 30."""
    a = _row(["1.属于国家秘密", "3", "0", "3"], 700, open_bottom=True)
    b = _row(["2.其他法律行政法规禁止公开", "0", "1", "1"], 40, open_top=True)
    assert not join_split(a, b)
    assert [c.text for c in a.cells] == ["1.属于国家秘密", "3", "0", "3"]


def _located(label: str, texts: list[str], page: int, **kw) -> Row:
    pieces = [Piece(t, 40.0 * i, Box(page, 40.0 * i, 0, 40.0 * (i + 1), 20)) for i, t in enumerate(texts)]
    return Row(page, label, pieces, page, True, page * 100, **kw)


def test_figure_pushed_over_a_page_break_is_joined():
    """LibreOffice splits a row and rules both parts: "157" at the foot of a page and "6" at the head of the next
    are the one figure 1576, because only 1576 makes the row's total hold."""
    a = _located("（七）总计", ["785", "491", "0", "0", "165", "135", "157"], 3)
    b = _located("", ["", "", "", "", "", "", "6"], 4, after_break=True)
    rows = breaks.join_breaks([a, b], universe(), row_total_holds)
    assert rows == [a] and a.tokens[-1].text == "1576"


def test_figures_that_add_up_are_not_glued_to_the_next_page():
    """"557 … 557" at the foot and "0 … 0" at the head are two rows: the first row's total already holds."""
    a = _located("（一）予以公开", ["557", "0", "0", "0", "0", "0", "557"], 5)
    b = _located("", ["0", "", "", "", "", "", "0"], 6, after_break=True)
    assert breaks.join_breaks([a, b], universe(), row_total_holds) == [a, b]
    assert a.tokens[0].text == "557"


def test_label_pushed_over_a_page_break_is_joined():
    """"8.属于" with the figures at the foot, "行政查询事项" over empty cells at the head: one row."""
    a = _located("8.属于", ["0", "1309", "0", "0", "102", "204", "1615"], 3)
    b = _located("行政查询事项", ["", "", "", "", "", "", ""], 4, after_break=True)
    assert breaks.join_breaks([a, b], universe(), row_total_holds) == [a]
    assert a.label == "8.属于行政查询事项"


def test_empty_row_at_a_page_top_stays_a_row():
    a = _located("3.危及“三安全一稳定”", ["3", "0", "0", "0", "0", "0", "3"], 3)
    b = _located("4.保护第三方合法权益", ["", "", "", "", "", "", ""], 4, after_break=True)
    assert breaks.join_breaks([a, b], universe(), row_total_holds) == [a, b]


def test_ruled_label_only_row_at_a_page_top_stays_a_row():
    """A ruled row with a label and empty cells at the head of a page is a row of its own (an empty row)."""
    a = _row(["3.危及“三安全一稳定”", "3", "0", "3"], 760)
    b = _row(["4.保护第三方合法权益", "", "", ""], 40)
    assert not join_split(a, b)


def _scaled(version: str, pattern: str, k: int = 17):
    """A blank pattern with every 表三/表四 figure times k (the sums still hold; the figures get wide enough to
    wrap in LibreOffice's narrow cells)."""
    values, blanks, expected = blank_pattern(version, pattern)
    for t in ("applications", "review_litigation"):
        for cols in values[t].values():
            for c, v in cols.items():
                if isinstance(v, int):
                    cols[c] = v * k
    return values, blanks


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("version,year", [("2019", 2020), ("2021", 2022)])
@pytest.mark.parametrize("source", ["docx", "narrow-html"])
def test_libreoffice_rows_split_by_page_breaks_give_no_false_error(tmp_path, source, version, year):
    """LibreOffice splits table rows over page breaks and rules both parts (a label's end, a figure's last digit
    on the next page): whatever is read, no sum or structure error may come of it."""
    values, blanks = _scaled(version, "scattered")
    if source == "docx":
        src = tmp_path / "r.docx"
        write_docx(src, version, year, "某区卫生健康委员会", values, blanks=blanks)
    else:
        src = tmp_path / "r.html"
        write_html(src, version, year, "某区卫生健康委员会", values, blanks=blanks)
        text = src.read_text(encoding="utf-8").replace('border="1" width="100%"', 'border="1" width="270"')
        src.write_text(re.sub(r"<td(?=[ >])", '<td width="30"', text), encoding="utf-8")
    pdf = libreoffice(src, tmp_path / "out", to="pdf")
    lost = set(lost_rows(pdf, version))  # rows LibreOffice leaves out of the PDF altogether are missing
    errors = [f.key() for f in check(locate(read(str(pdf)))) if f.severity == Severity.ERROR]
    assert [k for k in errors if not (k[0] == "structure.missing_row" and k[2] in lost)] == []


def _word(text: str, x0: float, top: float, size: float = 10.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size * len(text) * 0.6, "top": top, "bottom": top + size}


@pytest.mark.parametrize("shift", [0.0, 0.4, 0.6, 1.2, -0.9])
def test_a_cells_words_in_two_fonts_stay_in_their_lines(shift):
    """A wrapped label whose numbering is set in another font, boxed a little higher or lower than the Chinese
    (LibreOffice's and Word's fonts have other descents): the numbering stays at the start of its line."""
    from gdchecker.read.pdfgrid import _cell_text

    words = [_word("3.", 100, 200.0 + shift), _word("危及“三安全一稳", 112, 200.0), _word("定”", 100, 212.5)]
    assert _cell_text(words) == "3.危及“三安全一稳定”"
    two = [_word("12", 100, 300.0 + shift), _word("5", 160, 300.0)]  # two figures far apart on one line
    assert _cell_text(two) == "12 5"
