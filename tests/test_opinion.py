"""校验意见: written as .docx and PDF for reports with known errors, read back (python-docx, pdfplumber), the
command line end to end in a subprocess, and the app's menu action."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from gdchecker.check import check_file
from gdchecker.model import CellRef, Severity
from gdchecker.opinion import pdfjob
from gdchecker.opinion.content import DrawnTable, Figure, Opinion, build
from gdchecker.opinion.docx import write_docx
from gdchecker.opinion.files import OpinionError
from gdchecker.session import Session
from tests.makers import make_values, write_text
from tests.makers import write_docx as make_docx
from tests.makers import write_pdf as make_pdf

AGENCY = "某市交通运输局"
ROOT = Path(__file__).resolve().parents[1]
RED, AMBER, BLUE = (217, 48, 37), (230, 145, 0), (26, 115, 232)


def _values():
    """Values with one wrong cell: 自然人 of （一）予以公开 one too many (its row total and its column total break);
    returns the values and the figure the cell should have."""
    values = make_values("2021", seed=21)
    right = values["applications"]["granted"]["natural_person"]
    values["applications"]["granted"]["natural_person"] = right + 1
    return values, right


@pytest.fixture
def pdf_report(tmp_path):
    values, right = _values()
    path = tmp_path / "report.pdf"
    make_pdf(str(path), "2021", 2023, AGENCY, values, blanks=[("applications", "partial", "research")])
    return path, values, right


@pytest.fixture
def docx_report(tmp_path):
    values, right = _values()
    path = tmp_path / "report.docx"
    make_docx(str(path), "2021", 2023, AGENCY, values)
    return path, values, right


def _session(path) -> Session:
    res = check_file(str(path))
    assert res.error is None
    return Session.open(str(path), res.report)


def _text(doc) -> str:  # noqa: ANN001 - a docx Document
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _finding_rows(doc) -> list[tuple[str, str]]:  # noqa: ANN001
    """(问题, 应为) of every row of the findings tables."""
    out = []
    for t in doc.tables:
        if [c.text for c in t.rows[0].cells] == ["序号", "问题", "应为"]:
            out += [(r.cells[1].text, r.cells[2].text) for r in t.rows[1:]]
    return out


def _fill(cell) -> str | None:  # noqa: ANN001 - a docx table cell
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return None if shd is None else shd.get(qn("w:fill"))


def _count(img: Image.Image, colour: tuple[int, int, int]) -> int:
    return sum(n for n, px in img.getcolors(1 << 24) if all(abs(a - b) <= 8 for a, b in zip(px, colour)))


# -- the content ----------------------------------------------------------------------------------------------
def test_the_opinion_says_what_the_check_found(pdf_report):
    path, values, right = pdf_report
    s = _session(path)
    op = build(s)
    assert op.agency == AGENCY and op.year == 2023 and op.file_name == "report.pdf"
    assert op.title == f"关于《{AGENCY}2023年政府信息公开工作年度报告》的校验意见"
    errors = [f for f in s.findings if f.severity == Severity.ERROR]
    assert [i.message for i in op.errors] == [f.message for f in errors] and len(errors) == 4
    granted = values["applications"]["granted"]
    row_sum = sum(v for k, v in granted.items() if k != "total")
    # the row total's error names the sum of the parts as the number it should be
    assert any(i.expected == str(row_sum) and "（一）予以公开" in i.message for i in op.errors)
    assert [i.message for i in op.warnings] == [f.message for f in s.findings if f.severity == Severity.WARNING]
    assert any(f"的 {right + 1} 改为 {right}" in r for r in op.repairs)
    assert f"{len(op.errors)} 处错误、{len(op.warnings)} 处警告" in op.summary
    figures = [x for x in op.exhibits if isinstance(x, Figure)]
    assert len(figures) == 1 and "第 2 页" in figures[0].caption  # 表三 is on page 2
    assert Opinion.from_dict(op.to_dict()) == op


def test_corrections_and_accepted_findings_are_those_of_the_export(pdf_report):
    path, values, right = pdf_report
    s = _session(path)
    s.set_cell(CellRef("applications", "granted", "natural_person"), str(right))  # saved beside the report
    blank = next(f for f in s.findings if f.code == "values.blank")
    s.accept(blank, "原件即为空白")
    again = _session(path)  # opened again: the corrections come from the sidecar, as `export` has them
    op = build(again)
    assert not any("（一）予以公开" in i.message for i in op.errors)
    assert op.warnings == [] and op.accepted == 1
    assert [(c.before, c.after) for c in op.corrections] == [(str(right + 1), str(right))]
    assert "更正了 1 处数字" in op.summary and "1 处经核对已确认无误" in op.summary


def test_a_page_scanned_upside_down_is_pictured_upright_with_its_boxes(tmp_path):
    """A scan's boxes are those of the page read upright (Report.turns): the picture is turned the same way."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from gdchecker.model import Box
    from gdchecker.opinion import picture

    w, h = A4
    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(w - 200, 200, 100, 50, fill=1)  # upright at x 100–200, 200–250 from the top; stored upside down
    c.save()
    cell = Box(1, 100, 200, 200, 250)
    png, width, height = picture.render(str(path), 1, [cell], [(cell, ["error"])], turn=2)
    img = Image.open(io.BytesIO(png)).convert("RGB")
    top = (200 - picture.TOP) * picture.SCALE  # where the strip starts on the page
    k = picture.SCALE
    assert (width, height) == img.size and width == round(w * k)
    assert img.getpixel((int(150 * k), int(225 * k - top))) == (0, 0, 0)  # the cell's ink, upright
    assert img.getpixel((int(100 * k) - 3, int(225 * k - top))) == RED  # boxed where it is
    assert picture.render(str(tmp_path / "gone.pdf"), 1, [cell], [(cell, ["error"])]) is None


# -- Word -----------------------------------------------------------------------------------------------------
def test_docx_of_a_pdf_report_has_the_findings_the_repair_and_the_boxed_page(pdf_report, tmp_path):
    path, values, right = pdf_report
    s = _session(path)
    out = write_docx(build(s), tmp_path / "意见.docx")
    doc = Document(str(out))
    text = _text(doc)
    assert f"关于《{AGENCY}2023年政府信息公开工作年度报告》的校验意见" in text
    assert f"报送单位：{AGENCY}" in text and "报告年度：2023年" in text and "文件名称：report.pdf" in text
    rows = _finding_rows(doc)
    for f in s.findings:
        if f.severity != Severity.INFO:
            assert (f.message, str(f.expected) if f.expected is not None else "—") in rows
    assert f"把 表三“（一）予以公开”行“自然人”列的 {right + 1} 改为 {right}" in text
    assert len(doc.inline_shapes) == 1
    blip = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    img = Image.open(io.BytesIO(doc.part.related_parts[blip.embed].blob)).convert("RGB")
    assert img.width > 1000  # the page's width at 144 dpi
    assert _count(img, RED) > 200 and _count(img, AMBER) > 50 and _count(img, BLUE) > 50


def test_docx_of_a_word_report_draws_the_table_with_the_cells_shaded(docx_report, tmp_path):
    path, values, right = docx_report
    out = write_docx(build(_session(path)), tmp_path / "意见.docx")
    doc = Document(str(out))
    assert len(doc.inline_shapes) == 0
    drawn = [t for t in doc.tables if any(c.text == "（一）予以公开" for c in t.columns[0].cells)]
    assert len(drawn) == 1
    t = drawn[0]
    row = next(r for r in t.rows if r.cells[0].text == "（一）予以公开")
    assert row.cells[1].text == f"{right + 1}→{right}" and _fill(row.cells[1]) == "C9DDF8"  # the repair
    assert row.cells[-1].text == str(values["applications"]["granted"]["total"]) and _fill(row.cells[-1]) == "F8C9C4"
    total = next(r for r in t.rows if r.cells[0].text == "（七）总计")
    assert _fill(total.cells[1]) == "F8C9C4" and _fill(total.cells[2]) is None
    shaded = sum(1 for r in t.rows for c in r.cells if _fill(c) in ("F8C9C4", "FDE7B0", "C9DDF8"))
    assert shaded == 3  # the two totals that are wrong, the cell to change; nothing else


def test_docx_refuses_to_overwrite(pdf_report, tmp_path):
    path, _, _ = pdf_report
    op = build(_session(path))
    out = tmp_path / "意见.docx"
    out.write_bytes(b"keep")
    with pytest.raises(OpinionError) as e:
        write_docx(op, out)
    assert e.value.code == "exists" and "--force" in e.value.message and out.read_bytes() == b"keep"
    write_docx(op, out, force=True)
    assert Document(str(out)).paragraphs[0].text.startswith("关于《")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# -- PDF ------------------------------------------------------------------------------------------------------
def _pdf_text(path) -> str:
    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages).replace("\n", "")


