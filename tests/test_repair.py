"""Repairs: one wrong cell of every kind is found, with its true value; where it cannot be told apart the repair
says so; one application filed in the wrong column is a two-cell repair; the bundled sample's best repair leaves
only the error it really has."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gdchecker import repair
from gdchecker.locate import locate
from gdchecker.model import CellRef, Severity
from gdchecker.read import read
from gdchecker.rules import check
from tests.makers import make_values
from tests.reports import put, report_from_values

YEARS = {"2019": 2020, "2021": 2022}
SAMPLE = Path(__file__).resolve().parents[1] / "gdchecker" / "resources" / "sample" / "sample-2023.pdf"

# one wrong cell of every kind of position in the sums: (table, row, col)
SINGLE = {
    "applicant": ("applications", "granted", "natural_person"),
    "row-total": ("applications", "denied.process", "total"),
    "seventh-total": ("applications", "total", "commercial"),
    "grand-total": ("applications", "total", "total"),
    "carried-over": ("applications", "carried_over", "other_org"),
    "carry-forward": ("applications", "carry_forward", "research"),
    "new-received": ("applications", "new_received", "legal_service"),
}


def _report(version: str, seed: int):
    values = make_values(version, seed)
    return values, report_from_values(version, YEARS[version], values)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("kind", sorted(SINGLE))
@pytest.mark.parametrize("delta", [1, 7])
def test_one_wrong_cell_of_表三_is_the_unique_first_fix(version, seed, kind, delta):
    values, report = _report(version, seed)
    table, row, col = SINGLE[kind]
    true = values[table][row][col]
    put(report, table, row, col, true + delta)
    findings = check(report)
    errors = [i for i, f in enumerate(findings) if f.severity == Severity.ERROR]
    assert errors, "the wrong cell must break a sum"
    fixes = repair.fixes(report, findings)
    best = fixes[0]
    assert [(c.ref, c.before, c.after) for c in best.changes] == [(CellRef(table, row, col), true + delta, true)]
    assert best.unique
    assert best.resolves == errors  # every error the wrong cell made is cleared by the one change
    assert best.new == 0
    assert len(fixes) == 1
    after = check(repair.apply(report, best.changes))
    assert not [f for f in after if f.severity == Severity.ERROR]


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("col", ["review.upheld", "suit_direct.pending", "suit_after_review.total"])
def test_a_wrong_表四_cell_is_not_unique_and_its_true_value_is_among_the_repairs(version, col):
    """One group total does not hold: the part or the total may be wrong, and the repair says it cannot tell."""
    values, report = _report(version, 4)
    true = values["review_litigation"]["count"][col]
    put(report, "review_litigation", "count", col, true + 3)
    findings = check(report)
    fixes = repair.fixes(report, findings)
    assert fixes and not any(f.unique for f in fixes)
    assert len(fixes) <= repair.SHOWN
    changes = [[(c.ref.col, c.after) for c in f.changes] for f in fixes]
    assert [(col, true)] in changes
    assert all(len(f.changes) == 1 for f in fixes)
    for f in fixes:  # every repair offered makes the group hold, none makes a negative count
        assert not [x for x in check(repair.apply(report, f.changes)) if x.severity == Severity.ERROR]


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("row", ["new_received", "carry_forward"])
def test_one_application_filed_in_the_wrong_column_is_a_two_cell_repair(version, row):
    values, report = _report(version, 6)
    cols = values["applications"][row]
    src = next(c for c in ("natural_person", "commercial", "research", "other_org") if cols[c] >= 2)
    dst = next(c for c in ("legal_service", "social_welfare", "commercial") if c != src)
    put(report, "applications", row, src, cols[src] - 2)
    put(report, "applications", row, dst, cols[dst] + 2)
    findings = check(report)
    assert [f for f in findings if f.severity == Severity.ERROR]
    fixes = repair.fixes(report, findings)
    pairs = [{(c.ref.row, c.ref.col, c.after) for c in f.changes} for f in fixes]
    assert {(row, src, cols[src]), (row, dst, cols[dst])} in pairs
    assert all(len(f.changes) == 2 for f in fixes)
    assert not fixes[0].unique  # the same two columns of another count row would do as well


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_two_wrong_cells_in_different_places_are_two_fixes(version):
    values, report = _report(version, 7)
    a = ("applications", "granted", "research")
    b = ("applications", "unable.unclear", "total")
    for t, r, c in (a, b):
        put(report, t, r, c, values[t][r][c] + 5)
    fixes = repair.fixes(report, check(report))
    firsts = [f for f in fixes if f.unique]
    assert {(f.changes[0].ref.row, f.changes[0].ref.col, f.changes[0].after) for f in firsts} == {
        (a[1], a[2], values[a[0]][a[1]][a[2]]), (b[1], b[2], values[b[0]][b[1]][b[2]])}


def test_a_clean_report_has_no_fix():
    _, report = _report("2021", 1)
    assert repair.fixes(report, check(report)) == []


def test_a_blank_total_beside_parts_is_repaired_to_their_sum():
    values, report = _report("2021", 2)
    row = next(r for r, cols in values["applications"].items() if cols["total"] > 0 and r != "total")
    put(report, "applications", row, "total", None, blank=True)
    fixes = repair.fixes(report, check(report))
    assert [(c.ref.col, c.before, c.after) for c in fixes[0].changes] == [("total", None, values["applications"][row]["total"])]


def test_the_sample_best_repair_leaves_only_the_error_it_really_has():
    report = locate(read(str(SAMPLE)))
    findings = check(report)
    assert len([f for f in findings if f.severity == Severity.ERROR]) == 3
    best = repair.fixes(report, findings)[0]
    assert [(c.ref, c.before, c.after) for c in best.changes] == [
        (CellRef("applications", "granted", "natural_person"), 331, 330)]
    assert best.unique and len(best.resolves) == 2
    after = check(repair.apply(report, best.changes))
    assert len([f for f in after if f.severity == Severity.ERROR]) == 1
    assert {(f.code, f.severity) for f in after} <= {(f.code, f.severity) for f in findings}  # no new warning
    text = repair.describe(report, best)
    assert text == "把 表三“（一）予以公开”行“自然人”列的 331 改为 330，可同时消除 2 处错误"


def test_check_json_has_fixes_and_text_shows_them(tmp_path):
    run = [sys.executable, "-m", "gdchecker", "check"]
    out = subprocess.run([*run, "--json", str(SAMPLE)], capture_output=True, text=True, encoding="utf-8", check=False)
    data = json.loads(out.stdout)[0]
    assert data["fixes"][0] == {"changes": [{"table": "applications", "row": "granted", "col": "natural_person",
                                             "from": 331, "to": 330}], "resolves": [0, 1], "unique": True}
    for fix in data["fixes"]:
        assert set(fix) == {"changes", "resolves", "unique"}
        assert all(data["findings"][i]["severity"] == "error" for i in fix["resolves"])
    text = subprocess.run([*run, str(SAMPLE)], capture_output=True, text=True, encoding="utf-8", check=False).stdout
    assert "[建议修改] 把 表三“（一）予以公开”行“自然人”列的 331 改为 330，可同时消除 2 处错误" in text
