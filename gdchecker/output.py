"""Results as the JSON contract (output.md) and as Chinese text for people."""

from __future__ import annotations

from typing import Any

from gdchecker import formats, repair
from gdchecker.model import Finding, Report, Severity, Table, by_severity
from gdchecker.names import table_name


def _table_json(t: Table) -> dict[str, Any]:
    return {
        "page": t.page,
        "cells": {r: {c: {"value": cell.value, "text": cell.text} for c, cell in row.items()} for r, row in t.cells.items()},
    }


def finding_json(f: Finding) -> dict[str, Any]:
    d: dict[str, Any] = {
        "code": f.code,
        "severity": f.severity.value,
        "table": f.table,
        "cells": [{"row": c.row, "col": c.col} for c in f.cells],
        "message": f.message,
    }
    if f.expected is not None:
        d["expected"] = f.expected
    return d


def _fix_json(f: repair.Fix) -> dict[str, Any]:
    return {
        "changes": [{"table": c.ref.table, "row": c.ref.row, "col": c.ref.col, "from": c.before, "to": c.after}
                    for c in f.changes],
        "resolves": list(f.resolves),
        "unique": f.unique,
    }


def report_json(report: Report, findings: list[Finding], name: str, previous=None) -> dict[str, Any]:  # noqa: ANN001
    fixes = repair.fixes(report, findings, previous)
    return {
        "file": name,
        "format_version": report.format_version,
        "year": report.year,
        "agency": report.agency,
        "tables": {k: _table_json(t) for k, t in report.tables.items()},
        "findings": [finding_json(f) for f in findings],
        "fixes": [_fix_json(f) for f in fixes],
    }


def error_json(name: str, code: str, message: str) -> dict[str, Any]:
    return {"file": name, "error": {"code": code, "message": message}}


def fix_texts(report: Report, fixes: list[repair.Fix]) -> list[str]:
    """The repairs as a reviewer reads them: the best of each group of broken sums, and whether it is the only one."""
    texts = []
    for f in repair.leading(fixes):
        alts = repair.alternatives(fixes, f)
        text = repair.describe(report, f)
        if f.unique:
            text += "（唯一的最少改法）"
        elif alts:
            text += "；同样少的改法还有：" + "；".join(repair.describe(report, g, short=True) for g in alts)
        texts.append(text)
    return texts


def fix_lines(report: Report, fixes: list[repair.Fix]) -> list[str]:
    return [f"  [建议修改] {text}" for text in fix_texts(report, fixes)]


SHOWN_NOTES = {"reading.converted"}  # notes the text shows also without --verbose


def report_text(report: Report, findings: list[Finding], name: str, previous=None,  # noqa: ANN001
                verbose: bool = False) -> str:
    lines = [f"■ {name}"]
    fmt = formats.load(report.format_version).name if report.format_version else "未能判断"
    lines.append(f"  单位：{report.agency or '未识别'}　年度：{report.year or '未识别'}　表格格式：{fmt}")
    if report.tables:
        found = "、".join(f"{table_name(k)}（第 {t.page} 页）" if t.page else table_name(k) for k, t in report.tables.items())
        lines.append(f"  找到的统计表：{found}")
    n = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    lines.append(f"  错误 {n[Severity.ERROR]} 处，警告 {n[Severity.WARNING]} 处，提示 {n[Severity.INFO]} 处")
    hidden = 0
    for f in by_severity(findings):
        if f.severity == Severity.INFO and not verbose and f.code not in SHOWN_NOTES:
            hidden += 1
            continue
        lines.append(f"  [{f.severity.zh}] {f.message}")
    if hidden:
        lines.append(f"  （另有 {hidden} 条提示，加 --verbose 显示）")
    lines += fix_lines(report, repair.fixes(report, findings, previous))
    if not findings:
        lines.append("  未发现问题。")
    return "\n".join(lines)