def _pdf_cells(path) -> list[list[str]]:
    """The rows of the ruled tables of the PDF, each cell's wrapped lines joined."""
    with pdfplumber.open(str(path)) as pdf:
        return [[(c or "").replace("\n", "") for c in row] for p in pdf.pages for t in p.extract_tables() for row in t]


def test_pdf_has_extractable_chinese_the_messages_and_the_picture(qapp, pdf_report, tmp_path):
    from gdchecker.gui.opinion_pdf import write_pdf

    path, _, right = pdf_report
    s = _session(path)
    out = write_pdf(build(s), tmp_path / "意见.pdf")
    assert out.read_bytes()[:5] == b"%PDF-"
    text = _pdf_text(out)
    assert f"关于《{AGENCY}2023年政府信息公开工作年度报告》的校验意见" in text
    rows = _pdf_cells(out)
    for f in s.findings:
        if f.severity != Severity.INFO:  # the very words, no radicals standing for 工 or 见; and the number
            assert [f.message, "—" if f.expected is None else str(f.expected)] in [r[1:] for r in rows]
    assert f"的 {right + 1} 改为 {right}" in text
    with pdfplumber.open(str(out)) as pdf:
        assert sum(len(p.images) for p in pdf.pages) == 1
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                       check=True)
        assert (tmp_path / "page-1.png").stat().st_size > 5000


def test_pdf_of_a_text_report_draws_the_table(qapp, tmp_path):
    from gdchecker.gui.opinion_pdf import html_of, write_pdf

    values, right = _values()
    path = tmp_path / "report.txt"
    write_text(str(path), "2021", 2023, AGENCY, values)
    op = build(_session(path))
    assert [type(x) for x in op.exhibits] == [DrawnTable]
    html, figures = html_of(op, None)
    assert figures == {} and "bgcolor='#F8C9C4'" in html and "bgcolor='#C9DDF8'" in html
    text = _pdf_text(write_pdf(op, tmp_path / "意见.pdf"))
    assert f"{right + 1}→{right}" in text
    assert [op.errors[0].message, op.errors[0].expected] in [r[1:] for r in _pdf_cells(tmp_path / "意见.pdf")]


def test_a_pdf_writer_that_cannot_start_says_so_in_chinese(pdf_report, tmp_path, monkeypatch):
    path, _, _ = pdf_report
    op = build(_session(path))
    monkeypatch.setattr(pdfjob, "command", lambda: [str(tmp_path / "no-such-program")])
    out = tmp_path / "意见.pdf"
    [why] = pdfjob.write_pdfs([(op, out)], force=False)
    assert why is not None and "无法排版 PDF" in why and ".docx" in why and not out.exists()


def test_the_packaged_programs_route_to_the_pdf_writer(pdf_report, tmp_path, monkeypatch):
    """gdchecker-cli (no Qt inside) hands the PDF to the desktop program: `gdchecker --opinion-pdf JOB`."""
    path, _, _ = pdf_report
    op = build(_session(path))
    monkeypatch.setattr(pdfjob, "command", lambda: [sys.executable, "-m", "gdchecker.gui.app", "--opinion-pdf"])
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    out, kept = tmp_path / "意见.pdf", tmp_path / "已有.pdf"
    kept.write_bytes(b"keep")
    assert pdfjob.write_pdfs([(op, out), (op, kept)], force=False) == [None, "已有.pdf 已存在；如要覆盖，请加 --force（或在程序中确认覆盖）"]
    assert f"报送单位：{AGENCY}" in _pdf_text(out) and kept.read_bytes() == b"keep"


