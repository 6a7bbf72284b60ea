"""The main window's report tabs: a checked report opened in a tab, its title and the status bar following its
changes, and the question before closing reports whose changes could not be saved."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from gdchecker.gui.viewtypes import is_report
from gdchecker.model import Severity

if TYPE_CHECKING:
    from gdchecker.check import Result
    from gdchecker.gui.reportview import ReportView


class ReportTabsMixin:
    """For the main window (a QMainWindow with settings, tabs and _unsaved). The session and the report's view
    are imported when the first report is shown."""

    def _bring_to_front(self, path: str) -> bool:
        """The tab of the report at PATH (absolute), if it is open, made the current one; False: none is."""
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if is_report(w) and w.session.path == path:
                self.tabs.setCurrentIndex(i)
                return True
        return False

    def show_result(self, result: Result) -> None:
        """A checked report in the normal view (from a file just read, or a row of a folder's summary)."""
        name = os.path.basename(result.path)
        if self._bring_to_front(os.path.abspath(result.path)):
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

    def _tab_title(self, view: ReportView) -> None:
        i = self.tabs.indexOf(view)
        n = len(view.session.corrections.edits)
        unsaved = "，未保存" if view.session.unsaved else ""
        self.tabs.setTabText(i, view.name + (f"（已改 {n} 处{unsaved}）" if n else ("（未保存）" if unsaved else "")))

    def _view_changed(self) -> None:
        v = self.sender()
        if is_report(v):
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
