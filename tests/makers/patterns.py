"""Blank-cell patterns seen in published reports: consistent values plus the cells a report leaves empty.

`blank_pattern(version, name)` returns (values, blanks, expected):
  values    every cell's number (what a maker needs; a blank cell still holds its number, which the
            maker does not print) — consistent: every sum of the format holds with blanks counted as 0,
            except in "blank_total", where a 总计 cell beside non-zero parts is left empty on purpose;
  blanks    the (table, row, col) cells printed empty;
  expected  what a perfect reader returns: `values` with every blank cell None.
`BLANK_TOTALS[name]` lists the blank cells that must be named by an error finding (the real error)."""

from __future__ import annotations

import copy

from . import labels as L
from .grid import CellKey
from .values import Values, consistency_errors, make_values

A = "applications"
R = "review_litigation"
LEGAL = L.APPLICANT_COL_KEYS[1:]  # the five 法人或其他组织 columns

PATTERNS = ("scattered", "legal_cols", "rows", "blank_total", "litigation")
PATTERN_DOC = {
    "scattered": "single blank zero cells here and there (表二, 表三 outcome and 上年结转 rows, 表四)",
    "legal_cols": "the five 法人或其他组织 columns of 表三 all blank (0), 总计 = 自然人",
    "rows": "whole blank rows: a 表三 row of zeros, all of 表四, a whole 表二 row",
    "blank_total": "a blank 总计 beside non-zero parts (表三 （一）予以公开 row total, 表四 行政复议 total)",
    "litigation": "表四 with the 10 行政诉讼 cells blank (0)",
}


def _move(values: Values, row: str, col: str, to_row: str) -> None:
    """Make applications[row][col] 0 by moving its count to `to_row` of the same column (both rows in the
    same sum: two outcome rows, or new_received/carried_over); the 总计 column follows."""
    app = values[A]
    v = int(app[row][col] or 0)
    app[row][col] = 0
    app[to_row][col] = int(app[to_row][col] or 0) + v
    app[row]["total"] = int(app[row]["total"] or 0) - v
    app[to_row]["total"] = int(app[to_row]["total"] or 0) + v


def _zero_review_part(values: Values, group: str, part: str) -> None:
    cells = values[R][L.REVIEW_ROW]
    v = int(cells[f"{group}.{part}"] or 0)
    cells[f"{group}.{part}"] = 0
    other = "upheld" if part != "upheld" else "corrected"
    cells[f"{group}.{other}"] = int(cells[f"{group}.{other}"] or 0) + v


def _zero_active_row(values: Values, table: str, row: str) -> list[CellKey]:
    cells = values[table][row]
    for col in cells:
        cells[col] = 0.0 if (table, col) in L.AMOUNT_COLUMNS else 0
    return [(table, row, col) for col in cells]


def blank_pattern(version: str, name: str, seed: int = 5) -> tuple[Values, list[CellKey], Values]:
    """Values, blank cells and the expected reading for pattern `name` (see PATTERNS)."""
    if name not in PATTERNS:
        raise ValueError(f"unknown blank pattern {name!r}; one of {PATTERNS}")
    values = make_values(version, seed)
    app = values[A]
    rl = values[R][L.REVIEW_ROW]
    blanks: list[CellKey] = []
    if name == "scattered":
        values["active_20_5"]["license"]["decisions"] = 0
        blanks.append(("active_20_5", "license", "decisions"))
        for row, col, to in (("denied.state_secret", "commercial", "granted"),
                             ("not_processed.duplicate", "natural_person", "granted"),
                             ("unable.unclear", "other_org", "granted"),
                             ("carried_over", "legal_service", "new_received")):
            _move(values, row, col, to)
            blanks.append((A, row, col))
        _zero_review_part(values, "suit_after_review", "other")
        blanks.append((R, L.REVIEW_ROW, "suit_after_review.other"))
    elif name == "legal_cols":
        for row, cols in app.items():
            for col in LEGAL:
                cols[col] = 0
                blanks.append((A, row, col))
            cols["total"] = cols["natural_person"]
    elif name == "rows":
        row = "denied.third_party"
        for col in L.APPLICANT_COL_KEYS:
            _move(values, row, col, "granted")
        blanks += [(A, row, col) for col in L.APP_COL_KEYS]
        for col in rl:
            rl[col] = 0
        blanks += [(R, L.REVIEW_ROW, col) for col in rl]
        blanks += _zero_active_row(values, "active_20_6", "coercion")
    elif name == "blank_total":
        assert app["granted"]["total"], "（一）予以公开 always has applications"
        if not rl["review.total"]:
            rl["review.upheld"], rl["review.total"] = 1, 1
        blanks += [(A, "granted", "total"), (R, L.REVIEW_ROW, "review.total")]
    elif name == "litigation":
        for col in rl:
            if col.startswith(("suit_direct.", "suit_after_review.")):
                rl[col] = 0
                blanks.append((R, L.REVIEW_ROW, col))
    assert consistency_errors(version, values) == [], (name, consistency_errors(version, values))
    expected = copy.deepcopy(values)
    for t, r, c in blanks:
        expected[t][r][c] = None
    return values, blanks, expected


# the blank cells of each pattern that an error finding must name (a blank 总计 whose parts are not 0)
BLANK_TOTALS: dict[str, tuple[CellKey, ...]] = {
    "blank_total": ((A, "granted", "total"), (R, L.REVIEW_ROW, "review.total")),
}
