"""A rollup (rollup.py) as Chinese text for people and as the small JSON object of `gdchecker rollup --json`."""

from __future__ import annotations

import os
from typing import Any

from gdchecker.model import Finding, Severity, by_severity
from gdchecker.output import finding_json
from gdchecker.rollup import SUM_MISMATCH, LeftOut, Rollup, format_name

MANY = 5  # mismatches from which their direction is worth a word


def unit_name(path: str, agency: str | None) -> str:
    """某区司法局（司法局.pdf）, or the file's name alone where no agency was read."""
    name = os.path.basename(path)
    return f"{agency}（{name}）" if agency else name


def left_out_line(x: LeftOut) -> str:
    return f"{unit_name(x.path, x.agency)}：{x.reason}"


def summary(r: Rollup) -> str:
    """One line: how many units were summed, left out, and how many cells differ."""
    if r.error is not None:
        return f"汇总报告无法使用：{r.error.message}（{r.error.code}）"
    whole = sum(1 for x in r.left_out if not x.tables)
    partly = len({x.path for x in r.left_out if x.tables})
    out = f"计入合计的单位报告 {len(r.summed)} 份"
    if partly:
        out += f"（其中 {partly} 份部分表格未计入）"
    if whole:
        out += f"，未计入 {whole} 份"
    if not r.summed:
        return out.replace("计入合计的单位报告 0 份", "没有可计入合计的单位报告") + "，未作核对"
    n = len(r.mismatches)
    unchecked = len({c for f in r.findings if f.code != SUM_MISMATCH for c in f.cells})
    rest = f"（另有 {unchecked} 个单元格未能核对，见提示）" if unchecked else ""
    return out + (f"；与各单位合计不一致 {n} 处{rest}" if n else f"；已核对的各格与各单位报告的合计一致{rest}"
                  if unchecked else "；各表与各单位报告的合计一致")


def direction(r: Rollup) -> str | None:
    """Where the aggregate's figures are larger than the units' sums in (nearly) every mismatch, some units' reports are
    likely not among the files; smaller everywhere, some report of another region may be among them."""
    diffs = [f.actual - f.expected for f in r.mismatches if f.actual is not None and f.expected is not None]
    if len(diffs) < MANY:
        return None
    more, less = sum(d > 0 for d in diffs), sum(d < 0 for d in diffs)
    if more >= len(diffs) * 0.9:
        return (f"{more} 处汇总报告的数字大于各单位合计：可能有单位的报告不在所选文件中"
                f"（本次计入 {len(r.summed)} 份），或汇总报告包含了未单独报送的单位")
    if less >= len(diffs) * 0.9:
        return f"{less} 处汇总报告的数字小于各单位合计：所选文件中可能有不属于本地区的单位报告，或同一单位的报告重复"
    return None


def rollup_text(r: Rollup, verbose: bool = False) -> str:
    agg = r.aggregate
    lines = [f"■ 汇总报告：{agg.path}"]
    if r.error is not None or agg.report is None:
        lines.append(f"  [无法核对] {r.error.message if r.error else ''}（{r.error.code if r.error else ''}）")
        return "\n".join(lines)
    rep = agg.report
    lines.append(f"  单位：{rep.agency or '未识别'}　年度：{rep.year}　表格格式：{format_name(rep.format_version)}")
    lines.append(f"  {summary(r)}")
    for x in r.left_out:
        lines.append(f"  [{'部分未计入' if x.tables else '未计入'}] {left_out_line(x)}")
    hint = direction(r)
    if hint:
        lines.append(f"  [说明] {hint}")
    hidden = 0
    for f in by_severity(r.findings):
        if f.severity == Severity.INFO and not verbose:
            hidden += 1
            continue
        lines.append(f"  [{f.severity.zh}] {f.message}")
    if hidden:
        lines.append(f"  （另有 {hidden} 条提示，加 --verbose 显示）")
    return "\n".join(lines)


def _finding_json(r: Rollup, f: Finding) -> dict[str, Any]:
    d = finding_json(f)  # as `check --json` gives a finding, and for a mismatch the units behind the sum
    if f.code == SUM_MISMATCH:
        d["expected"] = f.expected
        d["actual"] = f.actual
        d["units"] = [{"file": p.path, "agency": p.agency, "value": p.value} for p in r.parts.get(f.cells[0], ())]
    return d


def rollup_json(r: Rollup) -> dict[str, Any]:
    agg = r.aggregate
    rep = agg.report
    head: dict[str, Any] = {"file": agg.path}
    if rep is not None:
        head.update(agency=rep.agency, year=rep.year, format_version=rep.format_version)
    if r.error is not None:
        return {"aggregate": head, "error": {"code": r.error.code, "message": r.error.message}}
    return {
        "aggregate": head,
        "units": [{"file": u.path, "agency": u.report.agency if u.report else None} for u in r.summed],
        "left_out": [{"file": x.path, "agency": x.agency, "reason": x.reason, "tables": list(x.tables)}
                     for x in r.left_out],
        "findings": [_finding_json(r, f) for f in r.findings],
    }
