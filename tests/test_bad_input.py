"""Bad input: every file that is not a readable report gives a clear error (or a no_tables finding), never a
traceback or a hang; the CLI keeps going and exits 2 when a file could not be read."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from gdchecker.check import Result, check_file
from gdchecker.model import Severity
from tests.makers import iter_cells, make_values, write_docx, write_pdf
from tests.makers.pdf import register_font
from tests.makers.values import Values

ROOT = Path(__file__).resolve().parents[1]
AGENCY = "某市交通运输局"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PROSE = ("本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作，持续推进决策、执行、管理、服务、"
         "结果公开，依法办理政府信息公开申请，未发生因政府信息公开引发的行政复议和行政诉讼案件。")


# --------------------------------------------------------------------------- fixtures


def _png(path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 300), 255)
    draw = ImageDraw.Draw(img)
    for y in range(20, 280, 20):
        draw.line((20, y, 380, y), fill=0, width=2)
    img.save(path, format="PNG")


def _canvas_pdf(path: Path, pages: int, draw: Callable[[canvas.Canvas, int], None], encrypt: object = None) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)  # type: ignore[arg-type]
    for i in range(pages):
        draw(c, i)
        c.showPage()
    c.save()


def _text_page(c: canvas.Canvas, i: int) -> None:
    c.setFont(register_font(), 10.5)
    y = A4[1] - 60
    for k in range(40):
        c.drawString(45, y, f"第{i + 1}页第{k + 1}行：{PROSE[(k * 7) % 40:][:38]}")
        y -= 17


def _scanned_page(c: canvas.Canvas, i: int) -> None:
    """A scan: an image and ruled lines, no text."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (300, 200), 230)
    c.drawImage(ImageReader(img), 60, 400, 450, 300)
    for k in range(12):
        c.line(60, 100 + 20 * k, 535, 100 + 20 * k)
    c.rect(60, 100, 475, 220)


def _good_pdf(path: Path, seed: int = 7) -> Values:
    values = make_values("2021", seed=seed)
    write_pdf(str(path), "2021", 2023, AGENCY, values)
    return values


def _truncated(src: Path, dst: Path, fraction: float) -> None:
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * fraction)])


def _zip(path: Path, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)


