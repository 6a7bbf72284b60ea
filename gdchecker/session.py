"""One open report: what was read, the corrections over it, and the findings of the corrected report.

Pure Python, so that the desktop app, the exporters and tests share it; the app only displays it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gdchecker import edits, repair
from gdchecker.model import CellRef, Finding, Report, Severity
from gdchecker.rules import check
from gdchecker.rules.context import Context, Previous


@dataclass
class Session:
    path: str
    original: Report
    corrections: edits.Corrections
    changed_since: bool = False  # the report file changed after the corrections were made
    saved_to: str | None = None
    previous: Previous | None = None  # last year's report of the same body, or figures typed in
    problems: list[str] = field(default_factory=list)  # corrections files that could not be read (moved aside)
    unsaved: str | None = None  # why the last change could not be saved (it is kept in memory); None: all saved
    report: Report = field(init=False)
    findings: list[Finding] = field(init=False)
    fixes: list[repair.Fix] = field(init=False)  # the repairs of the corrected report, best first

    def __post_init__(self) -> None:
        self.recheck()

    @classmethod
    def open(cls, path: str, report: Report, previous: Previous | None = None) -> Session:
        loaded = edits.load(path)
        s = cls(path, report, loaded.corrections, loaded.changed, previous=previous, problems=loaded.problems)
        s.saved_to = str(loaded.path) if loaded.path else None
        if loaded.changed and loaded.path is not None:
            # keep both: the corrections made on the earlier file stay in a copy of their own
            backup = loaded.path.with_name(loaded.path.stem + f".{loaded.corrections.fingerprint[:8]}.json")
            try:
                edits.atomic_write(backup, loaded.path.read_text(encoding="utf-8"))
            except OSError as e:
                s.problems.append(f"报告文件已变化，但无法另存一份修改记录的副本（{e.strerror or type(e).__name__}）")
            s.corrections.fingerprint = edits.fingerprint(path)
        return s

    def recheck(self) -> None:
        self.report = self.corrections.effective(self.original)
        previous = self.previous or self.corrections.typed_previous(self.report)
        self.findings = check(self.report, Context(previous))
        self.fixes = repair.fixes(self.report, self.findings, previous)

    def save(self) -> None:
        """Write the corrections at once; where nothing can be written, say why in `unsaved` (never raises)."""
        try:
            self.saved_to = str(edits.save(self.corrections, self.path))
            self.unsaved = None
        except edits.SaveError as e:
            self.unsaved = e.message

    # -- changes, each saved at once -----------------------------------------------------------------------
    def set_cell(self, ref: CellRef, text: str) -> None:
        self.corrections.set_cell(self.original, ref, text)
        self._changed()

    def apply_fix(self, fix: repair.Fix) -> None:
        """Every cell of a repair, as one correction (one undo step)."""
        self.corrections.set_cells(self.original, [(c.ref, repair.fmt(c.after)) for c in fix.changes])
        self._changed()

    def fix_of(self, finding: Finding) -> repair.Fix | None:
        """The best repair that clears this finding, if any."""
        i = next((k for k, f in enumerate(self.findings) if f is finding), None)
        return next((x for x in self.fixes if i is not None and i in x.resolves), None)

    def fix_for(self, finding: Finding | None) -> repair.Fix | None:
        """The best repair that clears this finding; without a finding (or none clears it), the report's best."""
        fix = self.fix_of(finding) if finding is not None else None
        return fix or (self.fixes[0] if self.fixes else None)

    def accept(self, finding: Finding, note: str) -> None:
        self.corrections.accept(finding, note)
        self._changed()

    def unaccept(self, finding: Finding) -> None:
        self.corrections.unaccept(finding)
        self._changed()

    def set_previous_figures(self, year: int | None, carry_forward: dict, in_force: dict) -> None:
        """Last year's 结转下年度 (per column) and 现行有效件数 (per row), typed in where last year's file is not at hand."""
        self.corrections.set_previous(year, carry_forward, in_force)
        self._changed()

    def undo(self) -> None:
        self.corrections.undo()
        self._changed()

    def redo(self) -> None:
        self.corrections.redo()
        self._changed()

    def _changed(self) -> None:
        self.save()
        self.recheck()

    # -- questions the views ask ---------------------------------------------------------------------------
    def edit_of(self, ref: CellRef) -> edits.Edit | None:
        return self.corrections.edits.get((ref.table, ref.row, ref.col))

    def open_findings(self) -> list[Finding]:
        """Findings not marked as checked and accepted."""
        return [f for f in self.findings if self.corrections.is_accepted(f) is None]

    def counts(self, table: str | None = None, row: str | None = None, section: str | None = None
               ) -> dict[Severity, int]:
        """Open findings by severity: all, a table's, a row's, or those about one of the six parts' text."""
        out = {s: 0 for s in Severity}
        for f in self.open_findings():
            if section is not None:
                if f.section == section:
                    out[f.severity] += 1
                continue
            if table is not None and f.table != table and not any(c.table == table for c in f.cells):
                continue
            if row is not None and not (f.cells and f.cells[0].row == row):
                continue  # a row counts the findings about its own cells (a wrong total), not those it is a part of
            out[f.severity] += 1
        return out

    def findings_at(self, ref: CellRef) -> list[Finding]:
        return [f for f in self.open_findings() if ref in f.cells]
