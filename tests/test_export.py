"""The Excel workbook: read back with openpyxl, read again as input, opened by LibreOffice, safe to write."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from gdchecker.check import check_file
from gdchecker.edits import Corrections
from gdchecker.export.xlsx import Entry, ExportError, write
from gdchecker.model import CellRef
from gdchecker.session import Session
from tests.makers import iter_cells, make_values, write_docx, write_pdf


@pytest.fixture
def session(tmp_path):
    values = make_values("2021", seed=21)
    values["applications"]["granted"]["natural_person"] += 1  # a broken row total and column total
    path = tmp_path / "report.pdf"
    write_pdf(str(path), "2021", 2023, "某市交通运输局", values, blanks=[("applications", "partial", "research")])
    res = check_file(str(path))
    s = Session.open(str(path), res.report)
    return s, values


def test_workbook_layout_values_fills_and_comments(session, tmp_path):
    s, values = session
    s.set_cell(CellRef("applications", "denied.query", "commercial"), "9")  # a correction
    out = write(tmp_path / "out.xlsx", [Entry(s.path, s)])
    wb = load_workbook(out)
    assert wb.sheetnames == ["表二", "表三", "表四", "校验结果", "修改记录", "说明"]
    ws = wb["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:H1", "A2:A4", "B2:H2", "C3:G3", "B3:B4", "H3:H4"} <= merged
    labels = [ws.cell(r, 1).value for r in range(5, 30)]
    assert labels[0] == "一、本年新收政府信息公开申请数量" and labels[-1] == "四、结转下年度继续办理"
    assert ws["B5"].value == values["applications"]["new_received"]["natural_person"]
    assert isinstance(ws["B5"].value, int) and ws["B5"].data_type == "n"
    assert ws["H7"].fill.fgColor.rgb.endswith("F8C9C4")  # （一）予以公开 总计: the cell the error is about
    assert "总计应为" in ws["H7"].comment.text
    edited = ws.cell(5 + labels.index("（三）不予公开8.属于行政查询事项"), 3)
    assert edited.value == 9 and edited.fill.fgColor.rgb.endswith("CFE9D4") and "原值" in edited.comment.text
    blank = ws.cell(5 + labels.index("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), 4)
    assert blank.value is None and blank.fill.fgColor.rgb.endswith("FDE7B0")
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.freeze_panes == "B5" and ws["B5"].font.name == "宋体"
    assert wb["表四"]["A5"].value == values["review_litigation"]["count"]["review.upheld"]
    found = wb["校验结果"]
    assert found["A1"].value == "级别" and found["A2"].value == "错误"
    codes = {found.cell(r, 8).value for r in range(2, found.max_row + 1)}
    assert {"applications.row_total", "applications.column_total", "values.blank"} <= codes
    told = {found.cell(r, 9).value for r in range(2, found.max_row + 1)} - {None, ""}
    assert any(t.startswith("把 表三“") and "改为" in t for t in told)  # the repair beside the errors it clears
    edits = wb["修改记录"]
    assert edits["B2"].value == str(values["applications"]["denied.query"]["commercial"]) and edits["C2"].value == "9"
    about = {wb["说明"].cell(r, 1).value: wb["说明"].cell(r, 2).value for r in range(1, wb["说明"].max_row + 1)}
    assert about["单位"] == "某市交通运输局" and about["年度"] == 2023 and about["gdchecker 版本"]
    assert "由 gdchecker" in about["说明"] and "导出" in about["说明"]


def test_round_trip_reads_the_same_cells_and_no_new_finding(session, tmp_path):
    s, values = session
    out = write(tmp_path / "out.xlsx", [Entry(s.path, s)])
    again = check_file(str(out))
    assert again.error is None
    for t, r, c, v in iter_cells(values):
        want = None if (t, r, c) == ("applications", "partial", "research") else v
        assert again.report.tables[t].value(r, c) == want, (t, r, c)
    assert (again.report.year, again.report.agency, again.report.format_version) == (2023, "某市交通运输局", "2021")
    before = {f.key() for f in s.findings}
    after = {f.key() for f in again.findings}
    assert after <= before


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    values = make_values("2021", seed=3)
    path = tmp_path / "r.docx"
    write_docx(str(path), "2021", 2022, "=HYPERLINK(\"http://x\")局", values)
    res = check_file(str(path))
    s = Session(str(path), res.report, Corrections(str(path), ""))
    s.original.agency = s.report.agency = "=cmd|' /C calc'!A0"
    out = write(tmp_path / "out.xlsx", [Entry(str(path), s)])
    wb = load_workbook(out)
    title = wb["表二"]["A1"]
    assert title.data_type == "s" and title.value.startswith("=cmd")
    about = wb["说明"]
    assert about["A3"].value == "单位"
    assert about["B3"].value == "=cmd|' /C calc'!A0" and about["B3"].data_type == "s"
    raw = _sheet_xml(out, "说明")
    assert "<f>" not in raw


def _sheet_xml(path, name):
    import zipfile
    wb = load_workbook(path)
    idx = wb.sheetnames.index(name) + 1
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{idx}.xml").decode("utf-8")


def test_never_overwrites_without_force_and_a_locked_file_loses_nothing(session, tmp_path, monkeypatch):
    s, _ = session
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"earlier work")
    with pytest.raises(ExportError) as e:
        write(out, [Entry(s.path, s)])
    assert e.value.code == "exists" and out.read_bytes() == b"earlier work"

    def locked(src, dst):
        raise PermissionError(13, "locked")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as e:
        write(out, [Entry(s.path, s)], force=True)
    assert e.value.code == "locked" and "WPS" in e.value.message
    assert out.read_bytes() == b"earlier work"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_several_reports_get_a_summary_sheet(session, tmp_path):
    s, _ = session
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    entries = [Entry(s.path, s), Entry(str(bad), error_code="corrupt", error_message="损坏")]
    out = write(tmp_path / "all.xlsx", entries)
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "问题清单", "说明"]  # each report's own sheets only when asked
    with_sheets = load_workbook(write(tmp_path / "sheets.xlsx", entries, sheets=True))
    assert with_sheets.sheetnames[:3] == ["汇总", "问题清单", "说明"]
    assert "1-表三" in with_sheets.sheetnames and "2-表三" not in with_sheets.sheetnames
    summary = wb["汇总"]
    from gdchecker.model import Severity
    errors = s.counts()[Severity.ERROR]
    assert errors >= 2
    assert summary["C2"].value == "某市交通运输局" and summary["F2"].value == errors and summary["H2"].value == "有错误"
    assert summary["H3"].value == "无法读取" and summary["I3"].value == "损坏"
    assert "总计应为" in summary["I2"].value  # the most important findings
    for sheets in (True, False):  # a summary opened as a report says what it is, with or without its sheets
        two = write(tmp_path / f"two-{sheets}.xlsx", [Entry(s.path, s), Entry(s.path, s)], sheets=sheets)
        again = check_file(str(two))
        assert again.error is not None and again.error.code == "multi_report"


def test_cli_export_and_check_xlsx(session, tmp_path):
    s, _ = session
    out = tmp_path / "cli.xlsx"
    r = subprocess.run([sys.executable, "-m", "gdchecker", "export", s.path, "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 0 and out.is_file(), r.stderr  # written: the report's errors are its content
    assert "错误" in r.stdout and "校验结果" in r.stdout
    r = subprocess.run([sys.executable, "-m", "gdchecker", "export", s.path, "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 2 and "已存在" in r.stderr
    both = tmp_path / "both.xlsx"
    r = subprocess.run([sys.executable, "-m", "gdchecker", "check", s.path, s.path, "--xlsx", str(both), "--json"],
                       capture_output=True, text=True)
    assert r.returncode == 1 and load_workbook(both).sheetnames[0] == "汇总"


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook(session, tmp_path):
    s, values = session
    out = write(tmp_path / "out.xlsx", [Entry(s.path, s)])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    r = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(out)],
                       capture_output=True, text=True, timeout=180)
    csv = tmp_path / "out.csv"
    assert r.returncode == 0 and csv.is_file(), r.stderr
    text = csv.read_text(encoding="utf-8", errors="replace")
    assert "第二十条第（一）项" in text and str(values["active_20_1"]["normative"]["in_force"]) in text


def test_hand_made_workbook_in_the_official_layout(tmp_path):
    """An office fills the tables in Excel by hand: one sheet per table, labels as printed, no styling."""
    from openpyxl import Workbook

    values = make_values("2021", seed=8)
    wb = Workbook()
    ws = wb.active
    ws.title = "主动公开"
    ws.append(["某区民政局2024年政府信息公开工作年度报告"])
    ws.append(["第二十条第（一）项"])
    ws.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
    for key, label in (("regulation", "规章"), ("normative", "行政规范性文件")):
        ws.append([label, *values["active_20_1"][key].values()])
    for caption, key, rows in (("第二十条第（五）项", "active_20_5", (("license", "行政许可"),)),
                               ("第二十条第（六）项", "active_20_6", (("penalty", "行政处罚"), ("coercion", "行政强制"))),
                               ("第二十条第（八）项", "active_20_8", (("fee", "行政事业性收费"),))):
        ws.append([caption])
        ws.append(["信息内容", "本年处理决定数量" if key != "active_20_8" else "本年收费金额（单位：万元）"])
        for rk, label in rows:
            ws.append([label, *values[key][rk].values()])
    t3 = wb.create_sheet("依申请")
    t3.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])
    t3.append(["", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    t3.append(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])
    from gdchecker import formats
    for r in formats.load("2021").tables["applications"].rows:
        t3.append([r.printed, *values["applications"][r.key].values()])
    t4 = wb.create_sheet("复议诉讼")
    t4.append(["行政复议", "", "", "", "", "行政诉讼"])
    t4.append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    t4.append(list(values["review_litigation"]["count"].values()))
    path = tmp_path / "hand.xlsx"
    wb.save(path)
    res = check_file(str(path))
    assert res.error is None
    wrong = [(t, r, c) for t, r, c, v in iter_cells(values) if res.report.tables[t].value(r, c) != v]
    assert wrong == []
    assert (res.report.year, res.report.agency) == (2024, "某区民政局")
