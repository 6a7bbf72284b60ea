"""The findings below the table in a report's view: the list, filtered by severity and table, the buttons that act
on the selected finding (enabled as it allows) and the repair 采用建议值 would make, in the report's words."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gdchecker import repair
from gdchecker.grids import headings
from gdchecker.gui.models import FindingsModel
from gdchecker.model import Finding
from gdchecker.session import Session


class FindingsFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.severity = ""
        self.table = ""

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        m = self.sourceModel()
        idx = m.index(row, 0, parent)
        if self.severity and m.data(idx, Qt.UserRole) != self.severity:
            return False
        return not (self.table and m.data(idx, Qt.UserRole + 1) != self.table)


class FindingsPanel(QWidget):
    """The buttons' clicks are the report view's to connect (they change the report)."""

    def __init__(self, session: Session, model: FindingsModel, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        self.model = model
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(model)
        self.findings = QTableView()
        self.findings.setAccessibleName("问题清单")
        self.findings.setModel(self.proxy)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.findings.setSelectionMode(QAbstractItemView.SingleSelection)
        self.findings.setWordWrap(False)
        self.findings.verticalHeader().hide()
        hh = self.findings.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.Interactive)
        hh.setSectionResizeMode(2, QHeaderView.Stretch)
        hh.setSectionResizeMode(3, QHeaderView.ResizeToContents)
        self.findings.setColumnWidth(1, 220)

        self.sev_filter = QComboBox()
        for text, value in (("全部级别", ""), ("错误", "error"), ("警告", "warning"), ("提示", "info")):
            self.sev_filter.addItem(text, value)
        self.table_filter = QComboBox()
        self.table_filter.addItem("全部表格", "")
        for key, title in headings().items():
            self.table_filter.addItem(title, key)
        self.sev_filter.currentIndexChanged.connect(self._filter)
        self.table_filter.currentIndexChanged.connect(self._filter)
        self.apply_btn = QPushButton("采用建议值")
        self.apply_btn.setToolTip("按能使全部合计关系成立的最少修改，改正单元格")
        self.accept_btn = QPushButton("标记为已确认…")
        self.accept_btn.setToolTip("核实后确认此问题无需修改，并写下说明")
        self.compare_btn = QPushButton("对照上年…")
        self.compare_btn.setToolTip("把这一部分与上年报告的同一部分并排显示，标出相同的句子")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("问题清单"))
        bar.addWidget(self.sev_filter)
        bar.addWidget(self.table_filter)
        bar.addStretch(1)
        bar.addWidget(self.compare_btn)
        bar.addWidget(self.apply_btn)
        bar.addWidget(self.accept_btn)
        lv = QVBoxLayout(self)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(bar)
        # the answer to “which number is wrong?”: the repair the button would make, in the report's words
        self.fix_label = QLabel()
        self.fix_label.setWordWrap(True)
        self.fix_label.setAccessibleName("建议修改")
        lv.addWidget(self.fix_label)
        lv.addWidget(self.findings)

    def _filter(self) -> None:
        self.proxy.severity = self.sev_filter.currentData()
        self.proxy.table = self.table_filter.currentData()
        self.proxy.invalidateFilter()

    def current_finding(self) -> Finding | None:
        idx = self.findings.selectionModel().currentIndex()
        if not idx.isValid():
            return None
        return self.model.finding(self.proxy.mapToSource(idx).row())

    def shown_row(self, row: int) -> int:
        """Where the model's ROW stands in the filtered list (-1: filtered out)."""
        return self.proxy.mapFromSource(self.model.index(row, 0)).row()

    def fit_columns(self) -> None:
        """位置 gives way to 说明 (the message) when the list is narrow."""
        self.findings.setColumnWidth(1, max(120, min(220, int(self.findings.viewport().width() * 0.3))))

    def show_actions(self, f: Finding | None, last_year: bool) -> None:
        """The buttons for the selected finding F (LAST_YEAR: last year's report is there to compare with), and
        the repair 采用建议值 would make."""
        fix = self.session.fix_for(f)
        self.apply_btn.setEnabled(fix is not None)
        told = repair.describe(self.session.report, fix) if fix is not None else ""
        self.apply_btn.setToolTip(told or "各合计关系均成立，没有需要的修改")
        if fix is not None:
            alts = repair.alternatives(self.session.fixes, fix)
            more = "" if fix.unique or not alts else "；同样少的改法还有：" + "；".join(
                repair.describe(self.session.report, g, short=True) for g in alts) + "（请核对原始台账再定）"
            self.fix_label.setText(f"建议修改：{told}{more}")
        self.fix_label.setVisible(fix is not None)
        self.accept_btn.setEnabled(f is not None)
        self.compare_btn.setVisible(f is not None and f.code == "years.text_copied" and last_year)
        self.accept_btn.setText("取消确认" if f and self.session.corrections.is_accepted(f) else "标记为已确认…")
