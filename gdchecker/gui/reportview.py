"""One open report: tree on the left, the selected table and the findings in the middle, the source on the right.

The view puts the panes together and keeps them in step: a node of the tree, a cell of the table, a finding and
the source all show the same place. The panes are in reporttree, tablepane, findingspanel and sourceview; the
corrections made in the view are in reportedits."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from gdchecker.grids import heading, headings
from gdchecker.gui.copied import CopiedDialog
from gdchecker.gui.findingspanel import FindingsFilter, FindingsPanel
from gdchecker.gui.models import FindingsModel, ReportTreeModel, TableGridModel
from gdchecker.gui.reportedits import ReportEditsMixin
from gdchecker.gui.reporttree import TreeLabels, report_tree
from gdchecker.gui.sourceview import SourceView
from gdchecker.gui.tablepane import TablePane
from gdchecker.model import CellRef, Finding
from gdchecker.session import Session

__all__ = ["FindingsFilter", "ReportView", "TreeLabels"]


class ReportView(ReportEditsMixin, QWidget):
    changed = Signal()  # corrections changed: undo state and title may follow

    def __init__(self, session: Session, name: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.session = session
        self.name = name
        self.tree_model = ReportTreeModel(session, name, self)
        self.tree = report_tree(self.tree_model)
        self.tree.selectionModel().currentChanged.connect(self._tree_changed)

        self.grid_models: dict[str, TableGridModel] = {}
        self.pane = TablePane()
        self.grid = self.pane.grid
        self.grid.customContextMenuRequested.connect(self._cell_menu_at)

        self.findings_model = FindingsModel(session, self)
        self.panel = FindingsPanel(session, self.findings_model)
        self.proxy, self.findings = self.panel.proxy, self.panel.findings
        self.findings.selectionModel().currentRowChanged.connect(self._finding_changed)
        # the panel's parts, at hand on the view too
        self.sev_filter, self.table_filter = self.panel.sev_filter, self.panel.table_filter
        self.apply_btn, self.accept_btn = self.panel.apply_btn, self.panel.accept_btn
        self.compare_btn, self.fix_label = self.panel.compare_btn, self.panel.fix_label
        self.apply_btn.clicked.connect(self.apply_fix)
        self.accept_btn.clicked.connect(self.accept_current)
        self.compare_btn.clicked.connect(self.compare_with_last_year)

        middle = QSplitter(Qt.Vertical)
        middle.addWidget(self.pane)
        middle.addWidget(self.panel)
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
            self.pane.show_missing(table, heading(table or ""))
            self.current_table = table
            return
        if table != self.current_table:
            model = self.grid_models.get(table)
            if model is None:
                model = TableGridModel(self.session, table, self)
                model.edited.connect(self.edit_cell)
                self.grid_models[table] = model
            self.pane.set_model(model)
            self.grid.selectionModel().currentChanged.connect(self._cell_changed)
            self.current_table = table
            t = self.session.report.tables[table]
            self.pane.show_grid(heading(table) + (f"（原文第 {t.page} 页）" if t.page else ""))
            self.source.show_table(table)
        if row is not None:
            model = self.grid_models[table]
            idx = model.index_of(CellRef(table, row, model.lay.cols[-1]))
            if idx.isValid():
                self.grid.scrollTo(idx)
                self.grid.setCurrentIndex(idx)

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
            self.pane.size_grid(model)
        self.panel.fit_columns()

    def select_cell(self, ref: CellRef) -> None:
        self.show_table(ref.table)
        model = self.grid_models.get(ref.table)
        if model:
            idx = model.index_of(ref)
            if idx.isValid():
                self.grid.setCurrentIndex(idx)
                self.grid.scrollTo(idx)

    # -- keeping the panes in step -------------------------------------------------------------------------
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
                view_row = self.panel.shown_row(row)
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

    def current_finding(self) -> Finding | None:
        return self.panel.current_finding()

    def _update_buttons(self) -> None:
        self.panel.show_actions(self.current_finding(), self._last_report() is not None)

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
