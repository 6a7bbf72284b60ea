"""上年数据: name last year's report of the same body, or type its 结转下年度 and 现行有效件数 figures."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from gdchecker import formats, inputs
from gdchecker.check import check_file
from gdchecker.rules.context import Previous


class PreviousDialog(QDialog):
    def __init__(self, view, parent=None) -> None:  # noqa: ANN001 - a ReportView
        super().__init__(parent)
        self.view = view
        self.setWindowTitle("上年数据（跨年核对）")
        s = view.session
        typed = s.corrections.previous or {}
        fmt = formats.newest()  # what can be typed: the newest format's relations across years
        self.cf_edits: dict[str, QLineEdit] = {}
        self.if_edits: dict[str, QLineEdit] = {}
        boxes: list[QGroupBox] = []
        for rel in fmt.across_years:
            spec = fmt.tables[rel.table]
            if rel.kind == "carried":
                box = QGroupBox(f"上年{spec.name}“{spec.row(rel.last_year_row).printed}”")
                fields = [(c.key, c.label) for c in spec.cols]
                edits, typed_now = self.cf_edits, typed.get("carry_forward", {})
            elif rel.kind == "stock":
                box = QGroupBox(f"上年{spec.name}“{spec.col(rel.col).label}”（{fmt.version} 年格式）")
                fields = [(r.key, r.printed) for r in spec.rows]
                edits, typed_now = self.if_edits, typed.get("in_force", {})
            else:
                continue
            form = QFormLayout(box)
            for key, label in fields:
                e = QLineEdit(_str(typed_now.get(key)))
                e.setPlaceholderText("不填则不核对")
                form.addRow(label, e)
                edits[key] = e
            boxes.append(box)
        pick = QPushButton("选择上年报告文件…")
        pick.clicked.connect(self.pick_file)
        self.note = QLabel(_current(s))
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save_typed)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(pick)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addLayout(row)
        lay.addWidget(QLabel("或者直接录入上年数字："))
        for box in boxes:
            lay.addWidget(box)
        lay.addWidget(buttons)

    def pick_file(self, _checked: bool = False, path: str | None = None) -> bool:
        if path is None:
            start = os.path.dirname(self.view.session.path)
            path, _ = QFileDialog.getOpenFileName(self, "选择上年报告", start, inputs.dialog_filter())
            if not path:
                return False
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            res = _read_in_background(path)
        finally:
            QApplication.restoreOverrideCursor()
        if res.error is not None or res.report is None:
            QMessageBox.warning(self, "无法读取上年报告", res.error.message if res.error else "无法读取")
            return False
        s = self.view.session
        s.previous = Previous.of(res.report, os.path.basename(path))
        s.recheck()
        self.view.after_change()
        self.accept()
        return True

    def save_typed(self) -> None:
        cf, inf = {}, {}
        try:
            for c, e in self.cf_edits.items():
                if e.text().strip():
                    cf[c] = int(e.text().strip())
            for r, e in self.if_edits.items():
                if e.text().strip():
                    inf[r] = int(e.text().strip())
        except ValueError:
            QMessageBox.warning(self, "数字有误", "请填写不小于 0 的整数，或留空")
            return
        s = self.view.session
        year = s.report.year - 1 if s.report.year else None
        s.set_previous_figures(year, cf, inf)
        self.view.after_change()
        self.accept()


def _read_in_background(path: str):  # noqa: ANN202 - a check.Result
    """Read last year's report in a worker thread; the window keeps painting meanwhile."""
    from PySide6.QtCore import QEventLoop

    from gdchecker.gui.worker import CheckThread

    got = []
    loop = QEventLoop()
    thread = CheckThread(path)
    thread.done.connect(lambda r: (got.append(r), loop.quit()))
    thread.start()
    if not got:
        loop.exec()
    thread.wait()
    return got[0] if got else check_file(path)


def _str(v: object) -> str:
    return "" if v is None else str(v)


def _current(session) -> str:  # noqa: ANN001
    if session.previous is not None:
        return f"当前用于核对的上年报告：{session.previous.name}（{session.previous.year or '年份未知'} 年）"
    if session.corrections.previous:
        return "当前使用手工录入的上年数字（保存在修改记录中）。"
    return "选择同一单位上一年度的报告，或录入上年的数字；录入的数字与修改一起自动保存。"
