"""The workbook of a rollup (`gdchecker rollup … --xlsx`): 核对结果 (a row per mismatch and note), 单位报告 (a row
per unit: summed or left out, and why) and 说明. Marked as this program's (export.mark), so a folder check that
finds it passes it over; written safely as every workbook (export.xlsx.save)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from gdchecker import __version__
from gdchecker.export import mark
from gdchecker.export.cells import ListSheet, number, text
from gdchecker.export.xlsx import save, target
from gdchecker.model import Severity, by_severity
from gdchecker.names import fmt, place
from gdchecker.rollup import SUM_MISMATCH, Rollup, format_name
from gdchecker.rollup_output import summary

FINDING_COLUMNS = (("序号", 5), ("级别", 6), ("位置", 30), ("说明", 60), ("各单位合计", 10), ("汇总报告中为", 10),
                   ("不为 0 的单位", 36), ("代码", 20))
UNIT_COLUMNS = (("序号", 5), ("文件", 28), ("单位", 20), ("计入情况", 10), ("原因", 50), ("所在文件夹", 30))
FILL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def build(r: Rollup) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    agg = r.aggregate.report
    s = ListSheet(wb, "核对结果", FINDING_COLUMNS)
    for n, f in enumerate(by_severity(r.findings), 1):
        ref = f.cells[0] if f.cells else None
        parts = r.parts.get(ref, ()) if ref is not None and f.code == SUM_MISMATCH else ()
        s.add([number(s.ws, n), text(s.ws, f.severity.zh, fill=FILL.get(f.severity)),
               text(s.ws, place(agg, ref) if ref is not None and f.code == SUM_MISMATCH else ""),
               text(s.ws, f.message), number(s.ws, f.expected if f.code == SUM_MISMATCH else None),
               number(s.ws, f.actual), text(s.ws, "\n".join(f"{p.name} {fmt(p.value)}" for p in parts)),
               text(s.ws, f.code)])
    s.finish()
    u = ListSheet(wb, "单位报告", UNIT_COLUMNS)
    out = {x.path: x for x in r.left_out if not x.tables}
    partly: dict[str, list[str]] = {}
    for x in r.left_out:
        if x.tables:
            partly.setdefault(x.path, []).append(x.reason)
    rows = [(res.path, res.report.agency if res.report else None, "部分未计入" if res.path in partly else "已计入",
             "；".join(partly.get(res.path, []))) for res in r.summed]
    rows += [(x.path, x.agency, "未计入", x.reason) for x in out.values()]
    for n, (path, agency, how, why) in enumerate(rows, 1):
        u.add([number(u.ws, n), text(u.ws, os.path.basename(path)), text(u.ws, agency or ""),
               text(u.ws, how, fill="warning" if how != "已计入" else None), text(u.ws, why),
               text(u.ws, os.path.dirname(os.path.abspath(path)))])
    u.finish()
    about = wb.create_sheet("说明")
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 70
    facts_ = [("汇总报告", r.aggregate.path), ("单位", (agg.agency if agg else None) or "未识别"),
              ("年度", str(agg.year) if agg else ""), ("表格格式", format_name(agg.format_version) if agg else ""),
              ("核对结果", summary(r)), ("核对时间", datetime.now().strftime("%Y-%m-%d %H:%M")),
              ("程序版本", f"gdchecker {__version__}"), ("说明", mark.ABOUT)]
    for k, v in facts_:
        about.append([text(about, k, bold=True), text(about, v)])
    mark.mark(wb, mark.SUMMARY, f"{(agg.agency if agg else None) or '汇总报告'}与各单位报告合计的核对")
    return wb


def write(out: str | Path, r: Rollup, force: bool = False) -> Path:
    """Write the rollup's workbook to `out`; raises export.xlsx.ExportError with a Chinese message."""
    return save(target(out, force), build(r))
