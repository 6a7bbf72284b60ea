"""The search behind the repairs: the fewest cells whose new values make every sum of formats.md §3 hold.

Each relation of the report's tables is a linear equation over its cells (parts minus total, or the balance's
left minus right, equal to zero). A wrong cell breaks every equation it stands in, so the broken equations point at
it: a repair is a set of cells that meets every broken equation, with new values that make every equation those
cells stand in hold. The search tries one cell, then two, and so on up to six (branching on the cells of the
smallest sum not yet met, so only sets that could work are tried, and stopping a branch that needs more cells than
it has left) and solves each set's equations exactly (fractions). gdchecker.repair ranks and words what it finds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gdchecker import formats
from gdchecker.model import CellRef, Report, Table
from gdchecker.rules.arithmetic import sum_value

if TYPE_CHECKING:
    from fractions import Fraction  # imported where a sum is broken (a report whose sums all hold needs none)

Num = int | float
MAX_CELLS = 6  # repairs of more cells than this say little: the findings themselves are shown
MAX_NODES = 6000  # steps of the search for one group at most (one to three wrong cells need a few hundred)
MAX_SOLVES = 150  # sets of cells solved for one group at most


@dataclass(frozen=True)
class Equation:
    """One sum of the report as an equation over its cells."""

    code: str
    terms: tuple[tuple[CellRef, int], ...]  # (cell, +1 or -1); the equation holds where the sum is 0
    total: CellRef  # the cell a finding of this equation is about first


@dataclass(frozen=True)
class Change:
    """One cell changed by a repair: from the figure printed to the one the sums ask for."""

    ref: CellRef
    before: Num | None  # as printed: None where the cell is blank
    after: Num


def equations(report: Report) -> list[Equation]:
    """Every relation of the report's tables, one equation per row or column it covers (as the sum rules check)."""
    out: list[Equation] = []
    for table in report.tables.values():
        spec = formats.format_of(report, table.key)
        for rel in spec.relations_of(table.key):
            for terms, total in _instances(table, rel):
                refs = [CellRef(table.key, r, c) for (r, c), _ in terms]
                if all(sum_value(table.cell(ref.row, ref.col)) is not None for ref in refs):
                    out.append(Equation(rel.code, tuple(zip(refs, (k for _, k in terms))),
                                        CellRef(table.key, *total)))
    return out


def _instances(table: Table, rel: formats.Relation) -> Iterator[tuple[list[tuple[tuple[str, str], int]], tuple[str, str]]]:
    cols = list(dict.fromkeys(c for row in table.cells.values() for c in row))
    if rel.kind == "sum" and rel.axis == "row":
        for r in table.cells:
            yield [((r, p), 1) for p in rel.parts] + [((r, rel.total), -1)], (r, rel.total)
    elif rel.kind == "sum":
        for c in cols:
            yield [((p, c), 1) for p in rel.parts] + [((rel.total, c), -1)], (rel.total, c)
    elif rel.kind == "balance":
        for c in cols:
            yield ([((r, c), 1) for r in rel.left] + [((r, c), -1) for r in rel.right],
                   (rel.right[-1], c))


def _residual(eq: Equation, values: dict[CellRef, Num]) -> Fraction:
    from fractions import Fraction

    vals = [values[ref] for ref, _ in eq.terms]
    if all(type(v) is int for v in vals):  # whole counts (nearly every cell): summed exactly as they are
        return Fraction(sum(v * k for v, (_, k) in zip(vals, eq.terms)))
    return sum((Fraction(v) * k for v, (_, k) in zip(vals, eq.terms)), Fraction(0))


def _broken(eq: Equation, values: dict[CellRef, Num]) -> bool:
    """The equation does not hold (as _residual(eq, values) != 0 says; whole counts without fractions)."""
    vals = [values[ref] for ref, _ in eq.terms]
    if all(type(v) is int for v in vals):
        return sum(v * k for v, (_, k) in zip(vals, eq.terms)) != 0
    return _residual(eq, values) != 0


