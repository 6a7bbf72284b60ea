"""The desktop app under pytest-qt (offscreen): tree counts, findings, corrections, persistence, threads."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from gdchecker.gui.mainwindow import MainWindow  # noqa: E402
from gdchecker.gui.models import FindingsModel, ReportTreeModel, TableGridModel  # noqa: E402
from gdchecker.gui.reportview import ReportView  # noqa: E402
from gdchecker.model import CellRef, Severity  # noqa: E402
from tests.makers import make_values, write_pdf  # noqa: E402


@pytest.fixture
def report_file(tmp_path):
    values = make_values("2021", seed=9)
    values["applications"]["granted"]["natural_person"] += 1  # row total and column total break
    path = tmp_path / "report.pdf"
    write_pdf(str(path), "2021", 2023, "某市交通运输局", values)
    return path


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    return w


def _open(qtbot, window, path) -> ReportView:
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.open_path(str(path))
    view = window.current_view()
    assert view is not None
    return view


def _tree_text(view: ReportView, table: str, row: str | None = None) -> str:
    return view.tree_model.data(view.tree_model.index_of(table, row), Qt.DisplayRole)


def test_tree_shows_counts_and_the_worst_table_first(qtbot, window, report_file):
    view = _open(qtbot, window, report_file)
    s = view.session
    assert s.counts()[Severity.ERROR] == 2
    top = view.tree_model.data(view.tree_model.index(0, 0), Qt.DisplayRole)
    assert "错误 2" in top
    assert "错误 2" in _tree_text(view, "applications")
    # a row counts the findings about its own cells: (一)'s total is wrong, the column total sits in （七）
    assert "错误 1" in _tree_text(view, "applications", "granted")
    assert "错误 1" in _tree_text(view, "applications", "total")
    assert "错误" not in _tree_text(view, "applications", "partial")
    assert view.current_table == "applications"
    assert window.tabs.tabText(0) == "report.pdf"


def test_selecting_a_finding_highlights_all_its_cells(qtbot, window, report_file):
    view = _open(qtbot, window, report_file)
    model = view.findings_model
    row = next(i for i, f in enumerate(model.items) if f.code == "applications.row_total")
    view.findings.selectRow(view.proxy.mapFromSource(model.index(row, 0)).row())
    f = model.items[row]
    grid = view.grid_models["applications"]
    assert grid.highlight == set(f.cells) and len(f.cells) == 7
    current = grid.ref(view.grid.currentIndex())
    assert current == f.cells[0]
    assert view.apply_btn.isEnabled()


def test_editing_a_cell_rechecks_saves_and_undo_restores(qtbot, window, report_file):
    view = _open(qtbot, window, report_file)
    grid: TableGridModel = view.grid_models["applications"]
    ref = CellRef("applications", "granted", "natural_person")
    wrong = view.session.original.tables["applications"].value("granted", "natural_person")
    assert grid.setData(grid.index_of(ref), str(wrong - 1))
    assert view.session.counts()[Severity.ERROR] == 0
    assert "错误" not in view.tree_model.data(view.tree_model.index(0, 0), Qt.DisplayRole)
    assert grid.data(grid.index_of(ref), Qt.ToolTipRole).endswith(f"原值：{wrong}")
    assert "已改 1 处" in window.tabs.tabText(0)
    sidecar = report_file.with_name(report_file.name + ".gdchecker.json")
    assert sidecar.is_file()
    assert window.undo_act.isEnabled()
    window.undo_act.trigger()
    assert view.session.counts()[Severity.ERROR] == 2
    window.redo_act.trigger()
    assert view.session.counts()[Severity.ERROR] == 0


def test_apply_fix_changes_the_one_wrong_cell_and_one_undo_restores(qtbot, window, report_file):
    """Both errors meet in one cell: 采用建议值 on the row total's finding changes that cell (not the total), marks
    it, stays on the table; one undo brings both errors back."""
    view = _open(qtbot, window, report_file)
    model = view.findings_model
    row = next(i for i, f in enumerate(model.items) if f.code == "applications.row_total")
    view.findings.selectRow(view.proxy.mapFromSource(model.index(row, 0)).row())
    assert "可由一处修改同时消除" in model.data(model.index(row, 2), Qt.DisplayRole)
    assert "把 表三“（一）予以公开”行“自然人”列的" in view.apply_btn.toolTip()
    assert view.fix_label.text().startswith("建议修改：把 表三“（一）予以公开”行“自然人”列的")
    ref = CellRef("applications", "granted", "natural_person")
    wrong = view.session.original.tables["applications"].value("granted", "natural_person")
    total = view.session.original.tables["applications"].value("granted", "total")
    view.apply_btn.click()
    tables = view.session.report.tables["applications"]
    assert tables.value("granted", "natural_person") == wrong - 1
    assert tables.value("granted", "total") == total  # the total was right
    assert view.session.counts()[Severity.ERROR] == 0
    assert view.current_table == "applications"
    grid = view.grid_models["applications"]
    assert grid.highlight == {ref} and grid.ref(view.grid.currentIndex()) == ref
    assert set(view.session.corrections.edits) == {("applications", "granted", "natural_person")}
    window.undo_act.trigger()
    assert view.session.corrections.edits == {}
    assert view.session.counts()[Severity.ERROR] == 2


def test_apply_fix_on_the_sample_takes_it_to_the_error_it_really_has(qtbot, window, tmp_path):
    import shutil

    from gdchecker import repair
    from tests.test_repair import SAMPLE

    path = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, path)
    view = _open(qtbot, window, path)
    assert view.session.counts()[Severity.ERROR] == 3
    warnings = {f.key() for f in view.session.findings if f.severity == Severity.WARNING}
    best = view.session.fixes[0]
    view.findings.clearSelection()
    view.findings.setCurrentIndex(view.proxy.index(-1, 0))
    view.apply_btn.click()
    assert {(k[0], k[1], k[2]) for k in view.session.corrections.edits} == {
        (c.ref.table, c.ref.row, c.ref.col) for c in best.changes}
    assert view.session.counts()[Severity.ERROR] == 1
    assert {f.key() for f in view.session.findings if f.severity == Severity.WARNING} <= warnings
    assert repair.describe(view.session.original, best).startswith("把 表三“（一）予以公开”行“自然人”列的 331 改为 330")
    qtbot.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert view.session.corrections.edits == {}
    assert view.session.counts()[Severity.ERROR] == 3


def test_clicking_a_cell_selects_its_finding(qtbot, window, report_file):
    view = _open(qtbot, window, report_file)
    view.show_table("applications")
    grid = view.grid_models["applications"]
    ref = CellRef("applications", "total", "natural_person")  # the column total the wrong cell broke
    view.grid.setCurrentIndex(grid.index_of(ref))
    f = view.current_finding()
    assert f is not None and f.code == "applications.column_total" and f.cells[0] == ref
    assert view.grid_models["applications"].ref(view.grid.currentIndex()) == ref  # the grid stays on the cell


def test_correction_is_restored_when_the_report_is_opened_again(qtbot, window, report_file, tmp_path):
    view = _open(qtbot, window, report_file)
    ref = CellRef("applications", "granted", "research")
    view.edit_cell(ref, "77")
    window.close_tab(0)
    assert window.current_view() is None
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.recent()[0] == str(report_file)
    view2 = _open(qtbot, again, report_file)
    assert view2.session.report.tables["applications"].cell("granted", "research").text == "77"
    assert view2.session.edit_of(ref) is not None


def test_accepting_a_finding_takes_it_out_of_the_counts(qtbot, window, report_file, monkeypatch):
    view = _open(qtbot, window, report_file)
    from PySide6.QtWidgets import QInputDialog
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("已核实", True))
    view.findings.selectRow(0)
    before = view.session.counts()[view.current_finding().severity]
    view.accept_btn.click()
    assert view.session.counts()[view.findings_model.items[0].severity] == before - 1
    assert "已确认" in view.findings_model.data(view.findings_model.index(0, 3), Qt.DisplayRole)


def test_reading_runs_off_the_gui_thread(qtbot, window, report_file):
    gui_thread = threading.get_ident()
    seen = []
    window.loaded.connect(lambda _p: seen.append(threading.get_ident()))
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.open_path(str(report_file))
        assert window.progress.isVisible() or window.current_view() is not None
    t = window.findChildren(type(window.threads[0])) if window.threads else []
    assert seen == [gui_thread]  # the result is handed back to the GUI thread …
    qtbot.waitUntil(lambda: not window.threads, timeout=10000)
    assert t == [] or all(x.worker_thread_id != gui_thread for x in t)


def test_worker_thread_is_not_the_gui_thread(qtbot, report_file):
    from gdchecker.gui.worker import CheckThread

    th = CheckThread(str(report_file))
    with qtbot.waitSignal(th.done, timeout=30000) as blocker:
        th.start()
    th.wait()
    assert th.worker_thread_id is not None and th.worker_thread_id != threading.get_ident()
    assert blocker.args[0].report is not None


def test_unreadable_file_shows_a_message_not_a_crash(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.open_path(str(bad))
    assert shown and "bad.pdf" in shown[0]
    assert window.current_view() is None


def test_models_pass_the_model_tester(qtbot, qtmodeltester, window, report_file):
    view = _open(qtbot, window, report_file)
    qtmodeltester.check(ReportTreeModel(view.session, "r"))
    qtmodeltester.check(FindingsModel(view.session))
    for table in view.session.report.tables:
        qtmodeltester.check(TableGridModel(view.session, table))


def test_screenshot_command(tmp_path, report_file):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    r = subprocess.run([sys.executable, "-m", "gdchecker.gui.app", str(report_file), "--screenshot", str(out)],
                       capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 10000
    from PySide6.QtGui import QImage
    img = QImage(str(out))
    assert img.width() >= 700 and img.height() >= 500  # sized from the (800×600 offscreen) screen


def test_source_panel_marks_the_selected_cell(qtbot, window, report_file, tmp_path):
    view = _open(qtbot, window, report_file)
    view.select_cell(CellRef("applications", "partial", "total"))
    assert "红框" in view.source.caption.text() and view.source.page_label.pixmap() is not None
    text = tmp_path / "r.txt"
    from tests.makers import write_text
    write_text(str(text), "2021", 2023, "某局", make_values("2021", 9), style="tabs")
    view2 = _open(qtbot, window, text)
    view2.select_cell(CellRef("applications", "partial", "total"))
    assert "已定位" in view2.source.caption.text()
    assert "部分公开" in view2.source.text.textCursor().selectedText()


def test_changed_report_keeps_both_and_says_so(qtbot, window, report_file, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    view = _open(qtbot, window, report_file)
    view.edit_cell(CellRef("applications", "granted", "research"), "77")
    window.close_tab(0)
    report_file.write_bytes(report_file.read_bytes() + b"\n% touched\n")
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[1]))
    view2 = _open(qtbot, window, report_file)
    assert told and "变化" in told[0]
    assert view2.session.edit_of(CellRef("applications", "granted", "research")) is not None
    copies = list(report_file.parent.glob(report_file.name + ".gdchecker.*.json"))
    assert len(copies) == 1


def test_drop_a_file_on_the_window_opens_it(qtbot, window, report_file):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report_file))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(window.loaded, timeout=30000):
        window.dropEvent(event)
    assert window.current_view().session.path == str(report_file)


def test_filters_and_missing_table(qtbot, window, tmp_path):
    from tests.makers import write_text
    values = make_values("2021", 9)
    path = tmp_path / "no-review.txt"
    write_text(str(path), "2021", 2023, "某局", values, style="tabs")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("四、政府信息公开行政复议")], encoding="utf-8")  # 表四 cut off
    view = _open(qtbot, window, path)
    assert "未找到" in _tree_text(view, "review_litigation")
    tip = view.tree_model.data(view.tree_model.index_of("review_litigation"), Qt.ToolTipRole)
    assert "表四" in tip
    view.sev_filter.setCurrentIndex(view.sev_filter.findData("error"))
    shown = [view.findings_model.items[view.proxy.mapToSource(view.proxy.index(i, 0)).row()]
             for i in range(view.proxy.rowCount())]
    assert shown and all(f.severity == Severity.ERROR for f in shown)
    view.table_filter.setCurrentIndex(view.table_filter.findData("applications"))
    assert view.proxy.rowCount() == 0  # the only errors are about the missing 表四


def test_export_from_the_menu(qtbot, window, report_file, tmp_path):
    from openpyxl import load_workbook
    view = _open(qtbot, window, report_file)
    assert window.export_act.isEnabled() and window.export_act.shortcut().toString() == "Ctrl+E"
    view.edit_cell(CellRef("applications", "granted", "research"), "5")
    where = window.export_xlsx(target=str(tmp_path / "out.xlsx"))
    wb = load_workbook(where)
    assert wb["修改记录"]["C2"].value == "5"


def test_folder_batch_progress_summary_and_open_a_row(qtbot, window, tmp_path):
    from tests.makers.folder import make_folder
    made = make_folder(tmp_path / "reports", bodies=2)
    view = window.open_folder(str(tmp_path / "reports"))
    seen = []
    view.thread.progressed.connect(lambda p: seen.append(p.done))
    with qtbot.waitSignal(view.finished, timeout=120000):
        pass
    assert view.model.rowCount() == len(made)
    assert seen and seen[-1] == len(made) and view.progress.value() == len(made)
    statuses = {view.model.data(view.model.index(i, 6)) for i in range(view.model.rowCount())}
    assert "无法读取" in statuses
    view.status.setCurrentIndex(view.status.findData("无法读取"))
    assert view.proxy.rowCount() == 1
    view.status.setCurrentIndex(0)
    view.filter.setText("第2局2023")
    assert view.proxy.rowCount() == 1
    assert "上年结转" in view.proxy.data(view.proxy.index(0, 7))  # the across-years finding in the summary
    view.table.sortByColumn(4, Qt.DescendingOrder)
    with qtbot.waitSignal(window.tabs.currentChanged, timeout=5000):
        view._open(view.proxy.index(0, 0))
    opened = window.current_view()
    assert opened is not None and "第2局2023" in opened.session.path
    assert any(f.code == "years.carried_over" for f in opened.session.findings)


def test_batch_can_be_cancelled(qtbot, window, tmp_path):
    from tests.makers.folder import make_folder
    made = make_folder(tmp_path / "reports", bodies=3)
    view = window.open_folder(str(tmp_path / "reports"))
    view.thread.progressed.connect(lambda p: view.stop())
    with qtbot.waitSignal(view.finished, timeout=120000):
        pass
    assert 1 <= view.model.rowCount() < len(made)
    assert "已取消" in view.state.text()


def test_typed_previous_figures_are_checked_and_kept(qtbot, window, report_file):
    from gdchecker.gui.previous import PreviousDialog
    view = _open(qtbot, window, report_file)
    carried = view.session.report.tables["applications"].value("carried_over", "total")
    dialog = PreviousDialog(view, window)
    dialog.cf_edits["total"].setText(str(carried + 3))
    dialog.save_typed()
    found = [f for f in view.session.findings if f.code == "years.carried_over"]
    assert [(f.cells[0].col, f.expected) for f in found] == [("total", carried + 3)]
    window.close_tab(window.tabs.currentIndex())
    again = _open(qtbot, window, report_file)
    assert any(f.code == "years.carried_over" for f in again.session.findings)


def test_last_years_report_named_in_the_app(qtbot, window, tmp_path):
    from gdchecker.gui.previous import PreviousDialog
    from tests.makers.folder import make_folder
    made = make_folder(tmp_path / "r", bodies=2)
    p22 = next(p for p in made if "第2局2022" in p)
    p23 = next(p for p in made if "第2局2023" in p)
    view = _open(qtbot, window, p23)
    assert not any(f.code.startswith("years.") for f in view.session.findings)
    dialog = PreviousDialog(view, window)
    assert dialog.pick_file(path=p22)
    assert view.session.previous is not None and view.session.previous.year == 2022
    assert any(f.code == "years.carried_over" for f in view.session.findings)


def test_an_edit_that_cannot_be_saved_is_said_at_once_and_kept(qtbot, window, report_file, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gdchecker import edits

    view = _open(qtbot, window, report_file)

    def refuse(self, target):  # noqa: ANN001
        raise OSError(28, "No space left on device")

    said: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(edits.Corrections, "save", refuse)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text, *a: said.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or QMessageBox.No)
    view.edit_cell(CellRef("applications", "granted", "research"), "77")
    assert len(said) == 1 and "无法保存" in said[0]
    assert "未保存" in window.tabs.tabText(0)
    view.edit_cell(CellRef("applications", "granted", "commercial"), "78")
    assert len(said) == 1  # said once, not at every keystroke
    assert view.session.report.tables["applications"].cell("granted", "research").text == "77"
    window.close_tab(0)
    assert asked and window.tabs.count() == 1  # not closed: the user was asked and said no
    monkeypatch.undo()
    view.edit_cell(CellRef("applications", "granted", "research"), "79")  # room again: saved, the mark goes
    assert view.session.unsaved is None and "未保存" not in window.tabs.tabText(0)


def test_qt_dialogs_speak_chinese(qtbot):
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from gdchecker.gui import translate

    assert translate.install(QApplication.instance()) is not None
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Yes | QDialogButtonBox.No)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.Cancel).text() == "取消"
    assert "是" in box.button(QDialogButtonBox.Yes).text() and "否" in box.button(QDialogButtonBox.No).text()


@pytest.mark.parametrize("screen", [(1366, 728), (1024, 660)])
def test_the_first_window_fits_the_screen(qtbot, tmp_path, monkeypatch, screen):
    """A laptop's 1366×768 or a 1024×700 screen (less the task bar): the first window and one restored from a
    larger screen both fit in it."""
    from PySide6.QtCore import QRect

    area = QRect(0, 0, *screen)
    monkeypatch.setattr(MainWindow, "_screen_area", lambda self: area)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    assert w.width() <= screen[0] and w.height() <= screen[1]
    assert area.contains(w.geometry())
    big = MainWindow(QSettings(str(tmp_path / "big.ini"), QSettings.IniFormat))
    qtbot.addWidget(big)
    big.setGeometry(QRect(200, 150, 2400, 1500))  # saved on a larger screen
    big._keep_on_screen()
    assert big.width() <= screen[0] and big.height() <= screen[1] and big.x() >= 0 and big.y() >= 0


def test_the_window_title_names_the_report_and_the_open_filter_takes_workbooks(qtbot, window, report_file):
    from gdchecker.gui import helptext
    from gdchecker.gui.mainwindow import FILTER

    assert window.windowTitle() == helptext.APP_NAME
    _open(qtbot, window, report_file)
    assert window.windowTitle() == f"report.pdf — {helptext.APP_NAME}"
    assert "*.xlsx" in FILTER and "*.doc " in FILTER and FILTER.endswith("所有文件 (*)")
    window.close_tab(0)
    assert window.windowTitle() == helptext.APP_NAME


def test_apply_fix_stays_on_the_table_while_another_table_has_errors(qtbot, window, tmp_path):
    """The finding the repair clears goes away; the view must not follow the list to the next finding's table."""
    values = make_values("2021", seed=9)
    values["applications"]["granted"]["natural_person"] += 1
    values["review_litigation"]["count"]["review.upheld"] += 1
    path = tmp_path / "two.pdf"
    write_pdf(str(path), "2021", 2023, "某局", values)
    view = _open(qtbot, window, path)
    assert {f.table for f in view.session.findings if f.severity == Severity.ERROR} == {
        "applications", "review_litigation"}
    model = view.findings_model
    row = next(i for i, f in enumerate(model.items) if f.code == "applications.row_total")
    view.findings.selectRow(view.proxy.mapFromSource(model.index(row, 0)).row())
    view.apply_btn.click()
    assert view.current_table == "applications"
    node = view.tree_model.node(view.tree.currentIndex())
    assert (node.table if node.kind == "row" else node.key) == "applications"
    assert view.grid_models["applications"].ref(view.grid.currentIndex()) == CellRef(
        "applications", "granted", "natural_person")
    assert view.session.counts()[Severity.ERROR] == 1  # the other table's error is still there
