"""Progress while a scan's pages are recognised: check_file's callback, the command line's lines on standard error
(standard output stays the JSON), the window's status bar. Skipped where the extra gdchecker[ocr] is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import gdchecker.ocr
from gdchecker.check import check_file
from tests.makers import make_values, write_pdf
from tests.makers.scan import CLEAN, write_scan

if not gdchecker.ocr.available():
    pytest.skip("OCR extra not installed (pip install -e '.[ocr]')", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("progress")
    write_pdf(d / "report.pdf", "2021", 2023, "某市交通运输局", make_values("2021", seed=4))
    return write_scan(d / "report.pdf", d / "scan.pdf", **CLEAN)


def test_check_file_reports_every_page(scan):
    calls: list[tuple[int, int]] = []
    start = time.perf_counter()
    res = check_file(str(scan), progress=lambda done, total: calls.append((done, total)))
    print(f"{calls[-1][1]} pages in {time.perf_counter() - start:.1f} s")
    assert res.error is None and res.report is not None
    total = calls[-1][1]
    assert total >= 1 and calls == [(k, total) for k in range(1, total + 1)]


def test_a_text_pdf_makes_no_progress_calls(scan):
    calls: list[tuple[int, int]] = []
    res = check_file(str(scan.parent / "report.pdf"), progress=lambda d, t: calls.append((d, t)))
    assert res.error is None and calls == []
    assert check_file(str(scan)).error is None  # without a callback, as before


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "gdchecker", "check", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=600, env=env)


def test_cli_prints_pages_on_stderr_and_json_stays_clean(scan):
    r = _cli("--json", str(scan))
    data = json.loads(r.stdout)
    assert [d["file"] for d in data] == [str(scan)]
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("正在识别扫描件")]
    assert lines and lines[-1].endswith(f"第 {len(lines)}/{len(lines)} 页") and "scan.pdf" in lines[0]
    assert "正在识别" not in r.stdout


def test_cli_quiet_prints_no_pages(scan):
    r = _cli("--quiet", str(scan))
    assert "正在识别" not in r.stderr + r.stdout


def test_window_shows_the_pages(qtbot, tmp_path, scan):
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QSettings

    from gdchecker.gui.mainwindow import MainWindow

    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.show()
    seen: list[tuple[str, int, int]] = []
    w.statusBar().messageChanged.connect(lambda m: seen.append((m, w.progress.value(), w.progress.maximum())))
    with qtbot.waitSignal(w.loaded, timeout=300000):
        w.open_path(str(scan))
    pages = [s for s in seen if s[0].startswith("正在识别扫描件：第 ")]
    assert pages, seen
    total = pages[-1][2]
    assert pages[-1] == (f"正在识别扫描件：第 {total}/{total} 页", total, total)
    assert w.current_view() is not None


def test_reading_a_scan_can_be_cancelled(qtbot, tmp_path, scan):
    """取消识别 stops after the page being read: no report opens, no error dialog, the status bar says so."""
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from gdchecker.gui.mainwindow import MainWindow

    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.show()
    warned: list[str] = []
    qtbot_patch = QMessageBox.warning
    QMessageBox.warning = lambda *a, **k: warned.append(str(a[2]))  # type: ignore[assignment]
    seen: list[str] = []
    w.statusBar().messageChanged.connect(seen.append)
    try:
        with qtbot.waitSignal(w.loaded, timeout=300000):
            w.open_path(str(scan))
            w.cancel_reading()  # at once: the first page takes a second, the reading stops after it
    finally:
        QMessageBox.warning = qtbot_patch  # type: ignore[assignment]
    pages = [m for m in seen if m.startswith("正在识别扫描件：第 ")]
    assert w.last_result is not None and w.last_result.error is not None
    assert w.last_result.error.code == "cancelled"
    assert len(pages) == 1 and pages[0].startswith("正在识别扫描件：第 1/")  # stopped after the first page
    assert w.current_view() is None and not warned
    assert "已取消识别" in w.statusBar().currentMessage()


def test_check_file_stops_when_the_callback_cancels(scan):
    from gdchecker.check import Cancelled

    def stop(done: int, total: int) -> None:
        raise Cancelled

    res = check_file(str(scan), progress=stop)
    assert res.error is not None and res.error.code == "cancelled" and res.error.message == "已取消读取"


def _checked_with_threads(path: str):  # noqa: ANN202 - a Result; module-level, to reach the worker processes
    from gdchecker.ocr import recognize

    res = check_file(path)
    session, _ = recognize._model()
    res.previous = session.session.get_session_options().intra_op_num_threads  # where the test can see it
    return res


def test_a_folder_check_reads_scans_in_its_workers(scan, tmp_path):
    """A folder of a scan and a text PDF: the scan is read by OCR in a worker process, with one thread for the
    model there (the workers fill the cores), and gives the findings of a check of it alone; last year's report
    pairs with it as with a text PDF."""
    from gdchecker import batch

    last = tmp_path / "2022.pdf"
    write_pdf(last, "2021", 2022, "某市交通运输局", make_values("2021", seed=9))
    alone = check_file(str(scan))
    results = batch.run([str(scan), str(last)], workers=2, checker=_checked_with_threads)
    assert [r.error for r in results] == [None, None]
    assert results[0].previous == 1  # one thread in a worker
    assert results[0].report.tables.keys() == alone.report.tables.keys()
    assert {f.key() for f in results[0].findings} == {f.key() for f in alone.findings}
    for r in results:
        r.previous = None
    batch.pair_years(results)
    assert results[0].previous is not None and results[0].previous.year == 2022
