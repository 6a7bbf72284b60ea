"""The main window: one tab per open report, menus, drag and drop, recent files, background reading."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
)

from gdchecker import inputs
from gdchecker.gui import helptext
from gdchecker.model import Severity

if TYPE_CHECKING:
    from gdchecker.check import Result
    from gdchecker.gui.batchview import BatchView
    from gdchecker.gui.reportview import ReportView
    from gdchecker.gui.worker import CheckThread

FILTER = inputs.dialog_filter()

# the report and folder views, and the reading behind them, are imported when the first report or folder is opened,
# so that the window is drawn first; before that no such view exists


def _is_report(w: object) -> bool:
    mod = sys.modules.get("gdchecker.gui.reportview")
    return mod is not None and isinstance(w, mod.ReportView)


def _is_batch(w: object) -> bool:
    mod = sys.modules.get("gdchecker.gui.batchview")
    return mod is not None and isinstance(w, mod.BatchView)
MAX_RECENT = 10


class MainWindow(QMainWindow):
    loaded = Signal(str)  # a report finished loading (path), or failed
    busy_changed = Signal(bool)

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings("gdchecker", "gdchecker")
        self._unsaved: dict[int, str | None] = {}  # per report view: why its last change could not be saved
        self.setWindowTitle(helptext.APP_NAME)
        self.setAcceptDrops(True)
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(lambda _i: self._update_actions())
        self.welcome = QLabel("把年度报告文件或整个文件夹拖到这里，或按 Ctrl+O 打开（Ctrl+Shift+O 检查文件夹）\n\n"
                              f"{inputs.kinds_sentence()}")
        self.welcome.setWordWrap(True)
        self.welcome.setAlignment(Qt.AlignCenter)
        self.setCentralWidget(self.welcome)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        # a scan takes a second or two a page: its reading can be stopped
        self.cancel_btn = QPushButton("取消识别")
        self.cancel_btn.setToolTip("停止识别扫描件（在当前页识别完后停止）")
        self.cancel_btn.clicked.connect(self.cancel_reading)
        self.cancel_btn.hide()
        self.statusBar().addPermanentWidget(self.cancel_btn)
        self.threads: list[CheckThread] = []
        self.batches: list[BatchView] = []
        self.last_result: Result | None = None
        self._menus()
        geometry = self.settings.value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._first_size()
        self._keep_on_screen()

    def _screen_area(self):  # noqa: ANN202 - a QRect: the screen's room for windows (no task bar)
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def _first_size(self) -> None:
        """The first window: as large as the work wants (1500×900), never more than the screen has room for."""
        area = self._screen_area()
        if area is None:
            self.resize(1500, 900)
            return
        w, h = min(1500, int(area.width() * 0.95)), min(900, int(area.height() * 0.92))
        self.resize(w, h)
        self.move(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2)

    def _keep_on_screen(self) -> None:
        """A window restored from another (larger) screen is brought back within this one."""
        area = self._screen_area()
        if area is None:
            return
        w, h = min(self.width(), area.width()), min(self.height(), area.height())
        if (w, h) != (self.width(), self.height()):
            self.resize(w, h)
        x = min(max(self.x(), area.x()), area.x() + area.width() - w)
        y = min(max(self.y(), area.y()), area.y() + area.height() - h)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    # -- menus ---------------------------------------------------------------------------------------------
    def _menus(self) -> None:
        m = self.menuBar().addMenu("文件(&F)")
        self.open_act = QAction("打开(&O)…", self, shortcut=QKeySequence.Open, triggered=self.open_dialog)
        m.addAction(self.open_act)
        self.folder_act = QAction("检查文件夹(&D)…", self, shortcut=QKeySequence("Ctrl+Shift+O"),
                                  triggered=self.folder_dialog)
        m.addAction(self.folder_act)
        self.recent_menu = m.addMenu("最近打开(&R)")
        self._fill_recent()
        self.export_act = QAction("导出 Excel(&E)…", self, shortcut=QKeySequence("Ctrl+E"), triggered=self.export_xlsx)
        m.addAction(self.export_act)
        self.opinion_act = QAction("导出校验意见(&V)…", self, triggered=self.export_opinion)
        m.addAction(self.opinion_act)
        self.close_act = QAction("关闭报告(&C)", self, shortcut=QKeySequence.Close,
                                 triggered=lambda: self.close_tab(self.tabs.currentIndex()))
        m.addAction(self.close_act)
        m.addSeparator()
        m.addAction(QAction("退出(&X)", self, shortcut=QKeySequence.Quit, triggered=self.close))
        e = self.menuBar().addMenu("编辑(&E)")
        self.undo_act = QAction("撤销(&U)", self, shortcut=QKeySequence.Undo, triggered=lambda: self._view_call("undo"))
        self.redo_act = QAction("重做(&R)", self, shortcut=QKeySequence("Ctrl+Y"), triggered=lambda: self._view_call("redo"))
        self.redo_act.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence.Redo])
        e.addAction(self.undo_act)
        e.addAction(self.redo_act)
        e.addSeparator()
        self.previous_act = QAction("上年数据(&P)…", self, triggered=self.previous_dialog)
        self.previous_act.setToolTip("选择同一单位上一年度的报告，或录入上年的结转下年度和现行有效件数，用于跨年核对")
        e.addAction(self.previous_act)
        h = self.menuBar().addMenu("帮助(&H)")
        h.addAction(QAction("使用说明(&U)", self, shortcut=QKeySequence.HelpContents,
                            triggered=lambda: self._show_html("使用说明", helptext.USAGE)))
        h.addAction(QAction("校验规则(&L)", self, triggered=lambda: self._show_html("校验规则", helptext.rules_html())))
        h.addAction(QAction("关于(&A)", self, triggered=lambda: self._show_html("关于", helptext.about_html())))
        self._update_actions()

    def _show_html(self, title: str, html: str) -> None:
        d = QDialog(self)
        d.setWindowTitle(title)
        b = QTextBrowser()
        b.setHtml(html)
        box = QDialogButtonBox(QDialogButtonBox.Close)
        box.rejected.connect(d.reject)
        lay = QVBoxLayout(d)
        lay.addWidget(b)
        lay.addWidget(box)
        d.resize(760, 560)
        d.exec()

    def _view_call(self, name: str) -> None:
        v = self.current_view()
        if v is not None:
            getattr(v, name)()

    def current_view(self) -> ReportView | None:
        w = self.tabs.currentWidget() if self.centralWidget() is self.tabs else None
        return w if _is_report(w) else None

    def current_batch(self) -> BatchView | None:
        w = self.tabs.currentWidget() if self.centralWidget() is self.tabs else None
        return w if _is_batch(w) else None

    def _update_actions(self) -> None:
        v = self.current_view()
        # the window says which report it shows (the task bar and Alt+Tab too)
        self.setWindowTitle(f"{v.name} — {helptext.APP_NAME}" if v is not None else helptext.APP_NAME)
        self.undo_act.setEnabled(bool(v and v.session.corrections.can_undo()))
        self.redo_act.setEnabled(bool(v and v.session.corrections.can_redo()))
        self.close_act.setEnabled(v is not None)
        b = self.current_batch()
        self.export_act.setEnabled(v is not None or bool(b is not None and b.results))
        self.previous_act.setEnabled(v is not None)
        self.opinion_act.setEnabled(v is not None)

    def export_xlsx(self, _checked: bool = False, target: str | None = None) -> str | None:
        """文件 → 导出 Excel: the corrected tables, findings and corrections of the current report; on a folder's
        tab, the summary workbook of the folder (汇总, 问题清单, 说明)."""
        from gdchecker.export.xlsx import Entry, ExportError, write, write_results

        v, b = self.current_view(), self.current_batch()
        if v is None and (b is None or not b.results):
            return None
        if target is None:
            if v is not None:
                suggested = os.path.splitext(v.session.path)[0] + ".xlsx"
            else:
                suggested = os.path.join(b.folder, f"{os.path.basename(b.folder.rstrip('/')) or '文件夹'}-检查汇总.xlsx")
            target, _ = QFileDialog.getSaveFileName(self, "导出 Excel", suggested, "Excel 工作簿 (*.xlsx)")
            if not target:
                return None  # the dialog itself asked before replacing an existing file
        try:
            if v is not None:
                where = write(target, [Entry(v.session.path, v.session)], force=True)
            else:
                where = write_results(target, b.results, force=True)
        except ExportError as e:
            QMessageBox.warning(self, "无法导出", e.message)
            return None
        self.statusBar().showMessage(f"已导出到 {where}", 8000)
        return str(where)

    def export_opinion(self, _checked: bool = False, target: str | None = None) -> str | None:
        """文件 → 导出校验意见: the current report's opinion, as checked with its corrections, as .docx or PDF."""
        from gdchecker.gui import opinion_pdf
        from gdchecker.opinion.files import OpinionError, kind_of, name_for

        v = self.current_view()
        if v is None:
            return None
        if target is None:
            suggested = os.path.join(os.path.dirname(v.session.path), name_for(v.session.path, "docx", set()))
            target, chosen = QFileDialog.getSaveFileName(self, "导出校验意见", suggested, opinion_pdf.DIALOG_FILTER)
            if not target:
                return None  # the dialog itself asked before replacing an existing file
            if kind_of(target) is None:
                target += ".pdf" if "pdf" in chosen.lower() else ".docx"
        try:
            where = opinion_pdf.save(v.session, target)
        except OpinionError as e:
            QMessageBox.warning(self, "无法导出校验意见", e.message)
            return None
        self.statusBar().showMessage(f"已导出校验意见到 {where}", 8000)
        return str(where)

    # -- recent files --------------------------------------------------------------------------------------
    def recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [p for p in (value or []) if isinstance(p, str)]

    def _remember(self, path: str) -> None:
        items = [path] + [p for p in self.recent() if p != path]
        self.settings.setValue("recent", items[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent()
        for i, p in enumerate(items):
            act = QAction(f"&{i + 1} {os.path.basename(p)}", self)
            act.setToolTip(p)
            act.triggered.connect(lambda _c=False, p=p: self.open_path(p))
            self.recent_menu.addAction(act)
        self.recent_menu.setEnabled(bool(items))

    # -- opening -------------------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        start = os.path.dirname(self.recent()[0]) if self.recent() else ""
        paths, _ = QFileDialog.getOpenFileNames(self, "打开年度报告", start, FILTER)
        for p in paths:
            self.open_path(p)

    def open_path(self, path: str) -> None:
        """Read and check in the background; the window stays responsive. A second report opens in a new tab."""
        path = os.path.abspath(path)
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if _is_report(w) and w.session.path == path:
                self.tabs.setCurrentIndex(i)
                return
        from gdchecker.gui.worker import CheckThread

        t = CheckThread(path, self)
        t.done.connect(self._loaded)
        t.pages.connect(self._scan_pages)
        t.finished.connect(lambda t=t: self._thread_finished(t))
        self.threads.append(t)
        self.progress.show()
        self.statusBar().showMessage(f"正在读取 {os.path.basename(path)} …")
        self.busy_changed.emit(True)
        t.start()

    def _scan_pages(self, done: int, total: int) -> None:
        """A page of a scan recognised: the count in the status bar and the progress bar."""
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.cancel_btn.setVisible(done < total)
        self.statusBar().showMessage(f"正在识别扫描件：第 {done}/{total} 页")

    def cancel_reading(self) -> None:
        """取消识别: every scan being read stops after its current page."""
        for t in self.threads:
            t.cancel.set()
        self.cancel_btn.setEnabled(False)
        self.statusBar().showMessage("正在取消识别…")

    def _thread_finished(self, t: CheckThread) -> None:
        if t in self.threads:
            self.threads.remove(t)
        if not self.threads:
            self.progress.hide()
            self.cancel_btn.hide()
            self.cancel_btn.setEnabled(True)
            self.progress.setRange(0, 0)  # busy again, without a count, for the next file
            self.busy_changed.emit(False)
        t.deleteLater()

    def folder_dialog(self) -> None:
        start = os.path.dirname(self.recent()[0]) if self.recent() else ""
        folder = QFileDialog.getExistingDirectory(self, "选择要检查的文件夹", start)
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str) -> BatchView | None:
        """Every report in the folder and its subfolders, checked in parallel; the summary opens in a tab. The
        workbooks this program exported are passed over (and listed), never counted as reports."""
        from gdchecker import batch
        from gdchecker.gui.batchview import BatchView

        found = batch.scan([folder])
        paths = [p for p in found.reports if not os.path.isdir(p)]
        if not paths:
            skipped = f"\n\n（另有 {len(found.skipped)} 个本程序导出的文件，已跳过）" if found.skipped else ""
            QMessageBox.information(self, "没有找到报告",
                                    f"{folder}\n\n中没有可检查的报告文件（{inputs.direct_list()}等）。{skipped}")
            return None
        view = BatchView(paths, folder, self, skipped=found.skipped)
        view.open_report.connect(self.show_result)
        view.finished.connect(self._update_actions)
        view.export_btn.clicked.connect(lambda: self.export_xlsx())
        self._show_tabs()
        i = self.tabs.addTab(view, f"文件夹：{os.path.basename(folder.rstrip('/')) or folder}")
        self.tabs.setTabToolTip(i, folder)
        self.tabs.setCurrentIndex(i)
        self.batches.append(view)
        return view

    def _show_tabs(self) -> None:
        if self.centralWidget() is not self.tabs:
            self.takeCentralWidget()
            self.setCentralWidget(self.tabs)

    def _loaded(self, result: Result) -> None:
        self.last_result = result
        self.show_result(result)
        self.loaded.emit(result.path)

    def show_result(self, result: Result) -> None:
        """A checked report in the normal view (from a file just read, or a row of a folder's summary)."""
        name = os.path.basename(result.path)
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if _is_report(w) and w.session.path == os.path.abspath(result.path):
                self.tabs.setCurrentIndex(i)
                return
        if result.error is not None and result.error.code == "cancelled":
            self.statusBar().showMessage(f"已取消识别 {name}", 8000)
            return
        if result.error is not None:
            self.statusBar().showMessage(f"无法读取 {name}", 8000)
            QMessageBox.warning(self, "无法读取", f"{name}\n\n{result.error.message}\n（代码：{result.error.code}）")
            return
        assert result.report is not None
        try:
            from gdchecker.session import Session

            session = Session.open(os.path.abspath(result.path), result.report, previous=result.previous)
        except OSError as e:
            QMessageBox.warning(self, "无法打开修改记录", f"{name}\n\n{e}")
            return
        from gdchecker.gui.reportview import ReportView

        view = ReportView(session, name, self)
        view.changed.connect(self._view_changed)
        state = self.settings.value("splitter")
        if state is not None:
            view.restored = view.splitter.restoreState(state)
        self._show_tabs()
        i = self.tabs.addTab(view, name)
        self.tabs.setTabToolTip(i, result.path)
        self.tabs.setCurrentIndex(i)
        self._tab_title(view)
        self._remember(result.path)
        c = session.counts()
        self.statusBar().showMessage(
            f"{name}：错误 {c[Severity.ERROR]} 处，警告 {c[Severity.WARNING]} 处"
            + (f"；已恢复 {len(session.corrections.edits)} 处修改" if session.corrections.edits else ""), 10000)
        if session.problems:
            QMessageBox.warning(self, "修改记录无法读取", f"{name}\n\n" + "\n".join(session.problems))
        if session.changed_since:
            QMessageBox.information(self, "报告文件已变化",
                                    f"{name} 在上次修改之后被改动过。\n已恢复上次的修改，并另存了一份修改记录的副本；"
                                    "请核对修改是否仍然适用。")
        self._update_actions()

    def previous_dialog(self) -> None:
        v = self.current_view()
        if v is not None:
            from gdchecker.gui.previous import PreviousDialog

            PreviousDialog(v, self).exec()

    def _tab_title(self, view: ReportView) -> None:
        i = self.tabs.indexOf(view)
        n = len(view.session.corrections.edits)
        unsaved = "，未保存" if view.session.unsaved else ""
        self.tabs.setTabText(i, view.name + (f"（已改 {n} 处{unsaved}）" if n else ("（未保存）" if unsaved else "")))

    def _view_changed(self) -> None:
        v = self.sender()
        if _is_report(v):
            was = self._unsaved.get(id(v))
            self._tab_title(v)
            c = v.session.counts()
            if v.session.unsaved:
                self.statusBar().showMessage(f"修改未能保存！错误 {c[Severity.ERROR]} 处，警告 {c[Severity.WARNING]} 处")
                if was is None:  # said at once, once (every later change is kept in memory too)
                    QMessageBox.critical(self, "修改无法保存", v.session.unsaved)
            else:
                self.statusBar().showMessage(f"已保存修改。错误 {c[Severity.ERROR]} 处，警告 {c[Severity.WARNING]} 处", 5000)
            self._unsaved[id(v)] = v.session.unsaved
        self._update_actions()

    def _keep_unsaved(self, views: list[ReportView]) -> bool:
        """Ask before closing reports whose changes could not be saved; True: keep them open."""
        lost = [v for v in views if v.session.unsaved]
        if not lost:
            return False
        names = "、".join(v.name for v in lost)
        answer = QMessageBox.question(
            self, "修改未保存", f"{names} 的修改没能保存（{lost[0].session.unsaved}）。\n关闭后这些修改会丢失，仍要关闭吗？",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer != QMessageBox.Yes

    def close_tab(self, i: int) -> None:
        if i < 0:
            return
        w = self.tabs.widget(i)
        if _is_report(w) and self._keep_unsaved([w]):
            return
        self.tabs.removeTab(i)
        if w is not None:
            w.deleteLater()
        if self.tabs.count() == 0:
            self.takeCentralWidget()
            self.setCentralWidget(self.welcome)
        self._update_actions()

    # -- drag and drop -------------------------------------------------------------------------------------
    def dragEnterEvent(self, e) -> None:  # noqa: ANN001, N802
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:  # noqa: ANN001, N802
        for url in e.mimeData().urls():
            if url.isLocalFile():
                path = url.toLocalFile()
                if os.path.isdir(path):
                    self.open_folder(path)
                else:
                    self.open_path(path)
        e.acceptProposedAction()

    def closeEvent(self, e) -> None:  # noqa: ANN001, N802
        views = [w for i in range(self.tabs.count()) if _is_report(w := self.tabs.widget(i))]
        if self._keep_unsaved(views):
            e.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        v = self.current_view()
        if v is not None:
            self.settings.setValue("splitter", v.splitter.saveState())
        for b in self.batches:
            b.stop()
            b.thread.wait(10000)
        for t in list(self.threads):
            t.cancel.set()  # a scan stops after its page
            t.wait(5000)
        super().closeEvent(e)
