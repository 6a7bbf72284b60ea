"""Figures read by OCR with little certainty: a reading finding, never an error of the report.

What a scan's reading did not find (a table, a row, a column), a figure read as no count can be (12.11, −3), and a
table whose sums break in many places (a seal, a stain or a fold over it shifts what is read) are the reading's
doing as likely as the report's: reading warnings, saying to check the original. A scan in which no table at all
was found stays an error (nothing could be checked), said as the reading's failure.

Each cell read from a scan carries how sure the reading is (Cell.conf; None for a text layer). A cell read with
low confidence is named as a reading warning. Where the sums break and the only repair of the fewest cells
(gdchecker.repair) changes cells that were all read with less than high confidence, the broken sums are the
reading's doing, not the report's: their errors are left out and each such cell gets the reading warning with
the value the sums want. A sum broken among cells read surely stays an error.
"""

from __future__ import annotations

import dataclasses

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
    if report.scanned:
        findings = _as_read(report, findings)
    unsure = _unsure(report)
    if not unsure:
        return findings
    from gdchecker.repair import apply
    from gdchecker.repair_search import candidates
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


STRUCTURE = {"structure.no_tables", "structure.missing_table", "structure.missing_row", "structure.missing_column"}
VALUE_CODES = {"values.not_whole", "values.negative", "values.unreadable"}
MANY_BROKEN = 3  # sums broken in one table of a scan from which its reading, not the report, is doubted
CHECK = "，请核对原件（扫描件的识别结果）"


def _as_read(report: Report, findings: list[Finding]) -> list[Finding]:
    """A scan's findings with what its reading may have caused said as reading warnings (see the module)."""
    out: list[Finding] = []
    broken: dict[str, list[Finding]] = {}
    doubted: list[CellRef] = []
    for f in findings:
        if f.code == "values.blank":  # an empty cell of a scan may be a figure the reading did not see
            out.append(dataclasses.replace(f, message=f"{f.message}（扫描件：也可能是未能识别出的数字，请核对原件）"))
        elif f.severity != Severity.ERROR:
            out.append(f)
        elif f.code == "structure.no_tables":  # nothing could be checked: still what the reviewer must look at
            out.append(Finding("structure.no_tables", Severity.ERROR,
                               "扫描件中没有识别出任何统计表，无法检查：可能是扫描模糊、过暗、页面方向或印章遮挡所致，"
                               "也可能这份文件不是政府信息公开工作年度报告，请核对原件", f.table, f.cells))
        elif f.code == "structure.missing_table":
            out.append(Finding("reading.table_unread", Severity.WARNING,
                               f"扫描件中{f.message.replace('没有找到', '没有识别出')}：可能是扫描模糊、过暗、页面方向或"
                               f"印章遮挡所致，也可能报告缺少这张表{CHECK}", f.table, f.cells))
        elif f.code in STRUCTURE:
            out.append(Finding("reading.row_unread", Severity.WARNING,
                               f"扫描件中{f.message}：可能是扫描模糊、印章或污迹遮挡所致{CHECK}", f.table, f.cells))
        elif f.code in VALUE_CODES and f.cells and all(_read_by_ocr(report, c) for c in f.cells):
            doubted += f.cells
            out.append(Finding(CODE, Severity.WARNING, f"{f.message}：可能是识别错误{CHECK}", f.table, f.cells,
                               expected=f.expected, actual=f.actual))
        elif f.code in SUM_CODES and f.table:
            broken.setdefault(f.table, []).append(f)
            out.append(f)
        else:
            out.append(f)
    # a figure read as no count can be (12.11: two cells run together where a rule was lost) shifts the cells
    # around it: the sums along its row or down its column are the reading's doing too
    if doubted:
        def near(f: Finding) -> bool:
            return any(c.table == d.table and (c.row == d.row or c.col == d.col) for c in f.cells for d in doubted)

        gone = {id(f) for fs in broken.values() for f in fs if near(f)}
        out = [f for f in out if id(f) not in gone]
        broken = {t: [f for f in fs if id(f) not in gone] for t, fs in broken.items()}
    for table, fs in broken.items():
        if len(fs) < MANY_BROKEN:
            continue
        gone = {id(f) for f in fs}
        out = [f for f in out if id(f) not in gone]
        refs = tuple(dict.fromkeys(c for f in fs for c in f.cells))
        from gdchecker.names import table_name

        out.append(Finding(CODE, Severity.WARNING,
                           f"{table_name(table)}的识别结果有 {len(fs)} 处合计关系不成立，多为印章、污迹或折痕遮挡使数字"
                           f"读错或错列所致，未作为报告的错误{CHECK}", table, refs))
    return out


def _read_by_ocr(report: Report, ref: CellRef) -> bool:
    t = report.tables.get(ref.table)
    cell = t.cell(ref.row, ref.col) if t is not None else None
    return cell is not None and cell.conf is not None
