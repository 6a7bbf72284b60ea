"""The selected table in the middle of a report's view: its title, and below it the grid of its cells (or a word
where there is no table to show), the grid's columns sized to the room there is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStackedWidget, QTableView, QVBoxLayout, QWidget

from gdchecker.gui.models import TableGridModel


class TablePane(QWidget):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.grid = QTableView()
        self.grid.setAccessibleName("统计表")
        self.grid.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                  | QAbstractItemView.AnyKeyPressed)
        self.grid.horizontalHeader().hide()
        self.grid.verticalHeader().hide()
        self.grid.setWordWrap(True)
        self.grid.setTextElideMode(Qt.ElideMiddle)
        self.grid.setContextMenuPolicy(Qt.CustomContextMenu)  # a value cell's menu (修改, 恢复原值, 复制)
        self.grid_title = QLabel()
        self.grid_title.setWordWrap(True)
        self.empty = QLabel("在左侧选择一张统计表")
        self.empty.setAlignment(Qt.AlignCenter)
        self.grid_stack = QStackedWidget()
        self.grid_stack.addWidget(self.empty)
        self.grid_stack.addWidget(self.grid)
        tv = QVBoxLayout(self)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(self.grid_title)
        tv.addWidget(self.grid_stack, 1)

    def show_missing(self, table: str | None, title: str) -> None:
        """No grid: the table is not in the report (or none is chosen)."""
        self.grid_stack.setCurrentWidget(self.empty)
        self.empty.setText("报告中没有找到这张表" if table else "在左侧选择一张统计表")
        self.grid_title.setText(title)

    def set_model(self, model: TableGridModel) -> None:
        """The grid shows MODEL's cells, its merged cells joined, its columns sized."""
        self.grid.setModel(model)
        self.grid.clearSpans()
        for s in model.lay.spans:
            self.grid.setSpan(s.row, s.col, s.rows, s.cols)
        self.size_grid(model)

    def show_grid(self, title: str) -> None:
        self.grid_title.setText(title)
        self.grid_stack.setCurrentWidget(self.grid)

    def size_grid(self, model: TableGridModel) -> None:
        """Value columns as wide as seven digits or a short header; the row labels take what room is left, between
        eight and fourteen characters (a long label wraps; the whole of it is in its tooltip), so that the 总计
        column stays in view on a small screen."""
        fm = self.grid.fontMetrics()
        value = max(fm.horizontalAdvance("法律服务") + 12, fm.horizontalAdvance("000000") + 12)
        for c in range(model.lay.first_value_col, model.columnCount()):
            self.grid.setColumnWidth(c, value)
        if model.lay.labelled:
            room = self.grid.viewport().width() - value * len(model.lay.cols) - 4
            widest = fm.horizontalAdvance("（五）不予处理5.要求行政机关") + 16
            self.grid.setColumnWidth(0, max(fm.horizontalAdvance("（五）不予处理") + 16, min(widest, room)))
        self.grid.resizeRowsToContents()
