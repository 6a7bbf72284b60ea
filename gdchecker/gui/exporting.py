"""The main window's exports: 文件 → 导出 Excel and 导出校验意见, asked where to, written, told in the status bar."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QFileDialog, QMessageBox


class ExportMixin:
    """For the main window (a QMainWindow with current_view and current_batch). The writers are imported when
    first used."""

    def export_xlsx(self, _checked: bool = False, target: str | None = None) -> str | None:
        """文件 → 导出 Excel: the corrected tables, findings and corrections of the current report; on a folder's
        tab, the summary workbook of the folder (汇总, 问题清单, 说明)."""
        from gdchecker.export.xlsx import Entry, ExportError, write, write_results

        v, b = self.current_view(), self.current_batch()
        if v is None and (b is None or not b.results):
            return None
        if target is None:
            if v is not None:
                suggested = os.path.splitext(v.session.path)[0] + ".xlsx"
            else:
                suggested = os.path.join(b.folder, f"{os.path.basename(b.folder.rstrip('/')) or '文件夹'}-检查汇总.xlsx")
            target, _ = QFileDialog.getSaveFileName(self, "导出 Excel", suggested, "Excel 工作簿 (*.xlsx)")
            if not target:
                return None  # the dialog itself asked before replacing an existing file
        try:
            if v is not None:
                where = write(target, [Entry(v.session.path, v.session)], force=True)
            else:
                where = write_results(target, b.results, force=True)
        except ExportError as e:
            QMessageBox.warning(self, "无法导出", e.message)
            return None
        self.statusBar().showMessage(f"已导出到 {where}", 8000)
        return str(where)

    def export_opinion(self, _checked: bool = False, target: str | None = None) -> str | None:
        """文件 → 导出校验意见: the current report's opinion, as checked with its corrections, as .docx or PDF."""
        from gdchecker.gui import opinion_pdf
        from gdchecker.opinion.files import OpinionError, kind_of, name_for

        v = self.current_view()
        if v is None:
            return None
        if target is None:
            suggested = os.path.join(os.path.dirname(v.session.path), name_for(v.session.path, "docx", set()))
            target, chosen = QFileDialog.getSaveFileName(self, "导出校验意见", suggested, opinion_pdf.DIALOG_FILTER)
            if not target:
                return None  # the dialog itself asked before replacing an existing file
            if kind_of(target) is None:
                target += ".pdf" if "pdf" in chosen.lower() else ".docx"
        try:
            where = opinion_pdf.save(v.session, target)
        except OpinionError as e:
            QMessageBox.warning(self, "无法导出校验意见", e.message)
            return None
        self.statusBar().showMessage(f"已导出校验意见到 {where}", 8000)
        return str(where)
