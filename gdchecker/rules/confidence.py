"""Figures read by OCR with little certainty: a reading finding, never an error of the report.

Each cell read from a scan carries how sure the reading is (Cell.conf; None for a text layer). A cell read with
low confidence is named as a reading warning. Where the sums break and the only repair of the fewest cells
(gdchecker.repair) changes cells that were all read with less than high confidence, the broken sums are the
reading's doing, not the report's: their errors are left out and each such cell gets the reading warning with
the value the sums want. A sum broken among cells read surely stays an error.
"""

from __future__ import annotations

from gdchecker.model import CellRef, Finding, Report, Severity

CODE = "reading.ocr_unsure"
LOW = 0.80  # below: the reading is unsure on its own
HIGH = 0.95  # at or above: read surely (a repair pointing at it is the report's error)
SUM_CODES = ("applications.balance", "applications.row_total", "applications.column_total",
             "review_litigation.group_total", "applications.misfiled_applicant")


def _unsure(report: Report) -> dict[CellRef, float]:
    return {CellRef(t.key, r, c): cell.conf for t in report.tables.values() for r, row in t.cells.items()
            for c, cell in row.items() if cell.conf is not None and cell.conf < HIGH}


def _where(report: Report, ref: CellRef) -> str:
    from gdchecker.repair import where

    cell = report.tables[ref.table].cell(ref.row, ref.col)
    page = cell.box.page if cell is not None and cell.box is not None else None
    return (f"第 {page} 页" if page else "") + where(report, ref)


def _message(report: Report, ref: CellRef, conf: float, after: int | float | None) -> str:
    from gdchecker.names import fmt

    cell = report.tables[ref.table].cell(ref.row, ref.col)
    text = (cell.text if cell is not None and cell.text else "空白") if cell is not None else "空白"
    sure = "置信度低" if conf < LOW else "置信度不高"
    want = f"，按合计关系应为 {fmt(after)}" if after is not None else ""
    return f"{_where(report, ref)}识别为 {text}，{sure}{want}，请核对原件"


def settle(report: Report, findings: list[Finding]) -> list[Finding]:
    """The findings with the sum errors that unsure readings explain left out and a reading warning for every
    unsure cell (those findings are unchanged for a report read from a text layer)."""
    unsure = _unsure(report)
    if not unsure:
        return findings
    from gdchecker.repair import apply, candidates
    from gdchecker.rules.arithmetic import sums

    wanted: dict[CellRef, int | float] = {}
    cleared: set[tuple] = set()
    broken = {f.key() for f in findings if f.code in SUM_CODES}
    for options, complete in candidates(report) if broken else []:
        fit = [ch for ch in options if all(c.ref in unsure for c in ch)
               and ((complete and len(options) == 1) or all(unsure[c.ref] < LOW for c in ch))]
        if not fit:
            continue
        changes = min(fit, key=lambda ch: sum(unsure[c.ref] for c in ch))
        left = {f.key() for f in sums(apply(report, changes))}
        cleared |= broken - left
        wanted.update({c.ref: c.after for c in changes})
    out = [f for f in findings if not (f.code in SUM_CODES and f.key() in cleared)]
    for ref, conf in sorted(unsure.items(), key=lambda t: (t[0].table, t[0].row, t[0].col)):
        if ref in wanted or conf < LOW:
            out.append(Finding(CODE, Severity.WARNING, _message(report, ref, conf, wanted.get(ref)), ref.table,
                               (ref,), expected=wanted.get(ref), actual=_value(report, ref)))
    return out


def _value(report: Report, ref: CellRef) -> int | float | None:
    cell = report.tables[ref.table].cell(ref.row, ref.col)
    return None if cell is None else cell.value
