"""Random but consistent cell values for every table, row and column of a format version."""

from __future__ import annotations

import random
from collections.abc import Iterator

from . import labels as L

Value = int | float | None
Values = dict[str, dict[str, dict[str, Value]]]


def _count(rng: random.Random, scale: int) -> int:
    """A count that is often 0, sometimes small, sometimes multi-digit (up to ~`scale`)."""
    r = rng.random()
    if r < 0.35:
        return 0
    if r < 0.75:
        return rng.randint(1, 9)
    return rng.randint(10, max(10, scale))


def _active(version: str, rng: random.Random, zero: bool) -> Values:
    out: Values = {}
    for block in L.ACTIVE_BLOCKS[version]:
        tab: dict[str, dict[str, Value]] = {}
        for _, row in block.rows:
            cells: dict[str, Value] = {}
            for _, col in block.columns:
                cells[col] = 0.0 if (block.key, col) in L.AMOUNT_COLUMNS else 0
            if not zero:
                _fill_active_row(block.key, cells, rng)
            tab[row] = cells
        out[block.key] = tab
    return out


def _fill_active_row(table: str, cells: dict[str, Value], rng: random.Random) -> None:
    if "made" in cells:  # 2019 active_20_1
        cells["made"] = rng.randint(0, 40)
        cells["published"] = rng.randint(0, int(cells["made"] or 0))
        cells["total_public"] = int(cells["published"] or 0) + rng.randint(0, 900)
    elif "issued" in cells:  # 2021 active_20_1
        cells["issued"] = rng.randint(0, 40)
        cells["repealed"] = rng.randint(0, 12)
        cells["in_force"] = int(cells["issued"] or 0) + rng.randint(0, 300)
    if "prev_items" in cells:
        prev = rng.choice([0, rng.randint(1, 9), rng.randint(10, 700)])
        cells["prev_items"] = prev
        cells["change"] = rng.randint(-min(prev, 30), 30)
    if "decisions" in cells:
        cells["decisions"] = rng.choice([0, rng.randint(1, 99), rng.randint(100, 5000)])
    if "items" in cells:
        cells["items"] = rng.randint(0, 60)
    if "amount" in cells:
        cells["amount"] = round(rng.uniform(0, 9999), 2) if rng.random() < 0.85 else 0.0
        if cells["amount"] and round(float(cells["amount"]) * 100) % 10 == 0:
            cells["amount"] = round(float(cells["amount"]) + 0.01, 2)  # keep two visible decimals


def _applications(version: str, rng: random.Random, zero: bool) -> dict[str, dict[str, Value]]:
    rows = [r.key for r in L.APP_ROWS[version]]
    outcomes = L.outcome_row_keys(version)
    tab: dict[str, dict[str, Value]] = {r: {c: 0 for c in L.APP_COL_KEYS} for r in rows}
    if zero:
        return tab
    scale = {"natural_person": 200, "commercial": 120, "research": 12, "social_welfare": 12,
             "legal_service": 30, "other_org": 20}
    for col in L.APPLICANT_COL_KEYS:
        active = col in ("natural_person", "commercial") or rng.random() < 0.6
        for r in outcomes:
            tab[r][col] = _count(rng, scale[col]) if active else 0
        if col == "natural_person":  # make sure big, multi-digit figures occur
            tab["granted"][col] = rng.randint(100, 1500)
            tab["unable.not_held"][col] = rng.randint(10, 99)
        total = sum(int(tab[r][col] or 0) for r in outcomes)
        tab["total"][col] = total
        tab["carry_forward"][col] = rng.randint(0, 15) if active else 0
        supply = total + int(tab["carry_forward"][col] or 0)
        tab["carried_over"][col] = rng.randint(0, min(supply, 20))
        tab["new_received"][col] = supply - int(tab["carried_over"][col] or 0)
    for r in rows:
        tab[r]["total"] = sum(int(tab[r][c] or 0) for c in L.APPLICANT_COL_KEYS)
    return tab


def _review(rng: random.Random, zero: bool) -> dict[str, dict[str, Value]]:
    cells: dict[str, Value] = {}
    for _, g in L.REVIEW_GROUPS:
        parts = [0, 0, 0, 0] if zero else [_count(rng, 12) for _ in range(4)]
        for (_, r), v in zip(L.REVIEW_RESULTS[:4], parts, strict=True):
            cells[f"{g}.{r}"] = v
        cells[f"{g}.total"] = sum(parts)
    return {L.REVIEW_ROW: cells}


def make_values(version: str, seed: int = 0, *, zero: bool = False) -> Values:
    """{table_key: {row_key: {col_key: value}}} for every cell of `version` (formats.md §2).

    Random (from `seed`) but consistent: row totals, column totals, the balance and the review
    totals all hold.  `change` may be negative; amounts are decimals.  `zero=True`: all zeros."""
    if version not in L.VERSIONS:
        raise ValueError(f"unknown format version {version!r}")
    rng = random.Random(f"{version}-{seed}")
    values = _active(version, rng, zero)
    values["applications"] = _applications(version, rng, zero)
    values["review_litigation"] = _review(rng, zero)
    return values


def iter_cells(values: Values) -> Iterator[tuple[str, str, str, Value]]:
    """(table, row, col, value) for every cell."""
    for table, rows in values.items():
        for row, cols in rows.items():
            for col, v in cols.items():
                yield table, row, col, v


def consistency_errors(version: str, values: Values) -> list[str]:
    """Which of the format's sums fail (an empty list when all hold).  None counts as 0."""
    errs: list[str] = []
    app = values["applications"]

    def g(r: str, c: str) -> int:
        return int(app[r][c] or 0)

    for r in app:
        s = sum(g(r, c) for c in L.APPLICANT_COL_KEYS)
        if s != g(r, "total"):
            errs.append(f"row total {r}: {s} != {g(r, 'total')}")
    outcomes = L.outcome_row_keys(version)
    for c in L.APP_COL_KEYS:
        s = sum(g(r, c) for r in outcomes)
        if s != g("total", c):
            errs.append(f"column total {c}: {s} != {g('total', c)}")
        if g("new_received", c) + g("carried_over", c) != g("total", c) + g("carry_forward", c):
            errs.append(f"balance {c}")
    rl = values["review_litigation"][L.REVIEW_ROW]
    for _, grp in L.REVIEW_GROUPS:
        s = sum(int(rl[f"{grp}.{r}"] or 0) for _, r in L.REVIEW_RESULTS[:4])
        if s != int(rl[f"{grp}.total"] or 0):
            errs.append(f"review total {grp}")
    return errs
