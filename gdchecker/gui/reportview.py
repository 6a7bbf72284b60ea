"""One open report: tree on the left, the selected table and the findings in the middle, the source on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gdchecker import repair
from gdchecker.grids import heading, headings
from gdchecker.gui.copied import CopiedDialog
from gdchecker.gui.models import COUNTS_ROLE, FindingsModel, ReportTreeModel, TableGridModel
from gdchecker.gui.sourceview import SourceView
from gdchecker.model import CellRef, Finding
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


class ReportView(QWidget):
    changed = Signal()  # corrections changed: undo state and title may follow

    def __init__(self, session: Session, name: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        self.name = name
        self.tree_model = ReportTreeModel(session, name, self)
        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.tree_model)
        self.tree.expandToDepth(1)
        self.tree.setAccessibleName("报告结构")
        # a narrow tree keeps both ends of a row's label and its counts: “（三）不予公开…国家秘密（错误 1）”
        self.tree.setItemDelegate(TreeLabels(self.tree))
        self.tree.setIndentation(14)
        self.tree.setMinimumWidth(150)
        self.tree.selectionModel().currentChanged.connect(self._tree_changed)

        self.grid_models: dict[str, TableGridModel] = {}
        self.grid = QTableView()
        self.grid.setAccessibleName("统计表")
        self.grid.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                  | QAbstractItemView.AnyKeyPressed)
        self.grid.horizontalHeader().hide()
        self.grid.verticalHeader().hide()
        self.grid.setWordWrap(True)
        self.grid.setTextElideMode(Qt.ElideMiddle)
        self.grid.setContextMenuPolicy(Qt.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._cell_menu_at)
        self.grid_title = QLabel()
        self.grid_title.setWordWrap(True)
        self.empty = QLabel("在左侧选择一张统计表")
        self.empty.setAlignment(Qt.AlignCenter)
        self.grid_stack = QStackedWidget()
        self.grid_stack.addWidget(self.empty)
        self.grid_stack.addWidget(self.grid)

        self.findings_model = FindingsModel(session, self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.findings_model)
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
        self.findings.selectionModel().currentRowChanged.connect(self._finding_changed)

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
        self.apply_btn.clicked.connect(self.apply_fix)
        self.accept_btn = QPushButton("标记为已确认…")
        self.accept_btn.setToolTip("核实后确认此问题无需修改，并写下说明")
        self.accept_btn.clicked.connect(self.accept_current)
        self.compare_btn = QPushButton("对照上年…")
        self.compare_btn.setToolTip("把这一部分与上年报告的同一部分并排显示，标出相同的句子")
        self.compare_btn.clicked.connect(self.compare_with_last_year)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("问题清单"))
        bar.addWidget(self.sev_filter)
        bar.addWidget(self.table_filter)
        bar.addStretch(1)
        bar.addWidget(self.compare_btn)
        bar.addWidget(self.apply_btn)
        bar.addWidget(self.accept_btn)
        low = QWidget()
        lv = QVBoxLayout(low)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(bar)
        # the answer to “which number is wrong?”: the repair the button would make, in the report's words
        self.fix_label = QLabel()
        self.fix_label.setWordWrap(True)
        self.fix_label.setAccessibleName("建议修改")
        lv.addWidget(self.fix_label)
        lv.addWidget(self.findings)

        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(self.grid_title)
        tv.addWidget(self.grid_stack, 1)
        middle = QSplitter(Qt.Vertical)
        middle.addWidget(top)
        middle.addWidget(low)
        middle.setStretchFactor(0, 3)
        middle.setStretchFactor(1, 2)

        self.source = SourceView(session)
        self.source.setMinimumWidth(180)
        middle.setMinimumWidth(360)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.source)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([340, 800, 420])
        self.restored = False  # the panes' sizes were restored from the last session: kept as they were
        self._sized = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.splitter)
        self.current_table: str | None = None
        self.changed_cells: set[CellRef] = set()  # the cells the last repair applied changed
        self._syncing = False  # a finding and a cell are being selected for each other
        self._update_buttons()
        # start where the first error is, else at the first table found
        worst = next((f.table for f in session.open_findings() if f.severity.value == "error" and f.table
                      and f.table in session.report.tables), None)
        first = worst or next((k for k in headings() if k in session.report.tables), None)
        if first:
            self.tree.setCurrentIndex(self.tree_model.index_of(first))
        if worst:
            self.findings.selectRow(0)  # show the first error with all its cells highlighted

    # -- showing -------------------------------------------------------------------------------------------
    def show_table(self, table: str | None, row: str | None = None) -> None:
        if table is None or table not in self.session.report.tables:
            self.grid_stack.setCurrentWidget(self.empty)
            self.empty.setText("报告中没有找到这张表" if table else "在左侧选择一张统计表")
            self.grid_title.setText(heading(table or ""))
            self.current_table = table
            return
        if table != self.current_table:
            model = self.grid_models.get(table)
            if model is None:
                model = TableGridModel(self.session, table, self)
                model.edited.connect(self.edit_cell)
                self.grid_models[table] = model
            self.grid.setModel(model)
            self.grid.clearSpans()
            for s in model.lay.spans:
                self.grid.setSpan(s.row, s.col, s.rows, s.cols)
            self._size_grid(model)
            self.grid.selectionModel().currentChanged.connect(self._cell_changed)
            self.current_table = table
            t = self.session.report.tables[table]
            self.grid_title.setText(heading(table) + (f"（原文第 {t.page} 页）" if t.page else ""))
            self.grid_stack.setCurrentWidget(self.grid)
            self.source.show_table(table)
        if row is not None:
            model = self.grid_models[table]
            idx = model.index_of(CellRef(table, row, model.lay.cols[-1]))
            if idx.isValid():
                self.grid.scrollTo(idx)
                self.grid.setCurrentIndex(idx)

    def _size_grid(self, model: TableGridModel) -> None:
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

    def fit_panes(self, width: int) -> None:
        """Share the width out: on a small screen the table gets what the tree and the page can spare."""
        tree = max(170, min(340, int(width * 0.21)))
        source = max(180, min(520, int(width * 0.27)))
        self.splitter.setSizes([tree, max(360, width - tree - source), source])

    def showEvent(self, e) -> None:  # noqa: ANN001, N802
        super().showEvent(e)
        if not self._sized:
            self._sized = True
            if not self.restored:
                self.fit_panes(self.splitter.width())

    def resizeEvent(self, e) -> None:  # noqa: ANN001, N802
        super().resizeEvent(e)
        model = self.grid.model()
        if isinstance(model, TableGridModel):
            self._size_grid(model)
        # 位置 gives way to 说明 (the message) when the list is narrow
        self.findings.setColumnWidth(1, max(120, min(220, int(self.findings.viewport().width() * 0.3))))

    def select_cell(self, ref: CellRef) -> None:
        self.show_table(ref.table)
        model = self.grid_models.get(ref.table)
        if model:
            idx = model.index_of(ref)
            if idx.isValid():
                self.grid.setCurrentIndex(idx)
                self.grid.scrollTo(idx)

    # -- reactions -----------------------------------------------------------------------------------------
    def _tree_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        node = self.tree_model.node(current)
        if node.kind == "table":
            self.show_table(node.key)
        elif node.kind == "row":
            self.show_table(node.table, node.key)
        elif node.kind == "section":
            self.source.show_part(node.key)

    def _cell_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        model = self.grid.model()
        ref = model.ref(current) if isinstance(model, TableGridModel) else None
        if ref is not None:
            self.source.show_table(ref.table, ref)
        if ref is not None and not self._syncing:
            self.select_finding_of(ref)

    def select_finding_of(self, ref: CellRef) -> None:
        """Select the finding a clicked cell is about (the one whose first cell it is, else one it is a part of)."""
        f = self.current_finding()
        if f is not None and ref in f.cells:
            return
        found = self.session.findings_at(ref)
        best = next((x for x in found if x.cells and x.cells[0] == ref), found[0] if found else None)
        if best is None:
            return
        for row, item in enumerate(self.findings_model.items):
            if item is best:
                view_row = self.proxy.mapFromSource(self.findings_model.index(row, 0)).row()
                if view_row >= 0:
                    self._syncing = True
                    try:
                        self.findings.selectRow(view_row)
                    finally:
                        self._syncing = False
                break

    def _finding_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        f = self.current_finding()
        for m in self.grid_models.values():
            m.highlight = set(f.cells) if f else set()
            m.refresh()
        if self._syncing:  # selected for a cell the user clicked: the grid stays where it is
            self.grid.viewport().update()
            self._update_buttons()
            return
        self._syncing = True
        try:
            self._show_finding(f)
        finally:
            self._syncing = False
        self._update_buttons()

    def _show_finding(self, f: Finding | None) -> None:
        if f is not None and f.cells:
            self.select_cell(f.cells[0])
            self.tree.setCurrentIndex(self.tree_model.index_of(f.cells[0].table, f.cells[0].row))
            self.select_cell(f.cells[0])
            for m in self.grid_models.values():
                m.highlight = set(f.cells)
            self.grid.viewport().update()
        elif f is not None and f.table:
            self.tree.setCurrentIndex(self.tree_model.index_of(f.table))
        elif f is not None and f.section:
            self.tree.setCurrentIndex(self.tree_model.index_of_section(f.section))

    def _filter(self) -> None:
        self.proxy.severity = self.sev_filter.currentData()
        self.proxy.table = self.table_filter.currentData()
        self.proxy.invalidateFilter()

    def current_finding(self) -> Finding | None:
        idx = self.findings.selectionModel().currentIndex()
        if not idx.isValid():
            return None
        return self.findings_model.finding(self.proxy.mapToSource(idx).row())

    def _update_buttons(self) -> None:
        f = self.current_finding()
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
        self.compare_btn.setVisible(f is not None and f.code == "years.text_copied" and self._last_report() is not None)
        self.accept_btn.setText("取消确认" if f and self.session.corrections.is_accepted(f) else "标记为已确认…")

    def _last_report(self):  # noqa: ANN202 - a Report or None
        prev = self.session.previous
        return prev.report if prev is not None else None

    def compare_with_last_year(self) -> CopiedDialog | None:
        """This year's section beside last year's (the selected finding's section); the dialog is returned for
        tests, shown modeless so the user can go on."""
        last = self._last_report()
        if last is None:
            return None
        f = self.current_finding()
        dlg = CopiedDialog(self.session.report, last, self.session.previous.name,
                           f.section if f is not None else None, self)
        dlg.show()
        return dlg

    # -- a cell's menu -------------------------------------------------------------------------------------
    def cell_menu(self, ref: CellRef) -> QMenu:
        """修改 / 恢复原值 / 复制 for one value cell."""
        menu = QMenu(self)
        model = self.grid_models[ref.table]
        edit = self.session.edit_of(ref)
        change = menu.addAction("修改…")
        change.triggered.connect(lambda: self.grid.edit(model.index_of(ref)))
        restore = menu.addAction(f"恢复原值（{edit.original or '空'}）" if edit is not None else "恢复原值")
        restore.setEnabled(edit is not None)
        restore.triggered.connect(lambda: self.restore_cell(ref))
        copy = menu.addAction("复制")
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(
            str(model.data(model.index_of(ref), Qt.DisplayRole) or "")))
        return menu

    def _cell_menu_at(self, pos) -> None:  # noqa: ANN001 - a QPoint in the grid's viewport
        model = self.grid.model()
        ref = model.ref(self.grid.indexAt(pos)) if isinstance(model, TableGridModel) else None
        if ref is not None and ref.table in self.session.report.tables:
            self.cell_menu(ref).exec(self.grid.viewport().mapToGlobal(pos))

    def restore_cell(self, ref: CellRef) -> None:
        """The cell back to the report's own text: the correction removed (one undo step brings it back)."""
        edit = self.session.edit_of(ref)
        if edit is not None:
            self.edit_cell(ref, edit.original)

    # -- changes -------------------------------------------------------------------------------------------
    def edit_cell(self, ref: CellRef, text: str) -> None:
        self.session.set_cell(ref, text)
        self.after_change()

    def apply_fix(self) -> None:
        """The repair that clears the selected finding (else the report's best): all its cells, one undo step; the
        changed cells are shown and marked, on their table."""
        fix = self.session.fix_for(self.current_finding())
        if fix is None:
            return
        self.session.apply_fix(fix)
        self.changed_cells = {c.ref for c in fix.changes}
        self.after_change()
        first = fix.changes[0].ref
        self._syncing = True
        try:
            self.select_cell(first)
        finally:
            self._syncing = False
        for m in self.grid_models.values():
            m.highlight = set(self.changed_cells)
            m.refresh()

    def accept_current(self) -> None:
        f = self.current_finding()
        if f is None:
            return
        if self.session.corrections.is_accepted(f):
            self.session.unaccept(f)
        else:
            note, ok = QInputDialog.getText(self, "标记为已确认", "核实说明（例如：已与业务科室核对，原表无误）：")
            if not ok:
                return
            self.session.accept(f, note.strip() or "已核实")
        self.after_change()

    def undo(self) -> None:
        self.session.undo()
        self.after_change()

    def redo(self) -> None:
        self.session.redo()
        self.after_change()

    def after_change(self) -> None:
        """The session re-checked: every view follows."""
        current = self.current_finding()
        self.findings_model.refresh()
        for m in self.grid_models.values():
            m.refresh()
        self.tree_model.refresh()
        if current is not None:
            for row, f in enumerate(self.findings_model.items):
                if f.key() == current.key():
                    self.findings.selectRow(self.proxy.mapFromSource(self.findings_model.index(row, 0)).row())
                    break
        self._update_buttons()
        self.changed.emit()
