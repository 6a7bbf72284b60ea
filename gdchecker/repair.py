"""Repairs: the fewest cell changes that make every sum of formats.md §3 hold (found by gdchecker.repair_search),
ranked and said in the report's own words.

A repair is `unique` where no other set of as few cells works; the alternatives are kept, best first: the one that
leaves no new finding and clears the most, the only one before one of several, then the one that changes a total
rather than a part, then the smallest change.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from gdchecker.model import Cell, CellRef, Finding, Report, Severity, identity
from gdchecker.names import col_name, fmt, labelled, row_name, table_name
from gdchecker.repair_search import Change, Options, candidates, equations

__all__ = ["SHOWN", "Change", "Fix", "alternatives", "apply", "candidates", "describe", "fixes", "leading", "where"]
from gdchecker.rules.context import Context, Previous

SHOWN = 5  # alternatives kept at most


@dataclass
class Fix:
    """A repair: the changes, the errors it clears, whether it is the only one of as few cells."""

    changes: tuple[Change, ...]
    resolves: list[int]  # indices in the findings of the errors it clears
    unique: bool
    new: int = 0  # findings the repaired report has that the report has not


def apply(report: Report, changes: tuple[Change, ...]) -> Report:
    """A copy of the report with the changes made (the original is not touched): the rows changed are rows of
    their own, the cells not changed are the original's (to be read, as the rules do, not changed)."""
    out = copy.copy(report)
    out.tables = dict(report.tables)
    for key in {ch.ref.table for ch in changes}:
        table = copy.copy(report.tables[key])
        table.cells = dict(table.cells)
        for row in {ch.ref.row for ch in changes if ch.ref.table == key}:
            if row in table.cells:
                table.cells[row] = dict(table.cells[row])
        out.tables[key] = table
    for ch in changes:
        old = out.tables[ch.ref.table].cell(ch.ref.row, ch.ref.col)
        out.tables[ch.ref.table].cells.setdefault(ch.ref.row, {})[ch.ref.col] = Cell(
            str(ch.after), ch.after, box=old.box if old else None)
    return out


def fixes(report: Report, findings: list[Finding], previous: Previous | None = None) -> list[Fix]:
    """The repairs of the report: the best repair of each group of broken sums (the group that clears the most
    errors first), then the other repairs of as few cells (at most SHOWN a group), each with the errors it clears
    (the findings are those of the report, with last year's comparison where `previous` is given)."""
    groups = [part for options in candidates(report) for part in _split(report, *options)]
    if not groups:
        return []
    from gdchecker.rules import check as check_all

    def check(r: Report) -> list[Finding]:
        return check_all(r, Context(previous))
    before = {identity(f) for f in findings}
    errors = {identity(f): i for i, f in enumerate(findings) if f.severity == Severity.ERROR}
    ranked: list[list[tuple[tuple, Fix]]] = []
    for options, complete in groups:
        scored = []
        for changes in options[:SHOWN * 4]:
            keys = {identity(f) for f in check(apply(report, changes))}
            resolves = sorted(i for k, i in errors.items() if k not in keys)
            new = sum(1 for k in keys if k not in before)
            totals = sum(1 for ch in changes if _is_total(ch.ref))
            size = sum(abs(ch.after - (ch.before or 0)) for ch in changes)
            unique = complete and len(options) == 1
            scored.append(((new, -len(resolves), not unique, -totals, size), Fix(changes, resolves, unique, new)))
        scored.sort(key=lambda s: s[0])
        ranked.append(scored[:SHOWN])
    ranked.sort(key=lambda g: g[0][0])
    return [g[0][1] for g in ranked] + [f for g in ranked for _, f in g[1:]]


def _split(report: Report, options: list[tuple[Change, ...]], complete: bool) -> list[Options]:
    """The only repair of a group, in parts that share no sum (two wrong cells that met through a third sum's
    cells): each part is a suggestion of its own. A group with several repairs stays whole."""
    if len(options) != 1 or len(options[0]) == 1 or not complete:
        return [(options, complete)]
    eqs = equations(report)
    changes = list(options[0])
    group = list(range(len(changes)))
    for eq in eqs:
        inside = [i for i, ch in enumerate(changes) if any(ref == ch.ref for ref, _ in eq.terms)]
        for i in inside[1:]:
            a, b = group[inside[0]], group[i]
            group = [a if g == b else g for g in group]
    parts: dict[int, list[Change]] = {}
    for i, ch in enumerate(changes):
        parts.setdefault(group[i], []).append(ch)
    return [([tuple(p)], True) for p in parts.values()]


def _is_total(ref: CellRef) -> bool:
    """A total cell: the 总计 column or the （七）总计 row of 表三, a group's 总计 in 表四."""
    return ref.col.endswith("total") or ref.row == "total"


def describe(report: Report, fix: Fix, short: bool = False) -> str:
    """把 表三“（一）予以公开”行“自然人”列的 331 改为 330，可同时消除 2 处错误 (short: without what it clears)."""
    parts = []
    for ch in fix.changes:
        before = "空白" if ch.before is None else fmt(ch.before)
        parts.append(f"{where(report, ch.ref)}的 {before} 改为 {fmt(ch.after)}")
    text = "把 " + "、".join(parts) if short else "把 " + "，".join(parts)
    if short:
        return text
    n = len(fix.resolves)
    if n > 1:
        text += f"，可同时消除 {n} 处错误"
    elif n == 1:
        text += "，可消除这处错误"
    if fix.new:
        text += f"（但会出现 {fix.new} 条新的问题）"
    return text


def where(report: Report, ref: CellRef) -> str:
    if not labelled(ref.table):
        return f"{table_name(ref.table)}“{col_name(report, ref.table, ref.col)}”"
    return f"{table_name(ref.table)}“{row_name(report, ref.table, ref.row)}”行“{col_name(report, ref.table, ref.col)}”列"


def alternatives(fixes: list[Fix], fix: Fix) -> list[Fix]:
    """The other repairs as small that clear the same errors as `fix` (listed after it)."""
    return [g for g in fixes if g is not fix and set(g.resolves) & set(fix.resolves)]


def leading(fixes: list[Fix]) -> list[Fix]:
    """The best repair of each group of broken sums (each clears errors no earlier one does)."""
    out: list[Fix] = []
    for f in fixes:
        if not any(set(f.resolves) & set(g.resolves) for g in out):
            out.append(f)
    return out
