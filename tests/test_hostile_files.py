"""Hostile files: small files built to cost a reader minutes and gigabytes (spans of 2^31 columns, merged ranges
over the whole sheet, zip bombs, zip features Python lacks, nesting deeper than libxml2 builds). Each is checked in
a subprocess that must finish in under 5 s and peak under 500 MB of memory (its own peak RSS, from wait4), and
give either a clear Chinese refusal with a stable code or the reading the file deserves."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from gdchecker.locate import locate
from gdchecker.read import read
from gdchecker.read.limits import MAX_GRID_WORK, MAX_MARKUP_TAGS, MAX_ZIP_MEMBERS
from gdchecker.read.xlsx import MAX_MERGES, MAX_SHEETS
from tests.makers import hostile as H
from tests.makers import iter_cells, make_values

ROOT = Path(__file__).resolve().parents[1]
SECONDS = 5.0
PEAK_MB = 500
GB = 1 << 30
AGENCY = "某市交通运输局"
_CHILD = """
import json, sys
from gdchecker.check import check_file
r = check_file(sys.argv[1])
if r.error:
    print(json.dumps({"code": r.error.code, "message": r.error.message}, ensure_ascii=False))
else:
    print(json.dumps({"tables": sorted(r.report.tables), "findings": sorted({f.code for f in r.findings})}))