# -- the command line -----------------------------------------------------------------------------------------
def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "gdchecker", "opinion", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_cli_one_report_docx_pdf_and_refusing_to_overwrite(pdf_report, tmp_path):
    path, _, right = pdf_report
    r = _cli(str(path), "-o", "意见.docx", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "已写入 意见.docx（错误 4 处，警告 1 处）" in r.stdout
    before = (tmp_path / "意见.docx").read_bytes()
    again = _cli(str(path), "-o", "意见.docx", cwd=tmp_path)
    assert again.returncode == 2 and "意见.docx 已存在；如要覆盖，请加 --force" in again.stderr
    assert (tmp_path / "意见.docx").read_bytes() == before
    assert _cli(str(path), "-o", "意见.docx", "--force", cwd=tmp_path).returncode == 0
    pdf = _cli(str(path), "-o", "意见.pdf", cwd=tmp_path)
    assert pdf.returncode == 0, pdf.stderr
    text = _pdf_text(tmp_path / "意见.pdf")
    assert f"报送单位：{AGENCY}" in text and f"的 {right + 1} 改为 {right}" in text
    for r in (again, pdf):
        assert "Traceback" not in r.stderr


def test_cli_a_folder_writes_one_opinion_per_report(tmp_path):
    values, _ = _values()
    folder = tmp_path / "报告"
    (folder / "区县").mkdir(parents=True)
    make_pdf(str(folder / "甲.pdf"), "2021", 2023, AGENCY, values)
    write_text(str(folder / "区县" / "乙.txt"), "2021", 2023, "某县民政局", make_values("2021", seed=3))
    r = _cli(str(folder), "-o", "意见", "--pdf", "--quiet", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    made = sorted(p.name for p in (tmp_path / "意见").iterdir())
    assert made == ["乙_校验意见.pdf", "甲_校验意见.pdf"]
    assert "某县民政局" in _pdf_text(tmp_path / "意见" / "乙_校验意见.pdf")
    assert "经校验，未发现错误和警告。" in _pdf_text(tmp_path / "意见" / "乙_校验意见.pdf")
    # without -o: beside each report, as .docx
    beside = _cli(str(folder), "--quiet", cwd=tmp_path)
    assert beside.returncode == 0, beside.stderr
    assert (folder / "甲_校验意见.docx").exists() and (folder / "区县" / "乙_校验意见.docx").exists()
    # once more: both refused, nothing replaced
    refused = _cli(str(folder), "--quiet", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stderr.count("已存在") == 2


def test_a_folders_pdfs_are_written_in_batches(tmp_path, monkeypatch, capsys):
    from gdchecker import cli
    from gdchecker.opinion import command

    values, _ = _values()
    for name in ("甲", "乙", "丙"):
        write_text(str(tmp_path / f"{name}.txt"), "2021", 2023, AGENCY, values)
    monkeypatch.setattr(command, "PDF_BATCH", 2)
    calls = []
    real = pdfjob.write_pdfs
    monkeypatch.setattr(pdfjob, "write_pdfs", lambda jobs, force: calls.append(len(jobs)) or real(jobs, force))
    assert cli.main(["opinion", str(tmp_path), "--pdf", "--quiet"]) == 0
    assert calls == [2, 1] and capsys.readouterr().out.count("已写入") == 3
    assert sorted(p.name for p in tmp_path.glob("*_校验意见.pdf")) == ["丙_校验意见.pdf", "乙_校验意见.pdf", "甲_校验意见.pdf"]


def test_cli_bad_arguments_and_unreadable_reports_give_chinese_messages(pdf_report, tmp_path):
    path, _, _ = pdf_report
    other = tmp_path / "other.pdf"
    shutil.copy(path, other)
    cases = [
        ((str(path), "-o", "意见.txt"), "须以 .docx 或 .pdf 结尾"),
        ((str(path), str(other), "-o", "意见.docx"), "须写入一个文件夹"),
        ((str(path), "-o", "意见.docx", "--pdf"), "不一致"),
        ((str(tmp_path / "没有.pdf"),), "[无法读取]"),
    ]
    for args, said in cases:
        r = _cli(*args, cwd=tmp_path)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert said in r.stdout + r.stderr and "Traceback" not in r.stderr, args


# -- the app --------------------------------------------------------------------------------------------------
def test_the_menu_action_writes_the_current_reports_opinion(qtbot, tmp_path, pdf_report, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from gdchecker.gui.mainwindow import MainWindow

    path, _, right = pdf_report
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.show()
    assert not w.opinion_act.isEnabled()
    with qtbot.waitSignal(w.loaded, timeout=30000):
        w.open_path(str(path))
    assert w.opinion_act.isEnabled()
    w.current_view().session.set_cell(CellRef("applications", "granted", "natural_person"), str(right))
    asked = []

    def dialog(parent, title, suggested, filters):  # noqa: ANN001, ANN202
        asked.append((title, suggested, filters))
        return str(tmp_path / "来自菜单"), "PDF 文件 (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    w.opinion_act.trigger()
    assert asked and asked[0][0] == "导出校验意见" and asked[0][1].endswith("report_校验意见.docx")
    assert "*.docx" in asked[0][2] and "*.pdf" in asked[0][2]
    out = tmp_path / "来自菜单.pdf"
    text = _pdf_text(out)
    assert "校验时更正的数字" in text and f"{right + 1} → {right}" in text  # the corrected report, as the app shows
    assert "已导出校验意见" in w.statusBar().currentMessage()
