"""A folder's tab, against an aggregate report (全市/全区): the aggregate picked, checked off the GUI thread, and the
rollup of the folder's reports shown as a list (mismatches, units left out, notes)."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from gdchecker import inputs
from gdchecker.check import Result
from gdchecker.gui import palette
from gdchecker.gui.worker import CheckThread
from gdchecker.model import Severity, by_severity
from gdchecker.rollup import Rollup, rollup
from gdchecker.rollup_output import direction, left_out_line, summary

_RUNNING: set[CheckThread] = set()  # aggregates being read, kept alive until their thread ends


class RollupPanel(QGroupBox):
    """Hidden until an aggregate is picked; then the summary line and one row per mismatch, unit left out, note."""

    done = Signal(object)  # the Rollup

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("与汇总报告核对", parent)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("汇总核对结果")
        lay = QVBoxLayout(self)
        lay.addWidget(self.state)
        lay.addWidget(self.list, 1)
        self.result: Rollup | None = None
        self.units: list[Result] = []
        self.pending: str | None = None  # the aggregate being read
        self.running: set[CheckThread] = set()
        self.setVisible(False)

    def choose(self, folder: str, units: list[Result]) -> bool:
        """Ask for the aggregate report (a file dialog), then check it and compare; False when none was picked."""
        path, _ = QFileDialog.getOpenFileName(self, "选择汇总报告", folder, inputs.dialog_filter())
        if not path:
            return False
        self.start(path, units)
        return True

    def start(self, path: str, units: list[Result]) -> None:
        self.setVisible(True)
        self.list.clear()
        self.state.setText(f"正在读取汇总报告 {os.path.basename(path)}…")
        self.pending = None  # an aggregate picked before and still being read: its result is not wanted
        same = next((u for u in units if _same(u.path, path)), None)
        if same is not None:  # already checked with the folder
            self._show(rollup(same, units))
            return
        self.units = units
        self.pending = path
        t = CheckThread(path)  # no parent: closing the tab while it reads must not destroy a running thread
        _RUNNING.add(t)
        self.running.add(t)
        t.finished.connect(lambda t=t: (_RUNNING.discard(t), self.running.discard(t)))
        t.done.connect(self._checked)  # a slot of this widget: disconnected if the tab is closed first
        t.start()

    def _checked(self, aggregate: Result) -> None:
        if aggregate.path != self.pending:  # one picked before the last
            return
        self._show(rollup(aggregate, self.units))

    def stop(self) -> None:
        """The window closes: every aggregate being read stops (a scan after its page)."""
        for t in list(self.running):
            t.cancel.set()
            t.wait(5000)

    def _show(self, r: Rollup) -> None:
        self.result = r
        rep = r.aggregate.report
        head = f"汇总报告 {os.path.basename(r.aggregate.path)}"
        if rep is not None and r.error is None:
            head += f"（{rep.agency or '单位未识别'}，{rep.year} 年）"
        hint = direction(r)
        self.state.setText(f"{head}：{summary(r)}" + (f"\n{hint}" if hint else ""))
        self.list.clear()
        for f in by_severity(r.mismatches):
            self._add(f.message, f.severity)
        for x in r.left_out:
            self._add(f"{'部分未计入' if x.tables else '未计入'}：{left_out_line(x)}", None)
        for f in r.findings:
            if f.code != "region.sum_mismatch":
                self._add(f.message, f.severity)
        self.done.emit(r)

    def _add(self, text: str, severity: Severity | None) -> None:
        item = QListWidgetItem(text)
        item.setToolTip(text)
        if severity is not None:
            item.setIcon(palette.icon(severity))
        item.setFlags(item.flags() & ~Qt.ItemIsEditable)
        self.list.addItem(item)


def _same(a: str, b: str) -> bool:
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