"""
# A child forked from this (big) test process starts with its pages, and its peak RSS counts them even after exec:
# a small launcher starts the check and reports the check's own time and peak RSS (from wait4).
_LAUNCHER = """
import json, os, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(proc.pid, 0)
proc.returncode = os.waitstatus_to_exitcode(status)
print(json.dumps({"secs": time.perf_counter() - t, "peak_mb": usage.ru_maxrss / 1024}), flush=True)
"""


@dataclass
class Checked:
    out: dict
    secs: float
    peak_mb: float


def _check(path: Path, kill_after: float = 60) -> Checked:
    """check_file on path in a subprocess: its JSON answer, wall time and peak RSS."""
    import signal
    import subprocess

    log = path.with_name(path.name + ".out")
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, sys.executable, "-c", _CHILD, str(path)],
                                stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            proc.wait(kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the launcher's session: it and the check it started
            proc.wait()
            pytest.fail(f"{path.name} still running after {kill_after} s")
    text = log.read_text(encoding="utf-8")
    lines = text.strip().splitlines()
    assert len(lines) >= 2 and "Traceback" not in text, text[-2000:]
    measured = json.loads(lines[-1])
    print(f"{path.name}: {measured['secs']:.2f} s, {measured['peak_mb']:.0f} MB")
    return Checked(json.loads(lines[-2]), measured["secs"], measured["peak_mb"])


def _bounded(c: Checked) -> None:
    assert c.secs < SECONDS, f"{c.secs:.1f} s"
    assert c.peak_mb < PEAK_MB, f"{c.peak_mb:.0f} MB"


def _chinese_message(message: str) -> None:
    assert message and "\n" not in message and len(message) <= 90, message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert "Error" not in message and "Traceback" not in message  # no Python in front of people


# --------------------------------------------------------------------------- refused: a code and what was too big


def _bomb_docx(p: Path) -> None:
    H.bomb_docx(p, GB)


def _bomb_xlsx(p: Path) -> None:
    H.bomb_xlsx(p, GB)


def _lying_docx(p: Path) -> None:
    """Headers declaring 1 KB for a part that inflates to 1 GB: zipfile stops at the declared size, the CRC fails."""
    H.bomb_docx(p, GB, declared=1000)


def _deflate64_docx(p: Path) -> None:
    H.write_docx_xml(p, H.para("年度报告"))
    H.patch_member(p, "word/document.xml", method=9)  # Deflate64: zipfile raises NotImplementedError on opening it


def _future_zip_docx(p: Path) -> None:
    H.write_docx_xml(p, H.para("年度报告"))
    H.patch_member(p, "word/document.xml", version=99)  # "zip file version 9.9": NotImplementedError in ZipFile()


def _members_docx(p: Path) -> None:
    H.many_members_docx(p, MAX_ZIP_MEMBERS + 100)


def _dense_docx(p: Path) -> None:
    H.write_docx_xml(p, "<w:p/>" * 2_500_000)  # 15 MB of empty paragraphs: a tree of gigabytes in lxml


def _area_docx(p: Path) -> None:
    """1,000 rows of one cell spanning all 5,000 grid columns: real spans, too much grid."""
    H.write_docx_xml(p, H.para("年度报告") + H.table([[H.cell("x", span=5000)] for _ in range(1000)], 5000))


def _span_budget_html(p: Path) -> None:
    H.span_html(p, rows=400, per_row=100)  # 40,000 cells of rowspan=100 colspan=100 in 1.5 MB


def _tags_html(p: Path) -> None:
    p.write_text("<html><body>" + "<p>年" * 500_000 + "</body></html>", encoding="utf-8")


def _tall_xlsx(p: Path) -> None:
    H.tall_xlsx(p, 1_048_576)


def _empty_rows_xlsx(p: Path) -> None:
    H.edit_sheet(p, b"</sheetData>", b"".join(b'<row r="%d"/>' % r for r in range(10, 600_000)) + b"</sheetData>")


def _merges_xlsx(p: Path) -> None:
    H.many_merges_xlsx(p, MAX_MERGES + 1)


def _sheets_xlsx(p: Path) -> None:
    H.many_sheets_xlsx(p, MAX_SHEETS + 1)


def _row_number_xlsx(p: Path) -> None:
    H.edit_sheet(p, b"</sheetData>", b'<row r="999999999"><c r="A999999999"><v>1</v></c></row></sheetData>')


def _styles_xlsx(p: Path) -> None:
    """600,000 cell formats (openpyxl builds the stylesheet whole, an object each)."""
    H.edit_part(p, "xl/styles.xml", b"</cellXfs>", b'<xf numFmtId="0" fontId="0"/>' * 600_000 + b"</cellXfs>")


def _wide_xlsx(p: Path) -> None:
    """Thirty rows whose one cell is in column ZZZ: 18,278 cells a row once read from column A."""
    rows = b"".join(b'<row r="%d"><c r="ZZZ%d"><v>1</v></c></row>' % (r, r) for r in range(10, 40))
    H.edit_sheet(p, b"</sheetData>", rows + b"</sheetData>")


def _bad_column_xlsx(p: Path) -> None:
    """A cell named in a column past ZZZ: openpyxl fails only when the sheet is read."""
    H.edit_sheet(p, b'r="B2"', b'r="IIIIIIIIIIIIIIIIIIIIIIIIA2"')


def _bad_attribute_xlsx(p: Path) -> None:
    """An attribute openpyxl does not know in the sheet's properties (rummaryRight for summaryRight)."""
    H.edit_sheet(p, b"<sheetData>", b'<sheetPr><outlinePr rummaryRight="1"/></sheetPr><sheetData>')


