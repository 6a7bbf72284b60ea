"""The corrections made in a report's view: a value cell's menu (修改, 恢复原值, 复制), a cell edited, the suggested
repair applied, a finding accepted, undo and redo; after each the session is re-checked and every pane follows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMenu

from gdchecker.gui.models import TableGridModel
from gdchecker.model import CellRef


class ReportEditsMixin:
    """For the report's view (a QWidget with session, grid, grid_models, the findings and the tree)."""

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
                    self.findings.selectRow(self.panel.shown_row(row))
                    break
        self._update_buttons()
        self.changed.emit()
