"""Old Word/WPS, OpenDocument and RTF files: converted by LibreOffice to .docx and checked like the .docx they came
from; without LibreOffice, a message saying how to go on; a conversion that hangs is stopped in seconds, and no
temporary folder or process is left behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from gdchecker import batch
from gdchecker.check import Result, check_file
from gdchecker.model import Severity
from gdchecker.read import ReadError, convert, read
from tests.makers import make_values, write_docx

SOFFICE = convert.find_soffice()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
AGENCY = "某区卫生健康委员会"
FORMATS = ("doc", "odt", "rtf")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _soffice(src: Path, to: str, outdir: Path) -> Path:
    """`soffice --convert-to`, as a user's office would have saved the report."""
    assert SOFFICE is not None
    cmd = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(outdir / 'profile').as_uri()}",
           "--convert-to", to, "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    out = outdir / f"{src.stem}.{to}"
    assert out.is_file(), f"soffice made no .{to}"
    return out


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One generated report as .docx, and as LibreOffice saves it as .doc, .odt and .rtf."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    d = tmp_path_factory.mktemp("saved")
    docx = d / "report.docx"
    write_docx(str(docx), "2021", 2022, AGENCY, make_values("2021", seed=5))
    return {"docx": docx} | {to: _soffice(docx, to, d / to) for to in FORMATS}


def _values(res: Result) -> dict[str, dict[str, dict[str, object]]]:
    assert res.error is None, res.error and res.error.message
    assert res.report is not None
    return {k: {r: {c: cell.value for c, cell in cols.items()} for r, cols in t.cells.items()}
            for k, t in res.report.tables.items()}


def _codes(res: Result) -> list[str]:
    assert res.findings is not None
    return sorted(f.code for f in res.findings if f.code != convert.CODE)


@needs_soffice
@pytest.mark.parametrize("to", FORMATS)
def test_converted_file_reads_as_the_docx(saved: dict[str, Path], to: str) -> None:
    want = check_file(str(saved["docx"]))
    t = time.perf_counter()
    got = check_file(str(saved[to]))
    secs = time.perf_counter() - t
    assert _values(got) == _values(want)
    assert got.report is not None and want.report is not None
    assert (got.report.year, got.report.agency, got.report.format_version) == (2022, AGENCY, "2021")
    assert _codes(got) == _codes(want)
    assert got.findings is not None
    notes = [f for f in got.findings if f.code == convert.CODE]
    assert len(notes) == 1 and notes[0].severity == Severity.INFO
    assert f".{to}" in notes[0].message and "LibreOffice" in notes[0].message
    assert secs < 30, f"converting took {secs:.1f} s"


@needs_soffice
def test_the_text_output_says_the_file_was_converted(saved: dict[str, Path]) -> None:
    out = subprocess.run([sys.executable, "-m", "gdchecker", "check", str(saved["doc"])], capture_output=True,
                         text=True, encoding="utf-8", timeout=120)
    assert out.returncode == 0, out.stderr
    assert "已用 LibreOffice 将 .doc 文件转换为 .docx 后检查" in out.stdout
    assert "Traceback" not in out.stderr


@needs_soffice
def test_a_folder_of_converted_files_is_checked_in_parallel(saved: dict[str, Path], tmp_path: Path) -> None:
    """Each conversion has a profile of its own: several at once do not get in each other's way."""
    for to in FORMATS:
        shutil.copy(saved[to], tmp_path / f"报告.{to}")
    paths = batch.find_reports([str(tmp_path)])
    assert sorted(Path(p).suffix for p in paths) == [".doc", ".odt", ".rtf"]
    want = _values(check_file(str(saved["docx"])))
    for res in batch.run(paths, workers=3):
        assert _values(res) == want, res.path


@needs_soffice
def test_a_broken_doc_is_a_clear_error(tmp_path: Path) -> None:
    """An OLE file that names a WordDocument stream but holds nothing LibreOffice can open."""
    name = "WordDocument".encode("utf-16-le")
    p = tmp_path / "坏.doc"
    p.write_bytes(OLE + bytes(504) + name + bytes(512 - len(name)) + bytes(1024))
    before = set(os.listdir(tempfile.gettempdir()))
    res = check_file(str(p))
    assert res.error is not None and res.error.code == "convert_failed", res.error
    assert "LibreOffice" in res.error.message and "另存为 .docx 或 PDF" in res.error.message
    left = {n for n in set(os.listdir(tempfile.gettempdir())) - before if n.startswith("gdchecker-convert-")}
    assert left == set()


# --------------------------------------------------------------------------- without LibreOffice


def _ole_doc(path: Path) -> Path:
    name = "WordDocument".encode("utf-16-le")
    path.write_bytes(OLE + bytes(504) + name + bytes(512 - len(name)) + bytes(1024))
    return path


def _odf(path: Path, mimetype: str) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        z.writestr("content.xml", "<office:document-content/>")
    return path


def _rtf(path: Path) -> Path:
    path.write_text(r"{\rtf1\ansi 2023年政府信息公开工作年度报告}", encoding="ascii", errors="ignore")
    return path


@pytest.mark.parametrize("name,code", [("旧.doc", "old_format"), ("旧.wps", "old_format"),
                                       ("文档.odt", "unsupported"), ("文档.rtf", "unsupported")])
def test_without_libreoffice_the_message_says_how_to_go_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           name: str, code: str) -> None:
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    p = tmp_path / name
    if p.suffix in (".doc", ".wps"):
        _ole_doc(p)
    elif p.suffix == ".odt":
        _odf(p, "application/vnd.oasis.opendocument.text")
    else:
        _rtf(p)
    with pytest.raises(ReadError) as e:
        read(str(p))
    assert e.value.code == code
    assert "另存为 .docx 或 PDF" in e.value.message and "安装 LibreOffice" in e.value.message
    assert len(e.value.message) <= 80


def test_an_opendocument_spreadsheet_is_not_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "find_soffice", lambda: "/nonexistent/soffice")
    monkeypatch.setattr(convert, "to_docx", _never)
    with pytest.raises(ReadError) as e:
        read(str(_odf(tmp_path / "表.ods", "application/vnd.oasis.opendocument.spreadsheet")))
    assert e.value.code == "unsupported" and "表格" in e.value.message


def test_an_ole_file_without_a_word_document_is_not_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An old .xls or a file of zeros named .doc: LibreOffice is not started for it."""
    monkeypatch.setattr(convert, "find_soffice", lambda: "/nonexistent/soffice")
    monkeypatch.setattr(convert, "to_docx", _never)
    p = tmp_path / "旧.doc"
    p.write_bytes(OLE + bytes(2040))
    with pytest.raises(ReadError) as e:
        read(str(p))
    assert e.value.code == "old_format" and "另存为 .docx 或 PDF" in e.value.message


def _never(*args: object, **kwargs: object) -> bytes:
    raise AssertionError("LibreOffice must not be started")


def test_the_input_size_is_checked_before_converting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "find_soffice", lambda: "/nonexistent/soffice")
    monkeypatch.setattr(convert, "MAX_INPUT_BYTES", 1000)
    monkeypatch.setattr(convert, "_start", _never)
    p = _rtf(tmp_path / "大.rtf")
    p.write_bytes(p.read_bytes() + b" " * 2000)
    with pytest.raises(ReadError) as e:
        read(str(p))
    assert e.value.code == "too_large" and "MB" in e.value.message


def test_libreoffice_is_looked_for_in_the_usual_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    if sys.platform == "win32":
        assert r"C:\Program Files\LibreOffice\program\soffice.exe" in convert._candidates()
        return
    assert convert._candidates()[0] == "/usr/lib/libreoffice/program/soffice"
    exe = tmp_path / "soffice"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    monkeypatch.setattr(convert, "_candidates", lambda: [str(tmp_path / "missing"), str(exe)])
    assert convert.find_soffice() == str(exe)
    monkeypatch.setattr(convert, "_candidates", lambda: [str(tmp_path / "missing")])
    assert convert.find_soffice() is None


# --------------------------------------------------------------------------- a conversion that hangs

HANG = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
open(sys.argv[1], "w").write(str(child.pid))
time.sleep(60)
"""


def _gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for a parent that does not reap it has ended too)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1].startswith(("Z", "X"))
    except FileNotFoundError:
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="the process-group check reads /proc")
def test_a_conversion_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command stands in for a LibreOffice that never ends and has started a process of its own: both are
    ended at the time limit, the error is Chinese, and the temporary folder is gone."""
    temp = tmp_path / "temp"
    temp.mkdir()
    pidfile = tmp_path / "child.pid"
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(convert, "find_soffice", lambda: sys.executable)
    monkeypatch.setattr(convert, "TIMEOUT", 2.0)
    monkeypatch.setattr(convert, "command", lambda exe, src, outdir, profile: [exe, "-c", HANG, str(pidfile)])
    t = time.perf_counter()
    res = check_file(str(_rtf(tmp_path / "报告.rtf")))
    secs = time.perf_counter() - t
    assert res.error is not None and res.error.code == "convert_failed"
    assert "超过 2 秒仍未完成" in res.error.message and "另存为 .docx 或 PDF" in res.error.message
    assert secs < 6, f"{secs:.1f} s"
    assert list(temp.iterdir()) == []
    assert pidfile.exists(), "the stand-in never started"
    child = int(pidfile.read_text())
    deadline = time.monotonic() + 3
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child), "a process the conversion started outlived it"
