"""The app as an office uses it day to day: undo after reopening, 恢复原值, the page zoomed, the right source
row for text reports, a small screen."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gdchecker.gui.mainwindow import MainWindow  # noqa: E402
from gdchecker.model import CellRef, Severity  # noqa: E402
from tests.makers import make_values, write_html  # noqa: E402
from tests.test_gui import _open, report_file, window  # noqa: E402, F401 - fixtures

RESEARCH = CellRef("applications", "granted", "research")


def _again(qtbot, tmp_path) -> MainWindow:
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.show()
    return w


def test_undo_works_after_the_report_is_opened_again(qtbot, window, report_file, tmp_path):  # noqa: F811
    view = _open(qtbot, window, report_file)
    original = view.session.original.tables["applications"].cell("granted", "research").text
    wrong = view.session.original.tables["applications"].value("granted", "natural_person")
    view.edit_cell(CellRef("applications", "granted", "natural_person"), str(wrong - 1))
    assert view.session.counts()[Severity.ERROR] == 0
    view.edit_cell(RESEARCH, "77")
    window.close()

    again = _again(qtbot, tmp_path)
    view2 = _open(qtbot, again, report_file)
    assert again.undo_act.isEnabled()
    again.undo_act.trigger()  # the last change first
    assert view2.session.report.tables["applications"].cell("granted", "research").text == original
    assert view2.session.counts()[Severity.ERROR] == 0
    again.undo_act.trigger()  # then the correction before it: the report's errors are back
    assert view2.session.counts()[Severity.ERROR] == 2
    assert not again.undo_act.isEnabled() and again.redo_act.isEnabled()
    again.redo_act.trigger()
    assert view2.session.counts()[Severity.ERROR] == 0


def test_restore_the_original_from_the_cells_menu(qtbot, window, report_file):  # noqa: F811
    view = _open(qtbot, window, report_file)
    original = view.session.original.tables["applications"].cell("granted", "research").text
    menu = view.cell_menu(RESEARCH)
    restore = next(a for a in menu.actions() if a.text().startswith("恢复原值"))
    assert not restore.isEnabled()  # nothing to restore yet
    view.edit_cell(RESEARCH, "77")
    restore = next(a for a in view.cell_menu(RESEARCH).actions() if a.text().startswith("恢复原值"))
    assert restore.isEnabled() and restore.text() == f"恢复原值（{original}）"
    restore.trigger()
    assert view.session.edit_of(RESEARCH) is None
    assert view.session.report.tables["applications"].cell("granted", "research").text == original
    window.undo_act.trigger()  # restoring is a change like any other: one undo brings the correction back
    assert view.session.edit_of(RESEARCH).text == "77"


def test_the_page_zooms_with_ctrl_wheel_and_fits_the_width_again(qtbot, window, report_file):  # noqa: F811
    view = _open(qtbot, window, report_file)
    src = view.source
    view.select_cell(CellRef("applications", "partial", "total"))
    fit = src.page_label.pixmap().width()
    wheel = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120), Qt.NoButton,
                        Qt.ControlModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(src.scroll.viewport(), wheel)
    assert src.zoom > 1 and src.zoom_text.text() == f"{round(src.zoom * 100)}%"
    src.set_zoom(2.0)
    assert abs(src.page_label.pixmap().width() - 2 * fit) <= 4
    assert "红框" in src.caption.text()  # the cell is still marked at the new size
    src.zoom_fit.click()
    assert src.zoom == 1.0 and abs(src.page_label.pixmap().width() - fit) <= 2
    for _ in range(20):
        src.step_zoom(-1)
    assert src.zoom == 0.5 and not src.zoom_out.isEnabled()


def test_the_source_of_a_web_page_shows_the_row_itself(qtbot, window, tmp_path):  # noqa: F811
    """The label stands in the prose too, and in the table its cells are separated: the line shown is the
    table's row, for every row."""
    path = tmp_path / "page.html"
    write_html(str(path), "2021", 2023, "某局", make_values("2021", 3))
    html = path.read_text(encoding="utf-8")
    # the prose names rows before the table does
    html = html.replace("<body>", "<body><p>本年度（七）总计办理申请若干件，其中（一）予以公开、2.重复申请的情况见下表。</p>", 1)
    path.write_text(html, encoding="utf-8")
    view = _open(qtbot, window, path)
    t = view.session.original.tables["applications"]
    for row in ("granted", "total", "not_processed.duplicate", "denied.state_secret"):
        view.select_cell(CellRef("applications", row, "total"))
        line = view.source.text.textCursor().selectedText()
        assert str(t.value(row, "total")) in line.split("\t") or line.endswith(str(t.value(row, "total"))), (row, line)
        assert "下表" not in line


def test_the_total_column_stays_in_view_on_a_small_screen(qtbot, window, report_file):  # noqa: F811
    view = _open(qtbot, window, report_file)
    window.resize(1024, 660)
    qtbot.waitUntil(lambda: window.width() <= 1024)
    view.show_table("applications")
    QApplication.processEvents()
    model = view.grid.model()
    last = model.columnCount() - 1
    right = view.grid.columnViewportPosition(last) + view.grid.columnWidth(last)
    assert right <= view.grid.viewport().width()
    label = model.data(model.index(len(model.lay.header) + 1, 0), Qt.ToolTipRole)
    assert label and "上年结转" in label  # the label column may be narrow: its whole text is in the tooltip


def test_selfcheck_says_the_translation_and_a_chinese_font_are_there(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    r = subprocess.run([sys.executable, "-m", "gdchecker.gui.app", "--selfcheck"], capture_output=True, text=True,
                       timeout=120, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "取消 = 取消" in r.stdout and "has Chinese" in r.stdout


def test_a_folder_with_an_export_in_it_counts_only_the_reports_and_exports_its_summary(qtbot, window, tmp_path):  # noqa: F811
    """The tool's own workbook lying among the reports is named as skipped, never counted; the folder's tab
    exports the summary workbook a reviewer sorts (汇总, 问题清单)."""
    from openpyxl import load_workbook

    from gdchecker.check import check_file
    from gdchecker.export.xlsx import write_results
    from tests.makers.folder import make_folder

    made = make_folder(tmp_path / "reports", bodies=2)
    first = sorted(p for p in (tmp_path / "reports").rglob("*") if p.suffix == ".pdf")[0]
    write_results(first.with_suffix(".xlsx"), [check_file(str(first))])  # an export beside the report
    view = window.open_folder(str(tmp_path / "reports"))
    with qtbot.waitSignal(view.finished, timeout=120000):
        pass
    assert view.model.rowCount() == len(made)
    assert not any(r.path.endswith(".xlsx") for r in view.results)
    assert view.skipped_label.isVisible() and first.with_suffix(".xlsx").name in view.skipped_label.text()
    assert "已跳过" in view.state.text()
    assert window.export_act.isEnabled() and view.export_btn.isEnabled()
    out = tmp_path / "汇总.xlsx"
    assert window.export_xlsx(target=str(out)) == str(out)
    wb = load_workbook(out)
    assert {"汇总", "问题清单"} <= set(wb.sheetnames)
    files = [c.value for c in wb["汇总"]["B"][1:] if c.value]
    assert len(files) == len(made)
    # the workbook just written is itself skipped by the next check of the folder
    again = window.open_folder(str(tmp_path))
    assert any(p.endswith("汇总.xlsx") for p, _ in again.skipped)
    again.stop()
    again.thread.wait(60000)
