"""A report's tree on the left of its view (parts, tables and rows, with their counts): the view and the delegate
that shortens its labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyledItemDelegate, QTreeView

from gdchecker.gui.models import COUNTS_ROLE, ReportTreeModel


class TreeLabels(QStyledItemDelegate):
    """A label too long for the tree is shortened in the middle (“（三）不予公开…国家秘密”), and its counts
    “（错误 1）” stay whole at the end, so that every row is told apart at any width."""

    def initStyleOption(self, option, index) -> None:  # noqa: ANN001, N802
        super().initStyleOption(option, index)
        counts = index.data(COUNTS_ROLE) or ""
        text = option.text
        icon = option.decorationSize.width() + 6 if not option.icon.isNull() else 0
        room = option.rect.width() - icon - 10
        fm = QFontMetrics(option.font)  # the node's own font (sections are bold)
        if room > 0 and fm.horizontalAdvance(text) > room:
            label = text[: len(text) - len(counts)] if counts and text.endswith(counts) else text
            # a row's label ends in what tells it from its neighbours; a heading is told by its beginning
            mode = Qt.ElideRight if index.model().hasChildren(index) else Qt.ElideMiddle
            option.text = fm.elidedText(label, mode, max(0, room - fm.horizontalAdvance(counts))) + counts


def report_tree(model: ReportTreeModel) -> QTreeView:
    """The tree of MODEL, its first two levels open."""
    tree = QTreeView()
    tree.setHeaderHidden(True)
    tree.setModel(model)
    tree.expandToDepth(1)
    tree.setAccessibleName("报告结构")
    # a narrow tree keeps both ends of a row's label and its counts: “（三）不予公开…国家秘密（错误 1）”
    tree.setItemDelegate(TreeLabels(tree))
    tree.setIndentation(14)
    tree.setMinimumWidth(150)
    return tree