# name -> (maker, code, words the message must hold)
REFUSED: dict[str, tuple[Callable[[Path], None], str, tuple[str, ...]]] = {
    "bomb.docx": (_bomb_docx, "too_large", ("Word", "word/document.xml", "1024 MB", "压缩炸弹")),
    "bomb.xlsx": (_bomb_xlsx, "too_large", ("Excel", "sheet1.xml", "1024 MB", "压缩炸弹")),
    "lying-header.docx": (_lying_docx, "corrupt", ("Word", "损坏")),
    "deflate64.docx": (_deflate64_docx, "corrupt", ("Word", "不支持的压缩格式")),
    "future-zip.docx": (_future_zip_docx, "corrupt", ("Word", "不支持的压缩格式")),
    "members.docx": (_members_docx, "too_large", (f"{MAX_ZIP_MEMBERS + 103} 个部件",)),
    "dense.docx": (_dense_docx, "too_large", ("Word", "250 万个 XML 标签")),
    "area.docx": (_area_docx, "too_large", ("Word", "合并单元格", "500 万格")),
    "span-budget.html": (_span_budget_html, "too_large", ("网页", "合并单元格", f"上限 {MAX_GRID_WORK // 10000} 万")),
    "tags.html": (_tags_html, "too_large", ("网页", "50 万个标签", f"上限 {MAX_MARKUP_TAGS // 10000} 万")),
    "tall.xlsx": (_tall_xlsx, "too_large", ("表三", "10 万行")),
    "empty-rows.xlsx": (_empty_rows_xlsx, "too_large", ("表三", "10 万行")),
    "merges.xlsx": (_merges_xlsx, "too_large", ("表三", f"{MAX_MERGES} 处合并单元格")),
    "sheets.xlsx": (_sheets_xlsx, "too_large", (f"{MAX_SHEETS + 1} 个工作表",)),
    "row-number.xlsx": (_row_number_xlsx, "corrupt", ("999999999", "最大行数")),
    "wide.xlsx": (_wide_xlsx, "too_large", ("Excel", "20 万个")),
    "styles.xlsx": (_styles_xlsx, "too_large", ("styles.xml", "60 万个 XML 标签")),
    "bad-column.xlsx": (_bad_column_xlsx, "corrupt", ("Excel", "损坏")),
    "bad-attribute.xlsx": (_bad_attribute_xlsx, "corrupt", ("Excel", "损坏")),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_hostile_file_is_refused_quickly(tmp_path: Path, name: str) -> None:
    maker, code, words = REFUSED[name]
    path = tmp_path / name
    maker(path)
    c = _check(path)
    assert c.out.get("code") == code, c.out
    _chinese_message(c.out["message"])
    for w in words:
        assert w in c.out["message"], (w, c.out["message"])
    _bounded(c)


# --------------------------------------------------------------------------- read: what the file really holds


def _pieces(path: Path) -> list[list[tuple[str, float]]]:
    return [[(p.text, p.x) for p in line.pieces] for line in read(str(path)).lines]


def test_docx_span_of_2_31_columns_is_clipped(tmp_path: Path) -> None:
    """gridSpan 2147483648 in a two-column table: the cell spans the table's two columns, the vertical merge still
    holds, in a second, not minutes and gigabytes."""
    path = tmp_path / "span.docx"
    H.span_docx(path, 2**31)
    assert path.stat().st_size < 2000
    c = _check(path)
    assert c.out == {"tables": [], "findings": ["structure.no_tables"]}
    _bounded(c)
    assert _pieces(path)[1:] == [[("项目", 0.0), ("数量", 1.0)], [("合并单元格", 0.5)],
                                 [("行政复议", 0.0), ("3", 1.0)], [("4", 1.0)]]


def test_html_2000_cells_of_rowspan_and_colspan_100(tmp_path: Path) -> None:
    """Laying out a cell costs its colspan, never rowspan x colspan; rowspans stop at the table's last row."""
    path = tmp_path / "span.html"
    H.span_html(path, rows=20, per_row=100)
    assert path.stat().st_size < 80_000
    c = _check(path)
    assert c.out == {"tables": [], "findings": ["structure.no_tables"]}
    _bounded(c)
    rows = _pieces(path)[1:]
    assert len(rows) == 20 and all(len(r) == 100 for r in rows)
    assert rows[0][:2] == [("1", 49.5), ("1", 149.5)]
    assert rows[1][0] == ("1", 10_049.5)  # pushed right past the 100 cells of the row above, which reach down here


def test_xlsx_merged_range_over_the_whole_sheet(tmp_path: Path) -> None:
    """A1:XFD1048576 merged: clipped to the sheet's three rows and columns, so only A1 shows (as in Excel)."""
    path = tmp_path / "merged.xlsx"
    H.merged_xlsx(path)
    assert path.stat().st_size < 10_000
    c = _check(path)
    assert c.out == {"tables": [], "findings": ["structure.no_tables"]}
    _bounded(c)
    assert _pieces(path) == [[("申请情况", 0.0)]]


def test_html_nested_deeper_than_libxml2_reads_as_text(tmp_path: Path) -> None:
    """50,000 nested <div>s (libxml2 stops building the tree at 256 levels): the text is still read."""
    path = tmp_path / "deep.html"
    H.deep_html(path, 50_000)
    c = _check(path)
    assert c.out == {"tables": [], "findings": ["structure.no_tables"]}
    _bounded(c)
    assert read(str(path)).text() == "本机关2021年政府信息公开工作年度报告"


def test_report_inside_300_unclosed_font_tags_is_read(tmp_path: Path) -> None:
    """A real-looking report page whose CMS left 300 <font> tags unclosed around the body: read as the report,
    every cell of every table."""
    values = make_values("2021", seed=7)
    path = tmp_path / "font300.html"
    H.font_wrapped_report(path, "2021", 2023, AGENCY, values, fonts=300)
    c = _check(path)
    assert "code" not in c.out, c.out
    assert {"applications", "review_litigation"} <= set(c.out["tables"]) and c.out["findings"] == []
    _bounded(c)
    report = locate(read(str(path)))
    wrong = [(t, r, col, want) for t, r, col, want in iter_cells(values)
             if t not in report.tables or report.tables[t].value(r, col) != want]
    assert wrong == []
    assert (report.year, report.agency) == (2023, AGENCY)


def test_a_row_of_3000_figures_and_a_5000_digit_number_are_no_trouble(tmp_path: Path) -> None:
    """Text a fuzzer found: one row label with 3,000 figures after it (an O(n²) search over splits), and a cell of
    5,000 digits (past Python's limit for turning digits into an int): read in seconds, no program error."""
    path = tmp_path / "r.txt"
    path.write_text("某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
                    "一、本年新收政府信息公开申请数量 " + " ".join(["1"] * 3000) + "\n"
                    "二、上年结转政府信息公开申请数量 " + "9" * 5000 + "\n", encoding="utf-8")
    c = _check(path)
    assert c.out.get("code") not in ("internal", "unreadable"), c.out
    _bounded(c)


def test_a_password_protected_office_file_is_encrypted_not_old_format(tmp_path: Path) -> None:
    """Word and Excel keep a file with an opening password in an OLE container whose stream is EncryptedPackage
    (the directory entry names it in UTF-16): that is a password to remove, not a .doc to save anew."""
    from gdchecker.read.document import ReadError

    sector = bytearray(512)
    name = "EncryptedPackage".encode("utf-16-le")
    sector[: len(name)] = name
    path = tmp_path / "加密.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + bytes(sector) + bytes(1024))
    with pytest.raises(ReadError) as e:
        read(str(path))
    assert e.value.code == "encrypted" and "密码" in e.value.message
    plain = tmp_path / "旧.doc"
    plain.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2040))
    with pytest.raises(ReadError) as e:
        read(str(plain))
    assert e.value.code == "old_format"


@pytest.mark.parametrize("teeth", [600, 4000])
def test_a_pdf_page_drawing_a_comb_of_rules_is_read_as_text(tmp_path: Path, teeth: int) -> None:
    """A page of rules that close no cell (some 360 000 pairs of corners to try with 600 teeth; with 4 000, 16
    million pairs and as many crossings to test, half a minute unbounded): the cell finder gives up within its
    bounds and the page's words are read."""
    path = tmp_path / f"comb-{teeth}.pdf"
    H.comb_pdf(path, teeth)
    c = _check(path)
    _bounded(c)
    assert c.out.get("tables") == [] and "structure.no_tables" in c.out["findings"]
    doc = read(str(path))
    assert "本年新收" in "".join(ln.text for ln in doc.lines)