def _solve(cells: list[CellRef], eqs: list[Equation], values: dict[CellRef, Num]) -> list[Fraction] | None:
    """The one change per cell that makes every equation the cells stand in hold, or None (none, or many)."""
    from fractions import Fraction

    idx = {c: i for i, c in enumerate(cells)}
    rows = []
    for eq in eqs:
        coef = [Fraction(0)] * len(cells)
        touched = False
        for ref, k in eq.terms:
            if ref in idx:
                coef[idx[ref]] += k
                touched = True
        if touched:
            rows.append([*coef, -_residual(eq, values)])
    n = len(cells)
    r = 0
    for col in range(n):  # Gauss-Jordan elimination, exact
        pivot = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            return None  # a cell free to take any value: a smaller set does it
        rows[r], rows[pivot] = rows[pivot], rows[r]
        p = rows[r][col]
        rows[r] = [x / p for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                f = rows[i][col]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r])]
        r += 1
    if any(row[n] != 0 for row in rows[r:]):
        return None  # the equations disagree
    return [rows[i][n] for i in range(n)]


def _values(report: Report, eqs: list[Equation]) -> dict[CellRef, Num]:
    out: dict[CellRef, Num] = {}
    for eq in eqs:
        for ref, _ in eq.terms:
            out[ref] = sum_value(report.tables[ref.table].cell(ref.row, ref.col))  # type: ignore[assignment]
    return out


