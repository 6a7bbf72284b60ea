"""Across years: this year's report against last year's of the same body.

上年结转 must be last year's 结转下年度继续办理, column by column; from the 2021 format, 现行有效件数 must be last
year's plus this year's 制发 less 废止; the same figures as last year in a whole table look copied. The previous
report may be a whole report, or the few figures a user typed in (see `Previous`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gdchecker import formats
from gdchecker.model import CellRef, Finding, Report, Severity
from gdchecker.names import col_name, fmt, row_name, section_name, sections_of, table_name
from gdchecker.rules import rule
from gdchecker.rules.context import NONE, Context, Previous, across_years

if TYPE_CHECKING:
    from gdchecker import similar

__all__ = ["Previous", "agency_key", "compare", "years"]


def agency_key(agency: str | None) -> str:
    """An agency's name for pairing: no spaces or brackets, 沐 read as 沭 (a common recognition slip)."""
    if not agency:
        return ""
    return re.sub(r"[\s（）()·]", "", agency).replace("沐阳", "沭阳")


def compare(report: Report, prev: Previous) -> list[Finding]:
    out: list[Finding] = []
    if report.year is not None and prev.year is not None and prev.year != report.year - 1:
        return out
    for rel in across_years(report):  # those of the formats the report's tables are laid out in
        if rel.kind == "carried":
            out += _carried(report, prev, rel)
        elif rel.kind == "stock":
            out += _stock(report, prev, rel)
    if prev.report is not None:
        out += _copied(report, prev)
        out += text_copied(report, prev)
    return out


@rule("years", "与上年报告核对", ("years.carried_over", "years.in_force", "years.copied", "years.text_copied"))
def years(report: Report, context: Context = NONE) -> list[Finding]:
    """有上年报告（同一单位上一年度的报告，或在程序中录入的上年数字）时：表三“二、上年结转”每列应等于上年
    “四、结转下年度继续办理”；2021 年格式起，现行有效件数应等于上年现行有效件数加本年制发减本年废止；
    某张表的全部数字与上年完全相同时提示可能照抄（各格式文件的 across_years 关系）；没有表格的部分（一、五、六）
    逐句与上年报告同一部分比较（数字、年份不计），相同的句子占六成以上时提示照抄。由批量检查、--previous
    或程序中的上年数据触发。"""
    return compare(report, context.previous) if context.previous is not None else []


def _carried(report: Report, prev: Previous, link: formats.AcrossYears) -> list[Finding]:
    key = link.table
    t = report.tables.get(key)
    if t is None or link.row not in t.cells:
        return []
    out = []
    for col, cell in t.cells[link.row].items():
        last = prev.carry_forward.get(col)
        if last is None or cell.value is None or cell.value == last:
            continue
        ref = CellRef(key, link.row, col)
        out.append(Finding(
            link.code, Severity.WARNING,
            f"{table_name(key)}“{col_name(report, key, col)}”列：{row_name(report, key, link.row)}应等于上年报告"
            f"（{prev.name}）的{row_name(report, key, link.last_year_row)} {fmt(last)}，表中为 {fmt(cell.value)}",
            key, (ref,), expected=last, actual=cell.value))
    return out


def _stock(report: Report, prev: Previous, link: formats.AcrossYears) -> list[Finding]:
    key = link.table
    t = report.tables.get(key)
    if t is None or not prev.in_force:
        return []
    out = []
    for row, cells in t.cells.items():
        last = prev.in_force.get(row)
        vals = [cells.get(c).value if cells.get(c) else None for c in (link.plus, link.minus, link.col)]
        if last is None or None in vals:
            continue
        plus, minus, now = vals
        want = last + plus - minus  # type: ignore[operator]
        if now == want:
            continue
        name = lambda c: col_name(report, key, c)  # noqa: E731
        out.append(Finding(
            link.code, Severity.WARNING,
            f"{table_name(key)}“{row_name(report, key, row)}”：{name(link.col)}应为上年 {fmt(last)} + {name(link.plus)} "
            f"{fmt(plus)} − {name(link.minus)} {fmt(minus)} = {fmt(want)}，表中为 {fmt(now)}（上年报告：{prev.name}）",
            key, (CellRef(key, row, link.col), CellRef(key, row, link.plus), CellRef(key, row, link.minus)),
            expected=want, actual=now))
    return out


def _copied(report: Report, prev: Previous) -> list[Finding]:
    assert prev.report is not None
    out = []
    for key, t in report.tables.items():
        old = prev.report.tables.get(key)
        if old is None or t.format_version != old.format_version:
            continue
        now = {(r, c): cell.value for r, row in t.cells.items() for c, cell in row.items()}
        then = {(r, c): cell.value for r, row in old.cells.items() for c, cell in row.items()}
        if now != then or not any(v not in (None, 0) for v in now.values()):
            continue  # all zeros twice is plausible for a small body
        first = next(iter(now))
        out.append(Finding("years.copied", Severity.WARNING,
                           f"{table_name(key)}的全部数字与上年报告（{prev.name}）完全相同，请确认是否照抄了上年数据",
                           key, (CellRef(key, *first),)))
    return out


COPIED_SHARE = 0.6  # a section of which at least this share of sentences stood in last year's report
COPIED_MIN = 3  # and at least this many sentences


def copied_sections(report: Report, last: Report) -> dict[str, similar.Comparison]:
    """This year's sections without tables (一, 五, 六) against last year's of the same number."""
    from gdchecker import similar  # only where last year's report is known

    then = {p.number: p for p in last.parts}
    out = {}
    for s in sections_of(report):
        now = next((p for p in report.parts if p.number == s.number), None)
        old = then.get(s.number)
        if s.tables or now is None or old is None:
            continue
        out[s.number] = similar.compare(now.text, old.text)
    return out


def text_copied(report: Report, prev: Previous) -> list[Finding]:
    assert prev.report is not None
    out = []
    for number, c in copied_sections(report, prev.report).items():
        if c.repeated < COPIED_MIN or c.share < COPIED_SHARE:
            continue
        out.append(Finding(
            "years.text_copied", Severity.WARNING,
            f"{section_name(report, number)}与上年报告（{prev.name}）{round(c.share * 100)}% 相同"
            f"（{c.counted} 句中有 {c.repeated} 句与上年相同，数字和年份不计），请确认是否照抄了上年的内容", section=number))
    return out
