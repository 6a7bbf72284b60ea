"""Workbooks for a reviewer: the export mark, a folder check passing over our own exports, the summary workbook
(汇总, 问题清单, 说明), print setup and row heights on every sheet, writing flushed to disk. Read back with openpyxl;
printed by LibreOffice where it is installed."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from gdchecker import batch
from gdchecker.check import check_file
from gdchecker.edits import Corrections
from gdchecker.export import mark
from gdchecker.export.cells import height_for, lines_needed
from gdchecker.export.xlsx import Entry, entry_of, write, write_results
from gdchecker.model import Severity
from gdchecker.read.limits import MAX_ZIP_MEMBERS
from gdchecker.session import Session
from tests.makers import make_values, write_docx, write_pdf
from tests.makers.hostile import patch_member, write_bomb

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SUMMARY_HEADS = ["序号", "文件", "单位", "年度", "表格格式", "错误", "警告", "状态", "主要问题", "修改", "所在文件夹"]
FINDING_HEADS = ["序号", "文件", "单位", "年度", "级别", "位置", "说明", "应为", "表中为", "代码", "建议修改", "已确认"]


def _reports(folder: Path) -> list[str]:
    """Two generated reports in a folder: one with sum errors and a blank, one without an error."""
    folder.mkdir(parents=True, exist_ok=True)
    broken = make_values("2021", seed=31)
    broken["applications"]["granted"]["natural_person"] += 1
    broken["applications"]["denied.query"]["commercial"] += 3
    a = folder / "某市交通运输局2023年报告.pdf"
    write_pdf(str(a), "2021", 2023, "某市交通运输局", broken, blanks=[("applications", "partial", "research")])
    b = folder / "某区民政局2023年报告.docx"
    write_docx(str(b), "2021", 2023, "某区民政局", make_values("2021", seed=32))
    return [str(a), str(b)]


def _session(path: str) -> Session:
    res = check_file(path)
    assert res.error is None, res.error
    return Session(path, res.report, Corrections(path, ""))


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    paths = _reports(folder)
    return folder, paths, [_session(p) for p in paths]


def _rows(ws) -> list[list]:  # noqa: ANN001
    return [list(r) for r in ws.iter_rows(values_only=True)]


# -- 1. the mark --------------------------------------------------------------------------------------------------
def test_every_workbook_carries_the_mark(made, tmp_path):
    _, paths, sessions = made
    one = write(tmp_path / "one.xlsx", [Entry(paths[0], sessions[0])])
    several = write(tmp_path / "several.xlsx", [Entry(p, s) for p, s in zip(paths, sessions)])
    for out, kind in ((one, mark.REPORT), (several, mark.SUMMARY)):
        wb = load_workbook(out)
        p = wb.properties
        assert p.creator == "gdchecker" and mark.MARKER in p.keywords and kind in p.keywords
        assert mark.MARKER in p.subject and mark.MARKER in p.description and p.title
        about = [str(v) for row in _rows(wb["说明"]) for v in row if v]
        assert any(mark.ABOUT in v for v in about)
        assert mark.export_kind(out) == kind and mark.is_own_export(out)
    for other in paths:  # the reports themselves (a .docx is a zip with a core.xml too)
        assert not mark.is_own_export(other)
    hand = tmp_path / "hand.xlsx"
    wb = Workbook()
    wb.active.append(["某区民政局2024年政府信息公开工作年度报告"])
    wb.properties.creator = "gdchecker"  # the creator alone is not the mark
    wb.save(hand)
    assert not mark.is_own_export(hand)


def test_own_export_test_is_cheap_and_safe(made, tmp_path):
    _, paths, sessions = made
    good = write(tmp_path / "good.xlsx", [Entry(paths[0], sessions[0])])
    data = good.read_bytes()
    cases = {"missing": tmp_path / "nothing.xlsx", "folder": tmp_path}
    for name, content in (("empty", b""), ("text", "某市交通运输局".encode()), ("truncated", data[: len(data) // 2]),
                          ("zip-head-only", data[:4])):
        cases[name] = tmp_path / f"{name}.xlsx"
        cases[name].write_bytes(content)
    core = mark._NS["cp"]
    head = (f'<cp:coreProperties xmlns:cp="{core}"><cp:keywords>{mark.MARKER}').encode()
    tail = b"</cp:keywords></cp:coreProperties>"
    for name, declared in (("bomb", None), ("lying-bomb", 300)):
        path = tmp_path / f"{name}.xlsx"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            crc, total = write_bomb(z, "docProps/core.xml", head, 64 << 20, tail)
        patch_member(path, "docProps/core.xml", method=zipfile.ZIP_DEFLATED, crc=crc,
                     size=total if declared is None else declared)
        cases[name] = path
    laughs = tmp_path / "laughs.xlsx"  # the marker only in an entity: never expanded
    with zipfile.ZipFile(laughs, "w") as z:
        z.writestr("docProps/core.xml", f'<!DOCTYPE r [<!ENTITY m "{mark.MARKER}">]>'
                                        f'<cp:coreProperties xmlns:cp="{core}"><cp:keywords>&m;</cp:keywords>'
                                        "</cp:coreProperties>")
    cases["entity"] = laughs
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as z:
        z.writestr("docProps/core.xml", f'<cp:coreProperties xmlns:cp="{core}"><cp:keywords>{mark.MARKER}'
                                        "</cp:keywords></cp:coreProperties>")
        for i in range(MAX_ZIP_MEMBERS + 1):
            z.writestr(f"x/{i}", b"")
    cases["members"] = many
    for name, path in cases.items():
        t = time.perf_counter()
        assert mark.is_own_export(path) is False, name
        assert time.perf_counter() - t < 1.0, name  # a guard against reading a bomb, not a benchmark
    assert mark.is_own_export(good)


# -- 2. a folder check passes over our own exports ----------------------------------------------------------------
@pytest.fixture
def folder_with_export(tmp_path):
    folder = tmp_path / "报告"
    paths = _reports(folder)
    r = subprocess.run([sys.executable, "-m", "gdchecker", "export", paths[0]], capture_output=True, text=True,
                       timeout=120)
    export = str(Path(paths[0]).with_suffix(".xlsx"))
    assert r.returncode == 0 and os.path.isfile(export), r.stderr
    return folder, paths, export


def test_scan_skips_own_exports_in_a_folder_and_named(folder_with_export):
    folder, paths, export = folder_with_export
    found = batch.scan([str(folder)])
    assert sorted(found.reports) == sorted(paths)
    assert found.skipped == [(export, batch.OWN_EXPORT)] and batch.OWN_EXPORT == "本程序导出的文件，已跳过"
    assert batch.find_reports([str(folder)]) == found.reports
    named = batch.scan([export, paths[1]])
    assert named.reports == [paths[1]] and named.skipped == [(export, batch.OWN_EXPORT)]
    only = batch.scan([str(Path(export).parent / "x")])  # a name that is not there is still checked (not_found)
    assert only.reports and not only.skipped


def test_cli_lists_skipped_exports_and_counts_only_reports(folder_with_export, tmp_path):
    folder, paths, export = folder_with_export
    alone = subprocess.run([sys.executable, "-m", "gdchecker", "check", *paths, "--quiet"],
                           capture_output=True, text=True, timeout=300)
    r = subprocess.run([sys.executable, "-m", "gdchecker", "check", str(folder), "--quiet"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == alone.returncode == 1  # one report has errors; the export changes nothing
    assert f"■ {export}\n  [已跳过] 本程序导出的文件，已跳过" in r.stdout
    assert r.stdout.count("■ ") == 3
    out = tmp_path / "汇总.xlsx"
    r = subprocess.run([sys.executable, "-m", "gdchecker", "check", str(folder), "--json", "--xlsx", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    data = json.loads(r.stdout)  # standard output is the JSON of the spec, one object per report
    assert sorted(d["file"] for d in data) == sorted(paths) and all("skipped" not in d for d in data)
    assert f"■ {export}\n  [已跳过] 本程序导出的文件，已跳过" in r.stderr
    wb = load_workbook(out)
    files = [row[1] for row in _rows(wb["汇总"])[1:]]
    assert sorted(files) == sorted(os.path.basename(p) for p in paths)
    assert os.path.basename(export) not in {row[1] for row in _rows(wb["问题清单"])}
    named = subprocess.run([sys.executable, "-m", "gdchecker", "check", export, "--json"],
                           capture_output=True, text=True, timeout=120)
    assert named.returncode == 0 and json.loads(named.stdout) == [] and "[已跳过]" in named.stderr


# -- 3. the summary workbook --------------------------------------------------------------------------------------
def test_summary_workbook_a_reviewer_can_sort_and_filter(made, tmp_path):
    _, paths, sessions = made
    entries = [Entry(p, s) for p, s in zip(paths, sessions)]
    entries.append(Entry(str(tmp_path / "坏的报告.pdf"), error_code="corrupt", error_message="PDF 文件已损坏"))
    wb = load_workbook(write(tmp_path / "汇总.xlsx", entries))
    assert wb.sheetnames == ["汇总", "问题清单", "说明"]

    summary = _rows(wb["汇总"])
    assert summary[0] == SUMMARY_HEADS and len(summary) == 4
    errors = [s.counts()[Severity.ERROR] for s in sessions]
    assert errors[0] >= 2 and errors[1] == 0
    first, second, bad = summary[1:]
    assert first[:8] == [1, os.path.basename(paths[0]), "某市交通运输局", 2023, "2021", errors[0],
                         sessions[0].counts()[Severity.WARNING], "有错误"]
    assert second[0] == 2 and second[2] == "某区民政局" and second[5] == 0
    assert "总计应为" in first[8] and first[10] == os.path.dirname(paths[0])
    assert bad[0] == 3 and bad[7] == "无法读取" and bad[8] == "PDF 文件已损坏"
    ws = wb["汇总"]
    assert ws.auto_filter.ref == "A1:K4" and ws.freeze_panes == "A2"
    assert ws["F2"].data_type == "n" and ws["D2"].data_type == "n"

    found = _rows(wb["问题清单"])
    assert found[0] == FINDING_HEADS
    body = found[1:]
    assert len(body) == sum(len(s.findings) for s in sessions) + 1
    for n, s in enumerate(sessions, 1):
        mine = [row for row in body if row[0] == n]
        assert Counter(row[9] for row in mine) == Counter(f.code for f in s.findings)
        assert {row[1] for row in mine} <= {os.path.basename(paths[n - 1])}
        assert all(row[2] == s.report.agency and row[3] == 2023 for row in mine)
    levels = [row[4] for row in body if row[0] == 1]
    assert levels == sorted(levels, key=["错误", "警告", "提示"].index)  # errors first
    total = next(row for row in body if row[9] == "applications.row_total")
    assert isinstance(total[7], int) and isinstance(total[8], int) and total[7] != total[8]
    assert "改为" in total[10] and "表三" in total[5]
    assert [row for row in body if row[0] == 3] == [[3, "坏的报告.pdf", None, None, "无法读取", "全文",
                                                     "PDF 文件已损坏", None, None, "corrupt", None, None]]
    ws = wb["问题清单"]
    assert ws.auto_filter.ref == f"A1:L{len(found)}" and ws.freeze_panes == "A2"

    about = {row[0]: row[1] for row in _rows(wb["说明"])}
    assert mark.ABOUT in about["说明"]
    assert (about["文件数"], about["有错误的报告"], about["通过的报告"], about["无法读取的文件"]) == (3, 1, 1, 1)
    assert about["错误合计"] == sum(errors) and about["gdchecker 版本"] and about["检查时间"]


def test_each_reports_sheets_only_when_asked(made, tmp_path):
    _, paths, sessions = made
    entries = [Entry(paths[0], sessions[0]), Entry("gone.pdf", error_code="not_found", error_message="找不到文件"),
               Entry(paths[1], sessions[1])]
    wb = load_workbook(write(tmp_path / "all.xlsx", entries, sheets=True))
    base = ["表二", "表三", "表四", "校验结果", "修改记录", "说明"]
    assert wb.sheetnames == ["汇总", "问题清单", "说明", *(f"1-{b}" for b in base), *(f"3-{b}" for b in base)]
    summary = _rows(wb["汇总"])
    assert summary[0] == [*SUMMARY_HEADS, "工作表"]
    assert [row[11] for row in summary[1:]] == ["1-表二 … 1-说明", None, "3-表二 … 3-说明"]
    assert wb["3-说明"]["B3"].value == "某区民政局"


def test_cli_sheets_option(made, tmp_path):
    _, paths, _ = made
    for extra, sheets in (([], 3), (["--sheets"], 15)):
        out = tmp_path / f"out{len(extra)}.xlsx"
        r = subprocess.run([sys.executable, "-m", "gdchecker", "check", *paths, "--quiet", "--xlsx", str(out), *extra],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 1 and f"已写入 {out}" in r.stdout, r.stderr
        assert len(load_workbook(out).sheetnames) == sheets
    r = subprocess.run([sys.executable, "-m", "gdchecker", "check", "--help"], capture_output=True, text=True)
    assert "--sheets" in r.stdout and "每份报告" in r.stdout


def test_results_of_a_folder_check_to_a_workbook(made, tmp_path):
    """What the app calls with the results of a folder check."""
    _, paths, _ = made
    results = batch.run(paths + [str(tmp_path / "没有的文件.pdf")], workers=1)
    assert entry_of(results[2]).session is None and entry_of(results[2]).error_code == "not_found"
    out = write_results(tmp_path / "folder.xlsx", results)
    rows = _rows(load_workbook(out)["汇总"])
    assert [r[7] for r in rows[1:]] == ["有错误", "通过", "无法读取"]


# -- 4. printing --------------------------------------------------------------------------------------------------
def _long_session(tmp_path: Path) -> Session:
    """A report whose findings have long messages (several blanks, wrong sums, a long agency name)."""
    values = make_values("2021", seed=41)
    values["applications"]["granted"]["natural_person"] += 1
    values["applications"]["denied.query"]["commercial"] += 3
    blanks = [("applications", "partial", "research"), ("applications", "denied.state_secret", "other_org"),
              ("applications", "other.overdue_fee", "legal_service")]
    path = tmp_path / "长说明.pdf"
    write_pdf(str(path), "2021", 2023, "某省某市某区人民政府办公室（区政务服务数据管理局）", values, blanks=blanks)
    return _session(str(path))


def _sheets_of_both(tmp_path: Path, made) -> list[tuple[str, object]]:  # noqa: ANN001
    _, paths, sessions = made
    long = _long_session(tmp_path)
    one = load_workbook(write(tmp_path / "one.xlsx", [Entry(long.path, long)]))
    several = load_workbook(write(tmp_path / "several.xlsx", [Entry(long.path, long), Entry(paths[0], sessions[0])],
                                  sheets=True))
    return [(f"one:{ws.title}", ws) for ws in one.worksheets] + [(f"several:{ws.title}", ws) for ws in several]


def test_every_sheet_prints_on_a4_one_page_wide_with_its_header(made, tmp_path):
    for name, ws in _sheets_of_both(tmp_path, made):
        setup = ws.page_setup
        assert str(setup.paperSize) == "9", name  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and int(setup.fitToWidth) == 1, name
        if re.fullmatch(r"several:\d+-(表二|表三|表四|说明)", name):
            # a sheet printed on one page repeats nothing: each repeat is a name LibreOffice is slow to open
            assert ws.print_title_rows is None, name
        else:
            assert ws.print_title_rows and ws.print_title_rows.replace("$", "").startswith("1:"), name
        one_page = name.endswith(("表三", "表四"))
        assert int(setup.fitToHeight) == (1 if one_page else 0), name
        if not name.startswith(("one:表", "several:1-表", "several:2-表")):
            assert ws.freeze_panes == "A2", name


def test_rows_of_wrapped_text_are_as_tall_as_their_lines(made, tmp_path):
    checked = 0
    for name, ws in _sheets_of_both(tmp_path, made):
        widths = {c: ws.column_dimensions[c].width for c in ws.column_dimensions}
        for row in ws.iter_rows():
            need = 1
            for c in row:
                if isinstance(c.value, str) and c.alignment.wrap_text and (c.coordinate not in ws.merged_cells):
                    need = max(need, lines_needed(c.value, widths.get(c.column_letter) or 8.43, c.font.sz or 10))
            if need > 1:
                height = ws.row_dimensions[row[0].row].height
                assert height is not None and height >= height_for(need) - 0.1, (name, row[0].row, need, height)
                checked += 1
    assert checked > 20  # long messages, fixes and labels did wrap


def _overprinted(pdf_path: Path) -> list[tuple[int, str, str]]:
    """(page, glyph, glyph) of glyphs drawn over one another on a printed page."""
    import pdfplumber

    out = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            grid: dict[tuple[int, int], list] = {}
            for ch in page.chars:
                if not ch["text"].strip():
                    continue
                box = (ch["x0"], ch["top"], ch["x1"], ch["bottom"])
                key = (int(box[0] // 20), int(box[1] // 20))
                for dx in (-1, 0, 1):
                    for dy in (-1, 0, 1):
                        for text, other in grid.get((key[0] + dx, key[1] + dy), []):
                            w = min(box[2], other[2]) - max(box[0], other[0])
                            h = min(box[3], other[3]) - max(box[1], other[1])
                            if w > 0.3 * (box[2] - box[0]) and h > 0.3 * (box[3] - box[1]):
                                out.append((n, text, ch["text"]))
                grid.setdefault(key, []).append((ch["text"], box))
    return out


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_no_text_over_another_row(made, tmp_path):
    _, paths, sessions = made
    long = _long_session(tmp_path)
    one = write(tmp_path / "one.xlsx", [Entry(long.path, long)])
    several = write(tmp_path / "several.xlsx", [Entry(long.path, long), Entry(paths[0], sessions[0])], sheets=True)
    control = tmp_path / "control.xlsx"  # what the check must catch: the old 校验结果, rows of the default height
    wb = Workbook()
    ws = wb.active
    for i, w in enumerate((8, 34, 70, 10, 10, 8, 24, 28, 50), 1):
        ws.column_dimensions["ABCDEFGHI"[i - 1]].width = w
    for f in long.findings:
        ws.append(["错误", f.message, f.message, 1, 2, "", "", f.code, f.message * 2])
    for row in ws.iter_rows():
        for c in row:
            c.font, c.alignment = Font(name="宋体", size=10), Alignment(vertical="center", wrap_text=True)
    ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = "landscape", 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(control)
    r = subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                        "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(one), str(several), str(control)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert _overprinted(tmp_path / "pdf" / "control.pdf")  # the check sees overprinting where there is some
    for name in ("one", "several"):
        assert _overprinted(tmp_path / "pdf" / f"{name}.pdf") == [], name


# -- 6. writing safely --------------------------------------------------------------------------------------------
def test_write_flushes_the_file_before_the_rename_and_the_folder_after(made, tmp_path, monkeypatch):
    _, paths, sessions = made
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync-folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(src, dst) -> None:  # noqa: ANN001
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    old = os.umask(0o022)
    try:
        out = write(tmp_path / "out.xlsx", [Entry(paths[0], sessions[0])])
    finally:
        os.umask(old)
    assert events == ["fsync-file", "replace", "fsync-folder"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # the user's usual permissions, not the temp file's 0600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