def _clusters(broken: list[Equation]) -> list[list[Equation]]:
    """Broken equations that share a cell, together (each group is repaired on its own)."""
    group = list(range(len(broken)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    owner: dict[CellRef, int] = {}
    for i, eq in enumerate(broken):
        for ref, _ in eq.terms:
            if ref in owner:
                group[root(i)] = root(owner[ref])
            else:
                owner[ref] = i
    out: dict[int, list[Equation]] = {}
    for i, eq in enumerate(broken):
        out.setdefault(root(i), []).append(eq)
    return list(out.values())


Options = tuple[list[tuple[Change, ...]], bool]  # the repairs of a group of broken sums; whether they are all


def candidates(report: Report) -> list[Options]:
    """For each group of broken sums, every repair of the fewest cells (up to MAX_CELLS), and whether the search
    saw them all (it stops early on a report with very many broken sums); [] where all hold.

    Broken sums that share a cell are one group; groups of one table that cannot be repaired alone (one
    application filed in the wrong column breaks two columns that share no cell) are tried together."""
    eqs = equations(report)
    values = _values(report, eqs)
    broken = [eq for eq in eqs if _broken(eq, values)]
    by_cell: dict[CellRef, list[Equation]] = {}
    for eq in eqs:
        for ref, _ in eq.terms:
            by_cell.setdefault(ref, []).append(eq)
    out: list[Options] = []
    for table in dict.fromkeys(eq.total.table for eq in broken):
        failed: list[Equation] = []
        for cluster in _clusters([eq for eq in broken if eq.total.table == table]):
            found = _fewest(cluster, by_cell, values, report)
            if found[0]:
                out.append(found)
            else:
                failed += cluster
        if len(failed) > 1 and len(_clusters(failed)) > 1:
            found = _fewest(failed, by_cell, values, report)
            if found[0]:
                out.append(found)
    return out


def _fewest(broken: list[Equation], by_cell: dict[CellRef, list[Equation]], values: dict[CellRef, Num],
            report: Report) -> Options:
    """The repairs of the fewest cells. Where the search would take too long (many wrong cells), the cells each of
    whose sums is broken and asks for the same change are taken one by one instead: a repair, not shown as the
    only one."""
    budget = [0, 0]
    for size in range(1, MAX_CELLS + 1):
        found, complete = _search(size, broken, by_cell, values, report, budget)
        if found:
            return found, complete
        if not complete:
            break
    peeled = _peel(broken, by_cell, values, report)
    return ([peeled], False) if peeled else ([], False)


def _peel(broken: list[Equation], by_cell: dict[CellRef, list[Equation]], values: dict[CellRef, Num],
          report: Report) -> tuple[Change, ...] | None:
    """Cells of which every sum is broken and two or more ask for the same change (the one most agree on first),
    changed one at a time until every sum of the group holds; None where that does not get there within MAX_CELLS."""
    vals = dict(values)
    open_ = {id(eq): eq for eq in broken}
    changes: dict[CellRef, Change] = {}
    while open_ and len(changes) < MAX_CELLS:
        best: tuple[int, CellRef, Fraction] | None = None
        for ref in {ref for eq in open_.values() for ref, _ in eq.terms}:
            if any(_residual(e, vals) == 0 for e in by_cell[ref]):
                continue  # changing it would break a sum that holds
            wants = Counter(-_residual(e, vals) / k for e in by_cell[ref] for r, k in e.terms if r == ref)
            d, agree = wants.most_common(1)[0]
            new = vals[ref] + d
            if agree >= 2 and new >= 0 and new.denominator == 1 and (best is None or agree > best[0]):
                best = (agree, ref, new)
        if best is None:
            return None
        _, ref, new = best
        vals[ref] = int(new)
        cell = report.tables[ref.table].cell(ref.row, ref.col)
        first = changes[ref].before if ref in changes else (None if cell is None or cell.value is None else cell.value)
        changes[ref] = Change(ref, first, int(new))
        open_ = {i: e for i, e in open_.items() if _residual(e, vals) != 0}
    return None if open_ else tuple(changes.values())


def _search(size: int, broken: list[Equation], by_cell: dict[CellRef, list[Equation]], values: dict[CellRef, Num],
            report: Report, budget: list[int]) -> tuple[list[tuple[Change, ...]], bool]:
    """Every repair of `size` cells, and whether the search was complete (not cut short by the budget: steps and
    sets solved so far, shared by the sizes tried for one group).

    Branches on the cells of the smallest sum not yet met; a branch ends where the sums not yet met include more
    that share no cell than cells are left (each needs a cell of its own)."""
    seen: set[frozenset[CellRef]] = set()
    out: list[tuple[Change, ...]] = []
    cells_of = [frozenset(ref for ref, _ in eq.terms) for eq in broken]
    order = sorted(range(len(broken)), key=lambda i: len(cells_of[i]))

    def walk(chosen: frozenset[CellRef]) -> bool:
        budget[0] += 1
        if budget[0] > MAX_NODES or budget[1] > MAX_SOLVES:
            return False
        open_ = [i for i in order if not (cells_of[i] & chosen)]
        if not open_:
            if chosen not in seen:
                seen.add(chosen)
                budget[1] += 1
                fix = _fix(sorted(chosen, key=lambda c: (c.table, c.row, c.col)), by_cell, values, report)
                if fix is not None:
                    out.append(fix)
            return True
        left = size - len(chosen)
        apart: list[frozenset[CellRef]] = []
        for i in open_:  # sums not yet met that share no cell: a lower bound on the cells still needed
            if all(not (cells_of[i] & a) for a in apart):
                apart.append(cells_of[i])
                if len(apart) > left:
                    return True
        for ref in sorted(cells_of[open_[0]], key=lambda c: (c.table, c.row, c.col)):
            if not walk(chosen | {ref}):
                return False
        return True

    complete = walk(frozenset())
    return out, complete


def _fix(cells: list[CellRef], by_cell: dict[CellRef, list[Equation]], values: dict[CellRef, Num],
         report: Report) -> tuple[Change, ...] | None:
    """The changes of these cells that make every sum they stand in hold, if there is exactly one and it is made of
    whole, non-negative counts that all differ from the printed ones."""
    from fractions import Fraction

    eqs = list({id(eq): eq for c in cells for eq in by_cell[c]}.values())
    deltas = _solve(cells, eqs, values)
    if deltas is None or any(d == 0 for d in deltas):
        return None
    changes = []
    for c, d in zip(cells, deltas):
        new = Fraction(values[c]) + d  # a figure read as 12.11 is a float: its repair is not a whole count
        if new < 0 or new.denominator != 1:
            return None
        cell = report.tables[c.table].cell(c.row, c.col)
        changes.append(Change(c, None if cell is None or cell.value is None else cell.value, int(new)))
    return tuple(changes)


