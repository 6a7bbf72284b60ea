"""The main window's menus: 文件, 编辑 and 帮助, their actions' wiring, which of them apply to the current tab, and
the help pages they open."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from gdchecker.gui import helptext


class MenusMixin:
    """For the main window (a QMainWindow with the opening, exporting, recent files and tabs of the others)."""

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

    def previous_dialog(self) -> None:
        v = self.current_view()
        if v is not None:
            from gdchecker.gui.previous import PreviousDialog

            PreviousDialog(v, self).exec()

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
