"""The Excel workbook: one sheet per table group laid out like the official tables, findings, corrections, notes.

Written with openpyxl to a temporary file beside the target and renamed over it, so a failure never leaves a
half-written workbook; an existing file is only replaced when asked (force), and a file locked by Excel or WPS
gives a clear message.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gdchecker import __version__, formats, repair
from gdchecker.layout import SECTIONS, TITLES, layout
from gdchecker.model import CellRef, Finding, Severity, by_severity
from gdchecker.rules.names import place, table_name
from gdchecker.session import Session

FONT = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {
    "error": PatternFill("solid", fgColor="F8C9C4"),
    "warning": PatternFill("solid", fgColor="FDE7B0"),
    "edited": PatternFill("solid", fgColor="CFE9D4"),
    "header": PatternFill("solid", fgColor="EEF1F5"),
}
ACTIVE = SECTIONS[1][2]


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


# -- writing cells safely ----------------------------------------------------------------------------------------
def put_text(ws: Worksheet, row: int, col: int, text: str | None, **style: object):  # noqa: ANN201
    """Text from a report is text: never a formula, even when it starts with = + - @."""
    c = ws.cell(row=row, column=col)
    c.value = text
    if isinstance(text, str) and text[:1] in ("=", "+", "-", "@"):
        c.data_type = "s"
        c.quotePrefix = True
    _style(c, **style)
    return c


def put_number(ws: Worksheet, row: int, col: int, value: int | float | None, **style: object):  # noqa: ANN201
    c = ws.cell(row=row, column=col)
    c.value = value
    if isinstance(value, float) and not value.is_integer():
        c.number_format = "0.00####"
    else:
        c.number_format = "0"
    _style(c, **style)
    return c


def _style(c, bold: bool = False, fill: str | None = None, align: str = "left", wrap: bool = True,
           border: bool = True, size: int = 10) -> None:  # noqa: ANN001
    c.font = Font(name=FONT, size=size, bold=bold)
    c.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
    if border:
        c.border = BORDER
    if fill:
        c.fill = FILLS[fill]


def _title(ws: Worksheet, session: Session, text: str, width: int) -> None:
    r = session.report
    head = f"{r.agency or ''}{r.year or ''}{'年' if r.year else ''}政府信息公开工作年度报告 · {text}"
    put_text(ws, 1, 1, head, bold=True, align="center", border=False, size=12)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 24


def _page(ws: Worksheet, landscape: bool, header_rows: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if landscape else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"1:{header_rows}"
    ws.page_margins.left = ws.page_margins.right = 0.4


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
    lay = layout(session.report, key)
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
            if len(label) > 24:  # a long label wraps: give the row the lines it needs
                ws.row_dimensions[row].height = 13.5 * (len(label) // 24 + 1)
        for i, ck in enumerate(lay.cols):
            _value_cell(ws, row, lay.first_value_col + i + 1, session, CellRef(key, rk, ck))
        row += 1
    return row


def _active_sheet(wb: Workbook, name: str, session: Session) -> None:
    ws = wb.create_sheet(name)
    _title(ws, session, "二、主动公开政府信息情况", 4)
    row = 3
    for key in ACTIVE:
        if key not in session.report.tables:
            continue
        put_text(ws, row, 1, TITLES[key], bold=True, fill="header", align="center")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        lay = layout(session.report, key)
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
    _page(ws, landscape=False, header_rows=1)


def _one_table_sheet(wb: Workbook, name: str, session: Session, key: str, title: str,
                     widths: list[float], freeze: str) -> None:
    """表三 or 表四 alone on a landscape sheet, one printed page wide."""
    ws = wb.create_sheet(name)
    _title(ws, session, title, len(widths))
    if key in session.report.tables:
        _grid(ws, session, key, 2)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = freeze
    _page(ws, landscape=True, header_rows=4)


def _applications_sheet(wb: Workbook, name: str, session: Session) -> None:
    _one_table_sheet(wb, name, session, "applications", "三、收到和处理政府信息公开申请情况", [46] + [10] * 7, "B5")


def _review_sheet(wb: Workbook, name: str, session: Session) -> None:
    _one_table_sheet(wb, name, session, "review_litigation", "四、政府信息公开行政复议、行政诉讼情况", [9] * 15, "A5")


def _findings_sheet(wb: Workbook, name: str, session: Session) -> None:
    ws = wb.create_sheet(name)
    heads = ["级别", "位置", "说明", "应为", "表中为", "已确认", "确认说明", "代码", "建议修改"]
    for i, h in enumerate(heads, 1):
        put_text(ws, 1, i, h, bold=True, fill="header", align="center")
    index = {id(f): i for i, f in enumerate(session.findings)}
    for r, f in enumerate(by_severity(session.findings), 2):
        fix = next((x for x in session.fixes if index[id(f)] in x.resolves), None)
        put_text(ws, r, 9, repair.describe(session.report, fix) + ("" if fix.unique else "（还有同样少的其他改法）")
                 if fix is not None else "")
        acc = session.corrections.is_accepted(f)
        put_text(ws, r, 1, f.severity.zh, fill=f.severity.value if f.severity != Severity.INFO else None)
        put_text(ws, r, 2, place(session.report, f.cells[0]) if f.cells else table_name(f.table or "") if f.table else "全文")
        put_text(ws, r, 3, f.message)
        _maybe_number(ws, r, 4, f.expected)
        _maybe_number(ws, r, 5, f.actual if f.actual is not None else _actual(session, f))
        put_text(ws, r, 6, "是" if acc else "")
        put_text(ws, r, 7, acc.note if acc else "")
        put_text(ws, r, 8, f.code)
    for col, w in zip("ABCDEFGHI", (8, 34, 70, 10, 10, 8, 24, 28, 50)):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:I{max(1, len(session.findings) + 1)}"
    _page(ws, landscape=True, header_rows=1)
    ws.page_setup.fitToHeight = 0


def _maybe_number(ws: Worksheet, r: int, c: int, v: int | float | None) -> None:
    if v is None:
        put_text(ws, r, c, "")
    else:
        put_number(ws, r, c, v, align="right")


def _actual(session: Session, f: Finding) -> int | float | None:
    if not f.cells:
        return None
    t = session.report.tables.get(f.cells[0].table)
    return t.value(f.cells[0].row, f.cells[0].col) if t else None


def _edits_sheet(wb: Workbook, name: str, session: Session) -> None:
    ws = wb.create_sheet(name)
    for i, h in enumerate(["位置", "原值", "修改为", "修改时间"], 1):
        put_text(ws, 1, i, h, bold=True, fill="header", align="center")
    for r, e in enumerate(session.corrections.edits.values(), 2):
        put_text(ws, r, 1, place(session.report, e.ref))
        put_text(ws, r, 2, e.original)
        put_text(ws, r, 3, e.text)
        put_text(ws, r, 4, e.when.replace("T", " "))
    for col, w in zip("ABCD", (46, 12, 12, 20)):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A2"


def _about_sheet(wb: Workbook, name: str, session: Session) -> None:
    ws = wb.create_sheet(name)
    r = session.report
    c = session.counts()
    fmt_name = formats.load(r.format_version).name if r.format_version else "未能判断"
    rows = [("源文件", os.path.abspath(session.path)), ("单位", r.agency or ""), ("年度", r.year),
            ("表格格式", fmt_name), ("错误", c[Severity.ERROR]), ("警告", c[Severity.WARNING]),
            ("修改", len(session.corrections.edits)), ("检查时间", datetime.now().strftime("%Y-%m-%d %H:%M:%S")),
            ("gdchecker 版本", __version__)]
    for i, (k, v) in enumerate(rows, 1):
        put_text(ws, i, 1, k, bold=True, fill="header")
        if isinstance(v, int) and not isinstance(v, bool):
            put_number(ws, i, 2, v)
        else:
            put_text(ws, i, 2, "" if v is None else str(v))
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 70


def _summary_sheet(wb: Workbook, entries: list[Entry]) -> None:
    ws = wb.create_sheet("汇总", 0)
    heads = ["序号", "文件", "单位", "年度", "表格格式", "错误", "警告", "状态", "主要问题", "工作表"]
    for i, h in enumerate(heads, 1):
        put_text(ws, 1, i, h, bold=True, fill="header", align="center")
    for n, e in enumerate(entries, 1):
        r = n + 1
        put_number(ws, r, 1, n)
        put_text(ws, r, 2, os.path.basename(e.path))
        if e.session is None:
            for col in range(3, 8):
                put_text(ws, r, col, "")
            put_text(ws, r, 8, "无法读取", fill="error")
            put_text(ws, r, 9, e.error_message or "")
            put_text(ws, r, 10, "")
            continue
        rep = e.session.report
        c = e.session.counts()
        put_text(ws, r, 3, rep.agency or "")
        _maybe_number(ws, r, 4, rep.year)
        put_text(ws, r, 5, rep.format_version or "")
        put_number(ws, r, 6, c[Severity.ERROR])
        put_number(ws, r, 7, c[Severity.WARNING])
        status = "有错误" if c[Severity.ERROR] else ("有警告" if c[Severity.WARNING] else "通过")
        put_text(ws, r, 8, status, fill="error" if c[Severity.ERROR] else ("warning" if c[Severity.WARNING] else None))
        top = [f.message for f in by_severity(e.session.open_findings()) if f.severity != Severity.INFO][:3]
        put_text(ws, r, 9, "\n".join(top))
        put_text(ws, r, 10, f"{n}-表二 … {n}-说明")
    for col, w in zip("ABCDEFGHIJ", (6, 36, 26, 8, 10, 7, 7, 10, 70, 16)):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:J{len(entries) + 1}"


SHEETS = (("表二", _active_sheet), ("表三", _applications_sheet), ("表四", _review_sheet),
          ("校验结果", _findings_sheet), ("修改记录", _edits_sheet), ("说明", _about_sheet))


def build(entries: list[Entry]) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    readable = [e for e in entries if e.session is not None]
    single = len(entries) == 1 and readable
    for n, e in enumerate(entries, 1):
        if e.session is None:
            continue
        for base, make in SHEETS:
            make(wb, base if single else f"{n}-{base}", e.session)
    if not single:
        _summary_sheet(wb, entries)
    return wb


def write(out: str | Path, entries: list[Entry], force: bool = False) -> Path:
    """Write the workbook to `out` safely; raises ExportError with a Chinese message."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(out.suffix + ".xlsx") if out.suffix else out.with_suffix(".xlsx")
    if out.exists() and not force:
        raise ExportError("exists", f"{out.name} 已存在；如要覆盖，请加 --force（或在程序中确认覆盖）")
    if not out.parent.is_dir():
        raise ExportError("no_folder", f"保存位置不存在：{out.parent}")
    wb = build(entries)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".xlsx.tmp", dir=str(out.parent))
        os.close(fd)
    except OSError as e:
        raise ExportError("not_writable", f"无法在 {out.parent} 中写入文件（{e.strerror or e}）") from e
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    except PermissionError as e:
        _drop(tmp)
        raise ExportError("locked", f"{out.name} 正被其他程序（如 Excel 或 WPS）打开或没有写入权限；"
                                    "请关闭该文件后重试，已有内容未被改动") from e
    except OSError as e:
        _drop(tmp)
        raise ExportError("write_failed", f"写入 {out.name} 失败（{e.strerror or e}），已有内容未被改动") from e
    return out


def _drop(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass

