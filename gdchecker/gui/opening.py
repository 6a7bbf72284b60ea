"""The main window's opening of files and folders: the open dialogs, a report read in the background with its
progress (a scan's pages, 取消识别), a folder's reports checked in a tab of their own."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from gdchecker import inputs

if TYPE_CHECKING:
    from gdchecker.check import Result
    from gdchecker.gui.batchview import BatchView
    from gdchecker.gui.worker import CheckThread

FILTER = inputs.dialog_filter()


class OpeningMixin:
    """For the main window (a QMainWindow with threads, batches, progress, cancel_btn and the report tabs). The
    reading, the folder's view and the worker are imported when the first report or folder is opened."""

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "打开年度报告", self._start_folder(), FILTER)
        for p in paths:
            self.open_path(p)

    def open_path(self, path: str) -> None:
        """Read and check in the background; the window stays responsive. A second report opens in a new tab."""
        path = os.path.abspath(path)
        if self._bring_to_front(path):
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

    def _loaded(self, result: Result) -> None:
        self.last_result = result
        self.show_result(result)
        self.loaded.emit(result.path)

    def folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择要检查的文件夹", self._start_folder())
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
