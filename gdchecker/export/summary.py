"""The sheets of a workbook of several reports: 汇总 (a row per report), 问题清单 (a row per finding), 说明.

Each is a list a reviewer sorts and filters (frozen header, a filter on every column, numbers as numbers), written
by appending rows so that it can go to a write-only workbook.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING

from openpyxl import Workbook

from gdchecker import __version__
from gdchecker.export import mark
from gdchecker.export.cells import ListSheet, number, text
from gdchecker.export.facts import facts
from gdchecker.model import Severity, by_severity
from gdchecker.session import Session

if TYPE_CHECKING:
    from gdchecker.export.xlsx import Entry

UNREADABLE = "无法读取"
SUMMARY_COLUMNS = (("序号", 5), ("文件", 28), ("单位", 20), ("年度", 6), ("表格格式", 8), ("错误", 6), ("警告", 6),
                   ("状态", 8), ("主要问题", 50), ("修改", 6), ("所在文件夹", 24))
SHEETS_COLUMN = ("工作表", 14)
FINDING_COLUMNS = (("序号", 5), ("文件", 18), ("单位", 16), ("年度", 6), ("级别", 6), ("位置", 22), ("说明", 44),
                   ("应为", 7), ("表中为", 7), ("代码", 18), ("建议修改", 30), ("已确认", 6))


def status(session: Session | None) -> str:
    if session is None:
        return UNREADABLE
    c = session.counts()
    return "有错误" if c[Severity.ERROR] else ("有警告" if c[Severity.WARNING] else "通过")


STATUS_FILL = {UNREADABLE: "error", "有错误": "error", "有警告": "warning"}


def summary_sheet(wb: Workbook, entries: list[Entry], sheets: bool) -> None:
    """汇总: one row per report, and one per file that could not be read (why, in 主要问题)."""
    s = ListSheet(wb, "汇总", SUMMARY_COLUMNS + ((SHEETS_COLUMN,) if sheets else ()))
    ws = s.ws
    for n, e in enumerate(entries, 1):
        st = status(e.session)
        head = [number(ws, n), text(ws, os.path.basename(e.path))]
        folder = text(ws, os.path.dirname(os.path.abspath(e.path)))
        if e.session is None:
            row = [*head, *(text(ws, "") for _ in range(5)), text(ws, st, fill="error"),
                   text(ws, e.error_message or ""), text(ws, ""), folder]
        else:
            rep, c = e.session.report, e.session.counts()
            top = [f.message for f in by_severity(e.session.open_findings()) if f.severity != Severity.INFO][:3]
            row = [*head, text(ws, rep.agency or ""), number(ws, rep.year), text(ws, rep.format_version or ""),
                   number(ws, c[Severity.ERROR]), number(ws, c[Severity.WARNING]),
                   text(ws, st, fill=STATUS_FILL.get(st)), text(ws, "\n".join(top)),
                   number(ws, len(e.session.corrections.edits)), folder]
        if sheets:
            row.append(text(ws, f"{n}-表二 … {n}-说明" if e.session is not None else ""))
        s.add(row)
    s.finish()


def findings_sheet(wb: Workbook, entries: list[Entry]) -> None:
    """问题清单: every finding of every report (the reading notes too, 级别 提示), a row each; a file that could
    not be read is a row of its own (级别 无法读取)."""
    s = ListSheet(wb, "问题清单", FINDING_COLUMNS)
    ws = s.ws
    for n, e in enumerate(entries, 1):
        if e.session is None:
            s.add([number(ws, n), text(ws, os.path.basename(e.path)), text(ws, ""), text(ws, ""),
                   text(ws, UNREADABLE, fill="error"), text(ws, "全文"), text(ws, e.error_message or ""),
                   text(ws, ""), text(ws, ""), text(ws, e.error_code or ""), text(ws, ""), text(ws, "")])
            continue
        rep = e.session.report
        for fact in facts(e.session):
            f = fact.finding
            fill = f.severity.value if f.severity != Severity.INFO else None
            who = [number(ws, n), text(ws, os.path.basename(e.path)), text(ws, rep.agency or ""), number(ws, rep.year)]
            s.add([*who, text(ws, f.severity.zh, fill=fill), text(ws, fact.place), text(ws, f.message),
                   number(ws, fact.expected), number(ws, fact.actual), text(ws, f.code), text(ws, fact.fix),
                   text(ws, "是" if fact.accepted else "")])
    s.finish()


def about_sheet(wb: Workbook, entries: list[Entry], sheets: bool) -> None:
    """说明: what the workbook is, by whom, the counts, when."""
    s = ListSheet(wb, "说明", (("项目", 16), ("内容", 80)), landscape=False, filtered=False)
    ws = s.ws
    statuses = Counter(status(e.session) for e in entries)
    totals = Counter()
    for e in entries:
        if e.session is not None:
            totals.update(e.session.counts())
    rows: list[tuple[str, str | int]] = [
        ("说明", f"{mark.ABOUT}：多份政府信息公开工作年度报告的检查结果"),
        ("文件数", len(entries)), ("有错误的报告", statuses["有错误"]), ("只有警告的报告", statuses["有警告"]),
        ("通过的报告", statuses["通过"]), ("无法读取的文件", statuses[UNREADABLE]),
        ("错误合计", totals[Severity.ERROR]), ("警告合计", totals[Severity.WARNING]),
        ("检查时间", datetime.now().strftime("%Y-%m-%d %H:%M:%S")), ("gdchecker 版本", __version__),
        ("汇总", "每份报告一行：单位、年度、表格格式、错误和警告数、状态、主要问题；无法读取的文件说明原因"),
        ("问题清单", "每条问题一行（所属报告的序号、文件、单位、年度、级别、位置、说明、应为、表中为、代码、建议修改），"
                     "可按任一列筛选、排序"),
    ]
    if sheets:
        rows.append(("各报告工作表", "“序号-表二”至“序号-说明”：每份报告的统计表、校验结果、修改记录和说明"))
    rows.append(("提示", "排序后如有文字显示不全，选中各行后设置“最适合的行高”（WPS、Excel：自动调整行高）即可"))
    for k, v in rows:
        s.add([text(ws, k, bold=True, fill="header"), number(ws, v, align="left") if isinstance(v, int) else text(ws, v)])
    s.finish()
