"""The Excel workbook: one sheet per table group laid out like the official tables, findings, corrections, notes.

One report: its sheets 表二 表三 表四 校验结果 修改记录 说明. Several: 汇总, 问题清单 and 说明 (export.summary), and
each report's sheets only when asked (sheets=True), prefixed with its number. Every workbook carries the mark of
export.mark. Written with openpyxl to a temporary file beside the target, flushed to disk and renamed over it, so a
failure never leaves a half-written workbook; an existing file is only replaced when asked (force), and a file
locked by Excel or WPS gives a clear message.
"""

from __future__ import annotations

import functools
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gdchecker import __version__, formats
from gdchecker.check import Result
from gdchecker.durable import sync_folder, user_mode
from gdchecker.edits import Corrections
from gdchecker.export import mark, summary
from gdchecker.export.cells import FILLS, ListSheet, fit_rows, number, page, put_number, put_text, text
from gdchecker.export.facts import facts
from gdchecker.grids import grid, heading, section_tables, sections
from gdchecker.model import CellRef, Severity
from gdchecker.names import place
from gdchecker.session import Session

__all__ = ["Entry", "ExportError", "build", "entry_of", "put_number", "put_text", "save", "target", "write",
           "write_results"]



class ExportError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Entry:
    """One report to export: its session (report, corrections, findings) or why it could not be read."""

    path: str
    session: Session | None = None
    error_code: str | None = None
    error_message: str | None = None


def entry_of(result: Result) -> Entry:
    """A checked file as an entry of a workbook: the report as read (no corrections), with last year's findings
    where the result has last year's report; or why it could not be read."""
    if result.error is not None:
        return Entry(result.path, error_code=result.error.code, error_message=result.error.message)
    assert result.report is not None
    return Entry(result.path, Session(result.path, result.report, Corrections(result.path, ""),
                                      previous=result.previous))  # type: ignore[arg-type]


def _title(ws: Worksheet, session: Session, title: str, width: int) -> None:
    r = session.report
    head = f"{r.agency or ''}{r.year or ''}{'年' if r.year else ''}政府信息公开工作年度报告 · {title}"
    put_text(ws, 1, 1, head, bold=True, align="center", border=False, size=12)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 24


# -- one table's cells --------------------------------------------------------------------------------------------
def _value_cell(ws: Worksheet, row: int, col: int, session: Session, ref: CellRef) -> None:
    table = session.report.tables.get(ref.table)
    cell = table.cell(ref.row, ref.col) if table else None
    edit = session.edit_of(ref)
    about = [f for f in session.open_findings() if f.cells and f.cells[0] == ref]
    if cell is None:
        c = put_text(ws, row, col, None, align="right")
    elif cell.value is not None:
        c = put_number(ws, row, col, cell.value, align="right")
    else:
        c = put_text(ws, row, col, None if cell.blank else cell.text, align="right")
    notes = [f"[{f.severity.zh}] {f.message}" for f in about]
    if edit is not None:
        notes.append(f"原值：{edit.original or '（空）'}")
        c.fill = FILLS["edited"]
    for sev in (Severity.WARNING, Severity.ERROR):
        if any(f.severity == sev for f in about):
            c.fill = FILLS[sev.value]
    if notes:
        c.comment = Comment("\n".join(notes), "gdchecker", width=320, height=120)


def _grid(ws: Worksheet, session: Session, key: str, top: int) -> int:
    """One table in the official layout from row `top`; returns the next free row."""
    lay = grid(session.report, key)
    if lay is None:
        return top
    width = lay.first_value_col + len(lay.cols)
    for r, texts in enumerate(lay.header):
        for c in range(width):
            put_text(ws, top + r, c + 1, texts[c] if c < len(texts) else "", bold=True, fill="header", align="center")
    for s in lay.spans:
        ws.merge_cells(start_row=top + s.row, start_column=s.col + 1,
                       end_row=top + s.row + s.rows - 1, end_column=s.col + s.cols)
    row = top + len(lay.header)
    for rk, label in lay.rows:
        if lay.labelled:
            put_text(ws, row, 1, label, fill="header")
        for i, ck in enumerate(lay.cols):
            _value_cell(ws, row, lay.first_value_col + i + 1, session, CellRef(key, rk, ck))
        row += 1
    return row


def _stacked_sheet(wb: Workbook, name: str, session: Session, part: formats.Section, titles: bool = True) -> None:
    """A section of several small tables (表二): each under its heading, one above the other, on a portrait page."""
    ws = wb.create_sheet(name)
    _title(ws, session, part.heading, 4)
    row = 3
    for key in section_tables(session.report, part.number):
        if key not in session.report.tables:
            continue
        put_text(ws, row, 1, heading(key), bold=True, fill="header", align="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        lay = grid(session.report, key)
        assert lay is not None
        start = row + 1
        row = _grid(ws, session, key, start)
        if len(lay.cols) < 3:  # one or two value columns: the last one spans to column D, as printed
            for r in range(start, row):
                for c in range(len(lay.cols) + 2, 5):
                    put_text(ws, r, c, None)
                ws.merge_cells(start_row=r, start_column=len(lay.cols) + 1, end_row=r, end_column=4)
        row += 1
    ws.column_dimensions["A"].width = 24
    for col in "BCD":
        ws.column_dimensions[col].width = 18
    fit_rows(ws)
    page(ws, landscape=False, header_rows=1 if titles else 0)


def _one_table_sheet(wb: Workbook, name: str, session: Session, part: formats.Section, titles: bool = True) -> None:
    """A section of one table (表三, 表四) alone on a landscape sheet, one printed page wide and tall: a wide label
    column where its rows are labelled, its header rows frozen."""
    key = part.tables[0]
    lay = grid(session.report, key)
    assert lay is not None
    widths = ([46] + [10] * len(lay.cols)) if lay.labelled else [9] * len(lay.cols)
    ws = wb.create_sheet(name)
    _title(ws, session, part.heading, len(widths))
    if key in session.report.tables:
        _grid(ws, session, key, 2)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = f"{get_column_letter(lay.first_value_col + 1)}{2 + len(lay.header)}"
    fit_rows(ws)
    page(ws, landscape=True, header_rows=1 + len(lay.header) if titles else 0, one_page=True)


def _table_sheets(session: Session) -> list[tuple[str, object]]:
    """A sheet for each section that holds tables, named as the format numbers them (表二 for section 二)."""
    out = []
    for part in sections():
        if not part.tables:
            continue
        make = _stacked_sheet if len(part.tables) > 1 else _one_table_sheet
        out.append((f"表{part.number}", functools.partial(make, part=part)))
    return out


FINDING_COLUMNS = (("级别", 6), ("位置", 26), ("说明", 50), ("应为", 8), ("表中为", 8), ("已确认", 6),
                   ("确认说明", 16), ("代码", 20), ("建议修改", 40))


def _findings_sheet(wb: Workbook, name: str, session: Session, titles: bool = True) -> None:
    s = ListSheet(wb, name, FINDING_COLUMNS, titles=titles)
    ws = s.ws
    for fact in facts(session):
        f = fact.finding
        s.add([text(ws, f.severity.zh, fill=f.severity.value if f.severity != Severity.INFO else None),
               text(ws, fact.place), text(ws, f.message), number(ws, fact.expected), number(ws, fact.actual),
               text(ws, "是" if fact.accepted else ""), text(ws, fact.accepted.note if fact.accepted else ""),
               text(ws, f.code), text(ws, fact.fix)])
    s.finish()


def _edits_sheet(wb: Workbook, name: str, session: Session, titles: bool = True) -> None:
    s = ListSheet(wb, name, (("位置", 46), ("原值", 12), ("修改为", 12), ("修改时间", 20)), landscape=False, titles=titles)
    ws = s.ws
    for e in session.corrections.edits.values():
        s.add([text(ws, place(session.report, e.ref)), text(ws, e.original), text(ws, e.text),
               text(ws, e.when.replace("T", " "))])
    s.finish()


def _about_sheet(wb: Workbook, name: str, session: Session, titles: bool = True) -> None:
    s = ListSheet(wb, name, (("项目", 16), ("内容", 70)), landscape=False, filtered=False, titles=titles)
    ws = s.ws
    r = session.report
    c = session.counts()
    fmt_name = formats.load(r.format_version).name if r.format_version else "未能判断"
    rows = [("源文件", os.path.abspath(session.path)), ("单位", r.agency or ""), ("年度", r.year), ("表格格式", fmt_name), ("错误", c[Severity.ERROR]),
            ("警告", c[Severity.WARNING]), ("修改", len(session.corrections.edits)),
            ("检查时间", datetime.now().strftime("%Y-%m-%d %H:%M:%S")), ("gdchecker 版本", __version__),
            ("说明", mark.ABOUT)]
    for k, v in rows:
        value = number(ws, v, align="left") if isinstance(v, int) else text(ws, "" if v is None else str(v))
        s.add([text(ws, k, bold=True, fill="header"), value])
    s.finish()


# each report's sheets, and whether one can run over several printed pages (a list of findings or corrections);
# the others print on one page
SHEETS = (("校验结果", _findings_sheet, True), ("修改记录", _edits_sheet, True), ("说明", _about_sheet, False))


def _sheets(session: Session) -> list[tuple[str, object, bool]]:
    return [(name, make, False) for name, make in _table_sheets(session)] + list(SHEETS)


def build(entries: list[Entry], sheets: bool = False) -> Workbook:
    """One readable report: its own sheets. Several: 汇总, 问题清单, 说明, and with sheets=True each report's
    sheets too; without them the workbook is write-only (it can be saved once, nothing else).

    Header rows repeated on every printed page are a defined name each, and LibreOffice takes time growing with
    the square of their number to open a workbook (600 of them: ten minutes); so among each report's sheets in a
    workbook of several only those that can run over pages repeat their header (they print one page wide, and
    the others on one page)."""
    single = len(entries) == 1 and entries[0].session is not None
    if single:
        wb = Workbook()
        wb.remove(wb.active)
        s = entries[0].session
        assert s is not None
        for base, make, _ in _sheets(s):
            make(wb, base, s)  # type: ignore[operator]
        r = s.report
        mark.mark(wb, mark.REPORT, f"{r.agency or ''}{r.year or ''}{'年' if r.year else ''}政府信息公开工作年度报告检查结果")
        return wb
    wb = Workbook(write_only=not sheets)
    if sheets:
        wb.remove(wb.active)
    summary.summary_sheet(wb, entries, sheets)
    summary.findings_sheet(wb, entries)
    summary.about_sheet(wb, entries, sheets)
    if sheets:
        for n, e in enumerate(entries, 1):
            if e.session is not None:
                for base, make, long in _sheets(e.session):
                    make(wb, f"{n}-{base}", e.session, titles=long)  # type: ignore[operator]
    mark.mark(wb, mark.SUMMARY, f"{len(entries)} 份政府信息公开工作年度报告检查结果汇总")
    return wb


def write(out: str | Path, entries: list[Entry], force: bool = False, sheets: bool = False) -> Path:
    """Write the workbook to `out` safely; raises ExportError with a Chinese message."""
    out = target(out, force)
    return save(out, build(entries, sheets))


def save(out: Path, wb: Workbook) -> Path:
    """Save a workbook to `out` (as target gives it): a temporary file beside it, flushed to the disk and
    renamed over it, the folder synced; raises ExportError with a Chinese message."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".xlsx.tmp", dir=str(out.parent))
        os.close(fd)
    except OSError as e:
        raise ExportError("not_writable", f"无法在 {out.parent} 中写入文件（{e.strerror or e}）") from e
    try:
        wb.save(tmp)
        _durable(tmp)
        os.replace(tmp, out)
    except PermissionError as e:
        _drop(tmp)
        raise ExportError("locked", f"{out.name} 正被其他程序（如 Excel 或 WPS）打开或没有写入权限；"
                                    "请关闭该文件后重试，已有内容未被改动") from e
    except OSError as e:
        _drop(tmp)
        raise ExportError("write_failed", f"写入 {out.name} 失败（{e.strerror or e}），已有内容未被改动") from e
    sync_folder(out.parent)
    return out


def write_results(out: str | Path, results: list[Result], force: bool = False, sheets: bool = False) -> Path:
    """The workbook of checked files (a folder's check): each as entry_of makes it."""
    return write(out, [entry_of(r) for r in results], force=force, sheets=sheets)


def target(out: str | Path, force: bool) -> Path:
    """The file a workbook is written to (.xlsx added), or ExportError: it exists and not force, no such folder."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(out.suffix + ".xlsx") if out.suffix else out.with_suffix(".xlsx")
    if out.exists() and not force:
        raise ExportError("exists", f"{out.name} 已存在；如要覆盖，请加 --force（或在程序中确认覆盖）")
    if not out.parent.is_dir():
        raise ExportError("no_folder", f"保存位置不存在：{out.parent}")
    return out


def _durable(tmp: str) -> None:
    """The written file on the disk before it is renamed over the target, with the user's usual permissions
    (mkstemp makes it readable by its owner only; a colleague in a shared folder should read it)."""
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    if os.name != "nt":
        os.chmod(tmp, user_mode())


def _drop(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
