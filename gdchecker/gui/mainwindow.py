"""The main window: one tab per open report or folder, the welcome text while there is none, the status bar with
the reading's progress, drag and drop, and what is kept on closing.

Its other jobs are in the mixins it is made of: the menus (windowmenus), opening files and folders (opening), the
report tabs (reporttabs), the recent files (recentfiles), the exports (exporting) and its size (windowsize). The
report and folder views, and the reading behind them, are imported when the first report or folder is opened, so
that the window is drawn first (viewtypes tells the views apart until then)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QPushButton, QTabWidget

from gdchecker import inputs
from gdchecker.gui import helptext
from gdchecker.gui.exporting import ExportMixin
from gdchecker.gui.opening import FILTER, OpeningMixin
from gdchecker.gui.recentfiles import MAX_RECENT, RecentFilesMixin
from gdchecker.gui.reporttabs import ReportTabsMixin
from gdchecker.gui.viewtypes import is_batch, is_report
from gdchecker.gui.windowmenus import MenusMixin
from gdchecker.gui.windowsize import WindowSizeMixin

if TYPE_CHECKING:
    from gdchecker.check import Result
    from gdchecker.gui.batchview import BatchView
    from gdchecker.gui.reportview import ReportView
    from gdchecker.gui.worker import CheckThread

__all__ = ["FILTER", "MAX_RECENT", "MainWindow"]


class MainWindow(MenusMixin, OpeningMixin, ReportTabsMixin, RecentFilesMixin, ExportMixin, WindowSizeMixin,
                 QMainWindow):
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

    # -- tabs ----------------------------------------------------------------------------------------------
    def current_view(self) -> ReportView | None:
        w = self.tabs.currentWidget() if self.centralWidget() is self.tabs else None
        return w if is_report(w) else None

    def current_batch(self) -> BatchView | None:
        w = self.tabs.currentWidget() if self.centralWidget() is self.tabs else None
        return w if is_batch(w) else None

    def _show_tabs(self) -> None:
        if self.centralWidget() is not self.tabs:
            self.takeCentralWidget()
            self.setCentralWidget(self.tabs)

    def close_tab(self, i: int) -> None:
        if i < 0:
            return
        w = self.tabs.widget(i)
        if is_report(w) and self._keep_unsaved([w]):
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
        views = [w for i in range(self.tabs.count()) if is_report(w := self.tabs.widget(i))]
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