def make_case(name: str, d: Path) -> Path:
    """Write the bad file called `name` under d and return its path."""
    p = d / name
    if name == "missing.pdf":
        return p
    if name == "directory.pdf":
        p.mkdir()
    elif name in ("empty.pdf", "empty.txt"):
        p.write_bytes(b"")
    elif name == "corrupt.pdf":
        p.write_bytes(b"%PDF-1.7\n" + random.Random(1).randbytes(20_000))
    elif name == "header-only.pdf":
        p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    elif name.startswith("truncated-") and name.endswith(".pdf"):
        _good_pdf(d / "whole.pdf")
        _truncated(d / "whole.pdf", p, float(name[len("truncated-"):-4]) / 100)
    elif name == "encrypted.pdf":
        _canvas_pdf(p, 2, _text_page, encrypt="secret")
    elif name == "scanned.pdf":
        _canvas_pdf(p, 3, _scanned_page)
    elif name == "blank.pdf":
        _canvas_pdf(p, 4, lambda c, i: None)
    elif name in ("old.doc", "old.wps", "old-renamed.docx"):
        p.write_bytes(OLE + bytes(4096 - len(OLE)))
    elif name == "image.pdf":
        _png(p)
    elif name == "letter.pdf":
        p.write_text(PROSE * 5, encoding="utf-8")
    elif name == "webpage.pdf":
        p.write_text("<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>", encoding="utf-8")
    elif name in ("photos.docx", "photos.zip"):
        _png(d / "x.png")
        _zip(p, {"photos/x.png": (d / "x.png").read_bytes(), "readme.txt": "照片".encode()})
    elif name == "scan.png":
        _png(p)
    elif name == "scanned.docx":
        import docx

        _png(d / "x.png")
        doc = docx.Document()
        doc.add_picture(str(d / "x.png"))
        doc.save(str(p))
    elif name == "table.xlsx":
        _zip(p, {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    elif name == "spaces.txt":
        p.write_text(" \n\t\n\u3000\n" * 100, encoding="utf-8")
    elif name == "dangling-link.pdf":
        p.symlink_to(d / "gone.pdf")
    elif name in ("truncated.docx", "bad-xml.docx"):
        write_docx(str(d / "whole.docx"), "2021", 2023, AGENCY, make_values("2021", seed=7))
        if name == "truncated.docx":
            _truncated(d / "whole.docx", p, 0.5)
            return p
        with zipfile.ZipFile(d / "whole.docx") as src, zipfile.ZipFile(p, "w") as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                dst.writestr(item, b"<w:document><w:body><w:p>" if item.filename == "word/document.xml" else data)
    elif name == "no-document.docx":
        _zip(p, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b""})
    elif name == "random.bin":
        p.write_bytes(random.Random(2).randbytes(100_000))
    elif name == "random.docx":
        p.write_bytes(random.Random(3).randbytes(50_000))
    else:
        raise AssertionError(name)
    return p


# name -> (the stable error code check_file must give, words its message must hold)
ERROR_CASES = {
    "missing.pdf": ("not_found", "找不到"),
    "directory.pdf": ("is_directory", "文件夹"),
    "empty.pdf": ("empty", "空"),
    "empty.txt": ("empty", "空"),
    "corrupt.pdf": ("corrupt", "损坏"),
    "header-only.pdf": ("corrupt", "损坏"),
    "truncated-3.pdf": ("corrupt", "损坏"),
    "encrypted.pdf": ("encrypted", "密码"),
    "scanned.pdf": ("no_text", "OCR"),
    "blank.pdf": ("blank", "空白"),
    "old.doc": ("old_format", "另存为 .docx 或 PDF"),
    "old.wps": ("old_format", "另存为 .docx 或 PDF"),
    "old-renamed.docx": ("old_format", "另存为 .docx 或 PDF"),
    "image.pdf": ("wrong_type", "图片"),
    "letter.pdf": ("wrong_type", "纯文本"),
    "webpage.pdf": ("wrong_type", "网页"),
    "photos.docx": ("wrong_type", "压缩包"),
    "truncated.docx": ("corrupt", "损坏"),
    "bad-xml.docx": ("corrupt", "损坏"),
    "no-document.docx": ("corrupt", "损坏"),
    "random.bin": ("not_report", "无法识别"),
    "random.docx": ("corrupt", "损坏"),
    "photos.zip": ("not_report", "解压"),
    "scan.png": ("not_report", "OCR"),
    "scanned.docx": ("no_text", "OCR"),
    "table.xlsx": ("corrupt", "Excel"),  # a workbook with no sheets in it is a broken one
    "spaces.txt": ("empty", "没有任何文字"),
    "dangling-link.pdf": ("not_found", "找不到"),
}


def _error(res: Result) -> tuple[str, str]:
    assert res.report is None and res.findings is None
    assert res.error is not None, "expected a read error"
    return res.error.code, res.error.message


def _same(got: object, want: object) -> bool:
    if isinstance(got, (int, float)) and isinstance(want, (int, float)):
        return abs(got - want) < 1e-9
    return got == want


def _timed(path: Path) -> tuple[Result, float]:
    t = time.perf_counter()
    res = check_file(str(path))
    return res, time.perf_counter() - t


# --------------------------------------------------------------------------- check_file


@pytest.mark.parametrize("name", sorted(ERROR_CASES))
def test_unreadable_file_gives_error(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if name == "scan.png":  # a picture is read by OCR where the extra is installed (tests/test_scan_images.py)
        import gdchecker.ocr

        monkeypatch.setattr(gdchecker.ocr, "available", lambda: False)
    res, secs = _timed(make_case(name, tmp_path))
    code, message = _error(res)
    assert code == ERROR_CASES[name][0], message
    assert ERROR_CASES[name][1] in message
    assert message and "\n" not in message and len(message) <= 80
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)  # Chinese
    assert "Error" not in message and "Traceback" not in message  # no Python in front of people
    assert secs < 5


@pytest.mark.parametrize("fraction", [10, 30, 50, 70, 90, 99])
def test_truncated_pdf_is_error_or_partial_read(tmp_path: Path, fraction: int) -> None:
    """A PDF cut short: pdfium may rebuild what is left; either a clear error or a result, never a crash."""
    res, secs = _timed(make_case(f"truncated-{fraction}.pdf", tmp_path))
    assert secs < 10
    if res.error is not None:
        assert res.error.code == "corrupt", res.error.message
    else:
        assert res.findings is not None


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    """Permissions-only encryption (no password needed to open) is common in government PDFs: read it."""
    p = tmp_path / "restricted.pdf"
    enc = StandardEncryption("", ownerPassword="owner", canPrint=1, canModify=0, canCopy=0, canAnnotate=0)
    _canvas_pdf(p, 2, _text_page, encrypt=enc)
    res = check_file(str(p))
    assert res.error is None, res.error and res.error.message
    assert res.findings is not None and "structure.no_tables" in {f.code for f in res.findings}


def _no_tables(res: Result) -> None:
    assert res.error is None, res.error and res.error.message
    assert res.findings is not None
    codes = {f.code for f in res.findings if f.severity == Severity.ERROR}
    assert "structure.no_tables" in codes


def test_text_that_is_not_a_report(tmp_path: Path) -> None:
    p = tmp_path / "letter.txt"
    p.write_text("关于召开年度工作会议的通知\n" + PROSE * 3, encoding="utf-8")
    _no_tables(check_file(str(p)))


def test_html_without_tables(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text("<html><head><meta charset='utf-8'><title>通知公告</title></head><body>"
                 + "".join(f"<p>{PROSE}</p>" for _ in range(20)) + "</body></html>", encoding="utf-8")
    _no_tables(check_file(str(p)))


def test_docx_without_tables(tmp_path: Path) -> None:
    import docx

    p = tmp_path / "memo.docx"
    d = docx.Document()
    for _ in range(10):
        d.add_paragraph(PROSE)
    d.save(str(p))
    _no_tables(check_file(str(p)))


@pytest.mark.parametrize(("name", "line", "count"), [
    ("huge.txt", "第十条　" + PROSE, 80_000),  # 24 MB: refused by its size, before decoding
    ("many-lines.txt", "第十条", 60_000),  # few bytes, too many lines
    ("many-chars.txt", PROSE, 12_000),  # under the byte limit, too many characters
    ("many-paragraphs.html", f"<p>{PROSE}</p>", 12_000),
    ("huge.html", f"<div><span style='font-family:仿宋'>{PROSE}</span></div>", 100_000),  # over 16 MB of markup
], ids=["huge.txt", "many-lines.txt", "many-chars.txt", "many-paragraphs.html", "huge.html"])
def test_too_much_text_is_refused_quickly(tmp_path: Path, name: str, line: str, count: int) -> None:
    """A huge file that is not a report: too_large, in seconds (checking time grows with the lines)."""
    p = tmp_path / name
    p.write_text("<html><body>" * name.endswith(".html") + (line + "\n") * count, encoding="utf-8")
    res, secs = _timed(p)
    print(f"{name} {p.stat().st_size / 1e6:.1f} MB: {secs:.2f} s")
    assert _error(res)[0] == "too_large"
    assert secs < 5


def test_long_text_under_the_limits_finishes(tmp_path: Path) -> None:
    """Just under the line limit the whole check still runs, in seconds."""
    p = tmp_path / "long.txt"
    p.write_text("第十条\n" * 45_000, encoding="utf-8")
    res, secs = _timed(p)
    print(f"45 000-line text: {secs:.2f} s")
    _no_tables(res)
    assert secs < 10


def _raiser(exc: BaseException) -> Callable[..., None]:
    def f(*_: object) -> None:
        raise exc

    return f


def test_unexpected_exceptions_become_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gdchecker.check as chk

    p = tmp_path / "letter.txt"
    p.write_text(PROSE, encoding="utf-8")

    for where, exc, code in (("locate", KeyError("x"), "internal"), ("read", KeyError("x"), "unreadable"),
                             ("read", RecursionError(), "unreadable"), ("locate", MemoryError(), "too_large")):
        with monkeypatch.context() as m:
            m.setattr(chk, where, _raiser(exc))
            assert _error(chk.check_file(str(p)))[0] == code


def test_unreadable_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gdchecker.read as rd

    p = tmp_path / "secret.pdf"
    p.write_bytes(b"%PDF-1.4\n")

    def denied(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(rd, "open", denied, raising=False)  # root may read any file: make open fail instead
    code, message = _error(check_file(str(p)))
    assert code == "unreadable" and "权限" in message


# --------------------------------------------------------------------------- a 300-page PDF


def test_300_page_pdf_is_fast_and_read(tmp_path: Path) -> None:
    """~297 pages of prose that mention 行政复议/行政诉讼/总计 (so every page looks like it may hold a table),
    then the real report: the tables on the last pages must still be read cell by cell, in well under 10 s."""
    import pypdfium2 as pdfium

    report, prose, big = tmp_path / "report.pdf", tmp_path / "prose.pdf", tmp_path / "big.pdf"
    values = _good_pdf(report)
    _canvas_pdf(prose, 300 - len(pdfium.PdfDocument(str(report))), _text_page)
    out = pdfium.PdfDocument.new()
    for src in (prose, report):
        part = pdfium.PdfDocument(str(src))
        out.import_pages(part)
        part.close()
    out.save(str(big))
    out.close()
    n = len(pdfium.PdfDocument(str(big)))
    assert n == 300
    res, secs = _timed(big)
    print(f"{n}-page PDF: {secs:.2f} s")
    assert res.error is None, res.error and res.error.message
    assert res.report is not None
    tables = res.report.tables
    wrong = [(t, r, c, want, tables[t].value(r, c) if t in tables else None) for t, r, c, want in iter_cells(values)
             if t not in tables or not _same(tables[t].value(r, c), want)]
    assert wrong == []
    assert secs < 10


# --------------------------------------------------------------------------- the command line


def _cli(*files: Path | str, as_json: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gdchecker", "check", *map(str, files), *["--json"] * as_json],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_cli_keeps_going_and_exits_2(tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    _good_pdf(good)
    letter = tmp_path / "letter.txt"
    letter.write_text(PROSE, encoding="utf-8")
    bad = [make_case(n, tmp_path) for n in ("missing.pdf", "encrypted.pdf", "old.doc", "directory.pdf",
                                            "random.bin", "truncated.docx")]
    files = [bad[0], good, bad[1], letter, *bad[2:], good]
    proc = _cli(*files)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, proc.stderr
    out = json.loads(proc.stdout)
    assert [o["file"] for o in out] == [str(f) for f in files]
    errors = {o["file"]: o["error"]["code"] for o in out if "error" in o}
    assert errors == {str(bad[0]): "not_found", str(bad[1]): "encrypted", str(bad[2]): "old_format",
                      str(bad[3]): "is_directory", str(bad[4]): "not_report", str(bad[5]): "corrupt"}
    for o in out:
        if "error" in o:
            assert set(o) == {"file", "error"} and set(o["error"]) == {"code", "message"}
    assert "tables" in out[1] and out[1]["tables"]
    assert "structure.no_tables" in {f["code"] for f in out[3]["findings"]}


def test_cli_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    _good_pdf(good)
    letter = tmp_path / "letter.txt"
    letter.write_text(PROSE, encoding="utf-8")
    ok = _cli(good)
    assert ok.returncode == 0 and "Traceback" not in ok.stderr
    findings = _cli(good, letter)
    assert findings.returncode == 1 and "Traceback" not in findings.stderr
    unreadable = _cli(make_case("corrupt.pdf", tmp_path))
    assert unreadable.returncode == 2 and "Traceback" not in unreadable.stderr
    assert json.loads(unreadable.stdout)[0]["error"]["code"] == "corrupt"


def test_cli_text_output_for_bad_files(tmp_path: Path) -> None:
    files = [make_case(n, tmp_path) for n in ("missing.pdf", "scanned.pdf", "blank.pdf")]
    proc = _cli(*files, as_json=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    for f in files:
        assert str(f) in proc.stdout
    assert "OCR" in proc.stdout
