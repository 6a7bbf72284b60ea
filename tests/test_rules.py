"""Every rule code, one fixture each: a clean report (no error, no warning), one thing broken, the exact findings.

Findings are compared as (code, table, row, col, expected) — the key of the first cell plus `expected` — never by
message text.  Each test declares with @produces the codes it asserts; the meta-test at the end checks that every
code a registered rule lists is produced by some test here (reading.* and structure.extra_* come from the
locator, not from rules, and are left to the reader tests).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable

import pytest

from gdchecker import formats
from gdchecker.model import Cell, CellRef, Finding, Report, Severity
from gdchecker.rules import all_rules, check

try:
    from tests.makers import make_values
    from tests.reports import drop, put, report_from_values, value
except ModuleNotFoundError:  # tests/ itself is on sys.path
    from makers import make_values  # type: ignore[no-redef]
    from reports import drop, put, report_from_values, value  # type: ignore[no-redef]

YEAR = {"2019": 2020, "2021": 2023}
VERSIONS = ("2019", "2021")
A, R = "applications", "review_litigation"
APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
GROUPS = ("review", "suit_direct", "suit_after_review")
PARTS = ("upheld", "corrected", "other", "pending")

Want = tuple  # (code, table, row, col) or (code, table, row, col, expected)

# --------------------------------------------------------------------------- helpers

_DECLARED: dict[str, set[str]] = {}  # code -> tests that assert a finding with it
_ASSERTED_NOW: set[str] = set()  # codes asserted by the running test


def produces(*codes: str) -> Callable:
    """Declare the codes a test asserts; the test fails if it does not in fact assert a finding with each."""

    def deco(fn: Callable) -> Callable:
        for c in codes:
            _DECLARED.setdefault(c, set()).add(fn.__name__)

        @functools.wraps(fn)
        def run(*args: object, **kwargs: object) -> None:
            _ASSERTED_NOW.clear()
            fn(*args, **kwargs)
            missing = set(codes) - _ASSERTED_NOW
            assert not missing, f"{fn.__name__} declares {sorted(missing)} but asserted no finding with them"

        return run

    return deco


def problems(report: Report) -> list[Finding]:
    """Errors and warnings (info findings are notes, not problems)."""
    return [f for f in check(report) if f.severity in (Severity.ERROR, Severity.WARNING)]


def keys(findings: Iterable[Finding]) -> Counter:
    return Counter((*f.key(), f.expected) for f in findings)


def expect(report: Report, *wanted: Want) -> list[Finding]:
    """The report's errors and warnings are exactly `wanted` (expected None where a tuple has four items)."""
    found = problems(report)
    want = Counter(tuple(w) if len(w) == 5 else (*w, None) for w in wanted)
    assert keys(found) == want, "\n".join(f"{f.key()} expected={f.expected}: {f.message}" for f in found)
    _ASSERTED_NOW.update(w[0] for w in wanted)
    return found


def clean(version: str, seed: int = 0, *, year: int | None = None, prose: Iterable[str] = (),
          values: dict | None = None) -> Report:
    """A consistent report of the version's own year; asserts first that no rule finds anything in it."""
    vals = make_values(version, seed) if values is None else values
    report = report_from_values(version, YEAR[version] if year is None else year, vals, prose=prose)
    assert problems(report) == [], [f.message for f in problems(report)]
    return report


def bump(report: Report, table: str, row: str, col: str, d: int | float) -> int | float:
    """Add d to one cell; returns its old value."""
    old = value(report, table, row, col)
    assert old is not None
    put(report, table, row, col, old + d)
    return old


def severity(findings: list[Finding], code: str) -> Severity:
    return next(f.severity for f in findings if f.code == code)


def zero_column(report: Report) -> str:
    """An applicant column that is 0 in every row of 表三."""
    cells = report.tables[A].cells
    cols = [c for c in APPLICANTS if all(cells[r][c].value == 0 for r in cells)]
    assert cols, "the fixture has no all-zero applicant column"
    return cols[0]


def last_col(version: str, table: str) -> str:
    return formats.load(version).tables[table].cols[-1].key


# --------------------------------------------------------------------------- the fixtures themselves


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("seed", range(6))
def test_clean_report_has_no_problem(version: str, seed: int) -> None:
    report = clean(version, seed)
    assert report.format_version == version and report.year == YEAR[version]
    assert all(t.format_version == version for t in report.tables.values())
    assert len(report.tables[A].cells) == (23 if version == "2019" else 25)


def test_blanks_must_name_existing_cells() -> None:
    with pytest.raises(KeyError):
        report_from_values("2021", 2023, make_values("2021", 0), blanks=[(A, "no_such_row", "total")])


# --------------------------------------------------------------------------- sums


@pytest.mark.parametrize("version", VERSIONS)
@produces("applications.balance")
def test_balance_one_applicant_column(version: str) -> None:
    report = clean(version)
    row_sum = value(report, A, "carry_forward", "total")
    old = bump(report, A, "carry_forward", "natural_person", 1)
    expect(report,
           ("applications.balance", A, "carry_forward", "natural_person", old),
           ("applications.row_total", A, "carry_forward", "total", row_sum + 1))


@pytest.mark.parametrize("version", VERSIONS)
@produces("applications.balance")
def test_balance_total_column(version: str) -> None:
    report = clean(version)
    new = value(report, A, "new_received", "total")
    old = bump(report, A, "new_received", "total", 5)
    expect(report,
           ("applications.balance", A, "carry_forward", "total", value(report, A, "carry_forward", "total") + 5),
           ("applications.row_total", A, "new_received", "total", new))
    assert old == new


@pytest.mark.parametrize("version", VERSIONS)
@produces("applications.row_total")
def test_row_total(version: str) -> None:
    report = clean(version)
    grand = value(report, A, "total", "total")
    old = bump(report, A, "granted", "total", 1)
    found = expect(report,
                   ("applications.row_total", A, "granted", "total", old),
                   ("applications.column_total", A, "total", "total", grand + 1))
    assert all(f.severity is Severity.ERROR for f in found)


@pytest.mark.parametrize(("version", "row"), [
    ("2019", "denied.process"), ("2019", "other"),
    ("2021", "denied.process"), ("2021", "other.no_fee"), ("2021", "other.other"),
])
@produces("applications.column_total")
def test_column_total(version: str, row: str) -> None:
    """Every 办理结果 row of the version counts in （七）总计, （六）其他处理 as one row (2019) or three (2021)."""
    report = clean(version)
    col_sum = value(report, A, "total", "natural_person")
    row_sum = value(report, A, row, "total")
    bump(report, A, row, "natural_person", 1)
    expect(report,
           ("applications.column_total", A, "total", "natural_person", col_sum + 1),
           ("applications.row_total", A, row, "total", row_sum + 1))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("group", GROUPS)
@produces("review_litigation.group_total")
def test_review_group_total(version: str, group: str) -> None:
    report = clean(version)
    old = bump(report, R, "count", f"{group}.total", 1)
    expect(report, ("review_litigation.group_total", R, "count", f"{group}.total", old))


# --------------------------------------------------------------------------- blanks


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.blank", "review_litigation.group_total")
def test_blank_review_total_whose_parts_are_not_zero(version: str) -> None:
    report = clean(version)
    group = next(g for g in GROUPS if value(report, R, "count", f"{g}.total"))
    parts = sum(value(report, R, "count", f"{group}.{p}") for p in PARTS)
    put(report, R, "count", f"{group}.total", None, blank=True)
    found = expect(report,
                   ("values.blank", R, "count", f"{group}.total"),
                   ("review_litigation.group_total", R, "count", f"{group}.total", parts))
    assert severity(found, "values.blank") is Severity.WARNING
    assert severity(found, "review_litigation.group_total") is Severity.ERROR
    assert next(f for f in found if f.code == "review_litigation.group_total").actual is None


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.blank", "applications.row_total", "applications.column_total")
def test_blank_application_total_whose_parts_are_not_zero(version: str) -> None:
    report = clean(version)
    row_sum = value(report, A, "granted", "total")
    grand = value(report, A, "total", "total")
    assert row_sum
    put(report, A, "granted", "total", None, "/", blank=True)
    expect(report,
           ("values.blank", A, "granted", "total"),
           ("applications.row_total", A, "granted", "total", row_sum),  # at the blank total: its parts' sum
           ("applications.column_total", A, "total", "total", grand - row_sum))  # the blank counted as 0


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.blank")
def test_blank_total_whose_parts_are_zero_is_only_named(version: str) -> None:
    report = clean(version)
    col = zero_column(report)
    put(report, A, "total", col, None, blank=True)
    found = expect(report, ("values.blank", A, "total", col))
    assert found[0].severity is Severity.WARNING


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.blank")
def test_blank_zero_part_is_a_warning_only(version: str) -> None:
    report = clean(version)
    group = next(g for g in GROUPS for p in PARTS if value(report, R, "count", f"{g}.{p}") == 0)
    part = next(p for p in PARTS if value(report, R, "count", f"{group}.{p}") == 0)
    put(report, R, "count", f"{group}.{part}", None, "—", blank=True)
    expect(report, ("values.blank", R, "count", f"{group}.{part}"))


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.blank", "review_litigation.group_total")
def test_blank_part_counts_as_zero_in_the_sum(version: str) -> None:
    report = clean(version)
    group, part = next((g, p) for g in GROUPS for p in PARTS if value(report, R, "count", f"{g}.{p}"))
    total = value(report, R, "count", f"{group}.total")
    v = value(report, R, "count", f"{group}.{part}")
    put(report, R, "count", f"{group}.{part}", None, blank=True)
    expect(report,
           ("values.blank", R, "count", f"{group}.{part}"),
           ("review_litigation.group_total", R, "count", f"{group}.total", total - v))


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.blank")
def test_blank_unused_column_is_named_once(version: str) -> None:
    """An applicant column left “/” throughout: one warning for the column, no sum error (blanks count as 0)."""
    vals = make_values(version, 0)
    col = zero_column(clean(version, values=vals))
    report = report_from_values(version, YEAR[version], vals, blanks=[(A, r, col) for r in vals[A]])
    found = expect(report, ("values.blank", A, next(iter(vals[A])), col))
    assert len(found[0].cells) == len(vals[A])
    assert "整列空白" in found[0].message


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.blank")
def test_blanks_are_one_finding_per_pattern(version: str) -> None:
    """Two whole blank columns, a whole blank row and two single blanks elsewhere: three findings, every blank cell
    named in one of them."""
    vals = make_values(version, 0, zero=True)  # every sum holds whatever is left blank
    zero_row = "denied.state_secret"
    singles = [("granted", "commercial"), ("unable.unclear", "other_org")]
    blanks = [(A, r, c) for r in vals[A] for c in ("research", "social_welfare")]
    blanks += [(A, zero_row, c) for c in vals[A][zero_row] if c not in ("research", "social_welfare")]
    blanks += [(A, r, c) for r, c in singles]
    report = report_from_values(version, YEAR[version], vals, blanks=blanks)
    found = expect(report, ("values.blank", A, next(iter(vals[A])), "research"),
                   ("values.blank", A, zero_row, "natural_person"), ("values.blank", A, "granted", "commercial"))
    assert sorted((c.row, c.col) for f in found for c in f.cells) == sorted((r, c) for _, r, c in blanks)
    assert "这几列整列空白" in found[0].message and "整行空白" in found[1].message


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.blank")
def test_several_blanks_in_a_row_are_one_finding(version: str) -> None:
    report = clean(version)
    zeros = [c for c in APPLICANTS if value(report, A, "denied.state_secret", c) == 0]
    for c in zeros:
        put(report, A, "denied.state_secret", c, None, blank=True)
    found = expect(report, ("values.blank", A, "denied.state_secret", zeros[0]))
    assert [c.col for c in found[0].cells] == zeros


# --------------------------------------------------------------------------- misfiled applicant


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("plus", "minus"), [("natural_person", "commercial"), ("commercial", "natural_person")])
@produces("applications.misfiled_applicant")
def test_misfiled_applicant(version: str, plus: str, minus: str) -> None:
    """+1 in one applicant column's 本年新收, −1 in another's, 总计 column unchanged: one finding, no balance error."""
    report = clean(version)
    bump(report, A, "new_received", plus, 1)
    bump(report, A, "new_received", minus, -1)
    first = min(plus, minus, key=APPLICANTS.index)
    found = expect(report, ("applications.misfiled_applicant", A, "carry_forward", first))
    assert found[0].severity is Severity.ERROR
    assert {(c.row, c.col) for c in found[0].cells} >= {("new_received", plus), ("new_received", minus)}


@pytest.mark.parametrize("version", VERSIONS)
@produces("applications.balance", "applications.row_total")
def test_unequal_shift_is_not_misfiled(version: str) -> None:
    """+1 in one column and −2 in another: two balance errors (and the row total), no misfiled diagnosis."""
    report = clean(version)
    row_sum = value(report, A, "new_received", "total")
    cf_np, cf_co = value(report, A, "carry_forward", "natural_person"), value(report, A, "carry_forward", "commercial")
    bump(report, A, "new_received", "natural_person", 1)
    bump(report, A, "new_received", "commercial", -2)
    expect(report,
           ("applications.balance", A, "carry_forward", "natural_person", cf_np + 1),
           ("applications.balance", A, "carry_forward", "commercial", cf_co - 2),
           ("applications.row_total", A, "new_received", "total", row_sum - 1))


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.unreadable")
def test_unreadable_cell(version: str) -> None:
    """Text that is no number: named, and the sums through it are not checked (no false sum error)."""
    report = clean(version)
    put(report, A, "granted", "research", None, "十二", invalid=True)
    found = expect(report, ("values.unreadable", A, "granted", "research"))
    assert found[0].severity is Severity.ERROR


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.not_whole")
def test_count_not_whole(version: str) -> None:
    report = clean(version)
    put(report, "active_20_5", "license", "decisions", 12.5)
    expect(report, ("values.not_whole", "active_20_5", "license", "decisions"))


@pytest.mark.parametrize("version", VERSIONS)
@produces("values.negative")
def test_count_negative(version: str) -> None:
    report = clean(version)
    put(report, "active_20_6", "penalty", "decisions", -3)
    expect(report, ("values.negative", "active_20_6", "penalty", "decisions"))


@pytest.mark.parametrize(("version", "table", "row"), [("2019", "active_20_9", "procurement"),
                                                       ("2021", "active_20_8", "fee")])
@produces("values.negative")
def test_amount_negative(version: str, table: str, row: str) -> None:
    report = clean(version)
    put(report, table, row, "amount", -1.5)
    expect(report, ("values.negative", table, row, "amount"))


def test_signed_change_decimal_amount_and_unit_are_fine() -> None:
    report = clean("2019")
    put(report, "active_20_5", "license", "change", -8)
    put(report, "active_20_6", "penalty", "change", 4, "+4")
    put(report, "active_20_8", "fee", "change", 0)
    put(report, "active_20_9", "procurement", "amount", 12.34)
    expect(report)
    report.tables["active_20_9"].cells["procurement"]["amount"] = Cell("251000元", 251000, unit="元")
    expect(report)
    report = clean("2021")
    put(report, "active_20_8", "fee", "amount", 0.5)
    expect(report)


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize(("version", "table"), [("2019", R), ("2019", "active_20_9"), ("2021", R),
                                                ("2021", "active_20_8"), ("2021", A)])
@produces("structure.missing_table")
def test_missing_table(version: str, table: str) -> None:
    report = clean(version)
    drop(report, table)
    expect(report, ("structure.missing_table", table, None, None))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("table", "row"), [(A, "carry_forward"), ("active_20_6", "coercion")])
@produces("structure.missing_row")
def test_missing_row(version: str, table: str, row: str) -> None:
    report = clean(version)
    drop(report, table, row)
    expect(report, ("structure.missing_row", table, row, last_col(version, table)))


@pytest.mark.parametrize("version", VERSIONS)
@produces("structure.missing_column")
def test_missing_column(version: str) -> None:
    report = clean(version)
    col = last_col(version, "active_20_1")
    drop(report, "active_20_1", "normative", col)
    expect(report, ("structure.missing_column", "active_20_1", "normative", col))


@produces("structure.local_columns")
def test_column_a_block_does_not_print_is_named_once() -> None:
    """莆田 2019: 第二十条第（五）项 printed without 本年增/减; reading names it once, not a missing cell a row."""
    report = clean("2019")
    rows = list(report.tables["active_20_5"].cells)
    for row in rows:
        drop(report, "active_20_5", row, "change")
    report.reading.append(Finding("structure.local_columns", Severity.WARNING, "表二 第二十条第（五）项没有“本年增/减”列",
                                  "active_20_5", tuple(CellRef("active_20_5", r, "change") for r in rows)))
    expect(report, ("structure.local_columns", "active_20_5", rows[0], "change"))


@pytest.mark.parametrize("version", VERSIONS)
@produces("structure.no_tables")
def test_no_tables(version: str) -> None:
    report = clean(version)
    report.tables.clear()
    expect(report, ("structure.no_tables", None, None, None))


# --------------------------------------------------------------------------- format version


@pytest.mark.parametrize(("version", "year"), [("2019", 2022), ("2019", 2021), ("2021", 2020)])
@produces("format.wrong_version")
def test_wrong_version(version: str, year: int) -> None:
    """A 2019-format report for 2021/2022 (seen in real reports), or the 2021 format for 2020: one error."""
    vals = make_values(version, 0)
    clean(version, values=vals)  # the same tables are clean in a report of their own year
    report = report_from_values(version, year, vals)
    found = expect(report, ("format.wrong_version", None, None, None))
    assert found[0].severity is Severity.ERROR


def _with_2019_applications(vals: dict) -> dict:
    """2021 values whose 表三 has the 2019 layout: （六）其他处理 as the single row `other` (the sum of the three)."""
    app = vals[A]
    subs = ("other.no_correction", "other.no_fee", "other.other")
    rows: dict[str, dict] = {}
    for r, cols in app.items():
        if r in subs[1:]:
            continue
        if r == subs[0]:
            rows["other"] = {c: sum(app[s][c] for s in subs) for c in cols}
        else:
            rows[r] = dict(cols)
    return {**vals, A: rows}


@produces("format.mixed_layout")
def test_mixed_layout() -> None:
    """A 2021 report whose 表三 still has the 2019 single （六）其他处理 row."""
    vals = _with_2019_applications(make_values("2021", 0))
    report = report_from_values("2021", 2023, vals)
    report.tables[A].format_version = "2019"
    assert list(report.tables[A].cells) == [r.key for r in formats.load("2019").tables[A].rows]
    found = expect(report, ("format.mixed_layout", A, None, None))
    assert found[0].severity is Severity.ERROR


def test_2019_applications_in_a_2020_report_are_fine() -> None:
    """The same 2019-layout 表三 in a 2019-format report of 2020 is right."""
    vals = _with_2019_applications(make_values("2021", 0))
    report = report_from_values("2019", 2020, {**make_values("2019", 0), A: vals[A]})
    expect(report)


# --------------------------------------------------------------------------- period


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("shift", [(-1, -1), (0, 1), (-1, 0)])
@produces("text.period_year")
def test_period_year(version: str, shift: tuple[int, int]) -> None:
    report = clean(version)
    report.period = (report.year + shift[0], report.year + shift[1])
    found = expect(report, ("text.period_year", None, None, None))
    assert found[0].severity is Severity.WARNING


# --------------------------------------------------------------------------- prose against tables


def _totals(version: str, seed: int = 0) -> dict[str, int]:
    vals = make_values(version, seed)
    a, rl = vals[A], vals[R]["count"]
    return {"new": a["new_received"]["total"], "carried": a["carried_over"]["total"], "done": a["total"]["total"],
            "forward": a["carry_forward"]["total"], "review": rl["review.total"],
            "suit": rl["suit_direct.total"] + rl["suit_after_review.total"]}


def _agreeing_prose(t: dict[str, int]) -> list[str]:
    return [
        "一、总体情况",
        f"本年度共收到政府信息公开申请{t['new']}件，上年结转政府信息公开申请{t['carried']}件。",
        f"全年共受理政府信息公开申请{t['new'] + t['carried']}件，办结{t['done']}件，结转下年度继续办理{t['forward']}件。",
        f"本年度发生政府信息公开行政复议{t['review']}件，行政诉讼{t['suit']}件。",
    ]


@pytest.mark.parametrize("version", VERSIONS)
def test_prose_that_agrees_has_no_finding(version: str) -> None:
    clean(version, prose=_agreeing_prose(_totals(version)))


@pytest.mark.parametrize("version", VERSIONS)
@produces("text.table_mismatch")
def test_prose_received_differs(version: str) -> None:
    t = _totals(version)
    wrong = t["new"] + 5
    assert wrong != t["new"] + t["carried"]  # not the other accepted reading (受理 = 新收 + 上年结转)
    report = clean(version)
    report.prose = [f"本年度共收到政府信息公开申请{wrong}件。"]
    found = expect(report, ("text.table_mismatch", A, "new_received", "total", t["new"]))
    assert found[0].actual == wrong and found[0].severity is Severity.WARNING


@pytest.mark.parametrize("version", VERSIONS)
@produces("text.table_mismatch")
def test_prose_every_mention_is_checked(version: str) -> None:
    """Two sentences give the figure: the first agrees, the second does not — the second is found."""
    t = _totals(version)
    report = clean(version, prose=[f"本年度共收到政府信息公开申请{t['new']}件。"])
    report.prose.append(f"其中，本年度收到政府信息公开申请{t['new'] - 1}件，均已按时答复。")
    found = expect(report, ("text.table_mismatch", A, "new_received", "total", t["new"]))
    assert found[0].actual == t["new"] - 1


@pytest.mark.parametrize("version", VERSIONS)
@produces("text.table_mismatch")
def test_prose_one_figure_given_wrong_twice_is_one_finding(version: str) -> None:
    """The text gives the year's requests wrong in two places (two different numbers): one finding names both."""
    t = _totals(version)
    report = clean(version)
    report.prose = [f"本年度共收到政府信息公开申请{t['new'] + 3}件。",
                    f"其中，本年度收到政府信息公开申请{t['new'] - 1}件，均已按时答复。",
                    f"全年收到政府信息公开申请{t['new'] + 3}件。"]
    found = expect(report, ("text.table_mismatch", A, "new_received", "total", t["new"]))
    assert f"{t['new'] + 3} 件" in found[0].message and f"{t['new'] - 1} 件" in found[0].message


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("sentence", "field", "where"), [
    ("上年结转政府信息公开申请{}件", "carried", (A, "carried_over", "total")),
    ("全部办结{}件", "done", (A, "total", "total")),
    ("结转下年度继续办理{}件", "forward", (A, "carry_forward", "total")),
    ("本年度发生政府信息公开行政复议{}件", "review", (R, "count", "review.total")),
    ("本年度发生政府信息公开行政诉讼{}件", "suit", (R, "count", "suit_direct.total")),
], ids=["carried", "done", "forward", "review", "suit"])
@produces("text.table_mismatch")
def test_prose_other_figures(version: str, sentence: str, field: str, where: tuple[str, str, str]) -> None:
    t = _totals(version)
    report = clean(version, prose=[sentence.format(t[field]) + "。"])
    report.prose.append(sentence.format(t[field] + 3) + "。")
    expect(report, ("text.table_mismatch", *where, t[field]))


@pytest.mark.parametrize("version", VERSIONS)
@produces("text.table_mismatch", "text.percent_mismatch")
def test_prose_outcome_counts_and_shares(version: str) -> None:
    """予以公开 / 不予公开 / 无法提供 … with their percentages, each against the table."""
    report = clean(version)
    cells = report.tables[A].cells
    done = cells["total"]["total"].value
    granted = cells["granted"]["total"].value
    denied = sum(row["total"].value for k, row in cells.items() if k.startswith("denied."))
    share = round(granted / done * 100, 2)
    report.prose = [f"其中予以公开{granted}件（{share}%），不予公开{denied}件。"]
    assert problems(report) == []
    report.prose = [f"其中予以公开{granted}件（{share + 1}%），不予公开{denied + 2}件。"]
    expect(report, ("text.percent_mismatch", A, "granted", "total", share),
           ("text.table_mismatch", A, "denied.state_secret", "total", denied))


# Known rule bug (see the reply of the test author): a figure *before* a keyword is taken across “、”, so
# “行政复议X件、行政诉讼Y件” is read as 行政诉讼 X, and “办结X件、结转下年度Y件” as 结转下年度 X.
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("template", [
    "全年发生政府信息公开行政复议案件{review}件、行政诉讼案件{suit}件。",
    "本年度办结{done}件、结转下年度继续办理{forward}件。",
], ids=["review_then_suit", "done_then_forward"])
def test_prose_listing_with_enumeration_comma_agrees(version: str, template: str) -> None:
    t = _totals(version)
    assert t["review"] != t["suit"] and t["done"] != t["forward"]
    clean(version, prose=[template.format(**t)])


# --------------------------------------------------------------------------- plausibility


@pytest.mark.parametrize(("version", "row", "greater", "lesser"), [
    ("2019", "regulation", "total_public", "published"),
    ("2019", "normative", "total_public", "published"),
    ("2021", "regulation", "in_force", "issued"),
    ("2021", "normative", "in_force", "issued"),
])
@produces("plausibility.below")
def test_plausibility_below(version: str, row: str, greater: str, lesser: str) -> None:
    report = clean(version)
    low = value(report, "active_20_1", row, lesser)
    if not low:
        put(report, "active_20_1", row, lesser, low := 5)
    put(report, "active_20_1", row, greater, low - 1)
    found = expect(report, ("plausibility.below", "active_20_1", row, greater))
    assert found[0].severity is Severity.WARNING
    put(report, "active_20_1", row, greater, low)  # equal is fine
    expect(report)


@pytest.mark.parametrize("version", VERSIONS)
@produces("plausibility.orphan_column", "applications.misfiled_applicant")
def test_plausibility_orphan_column(version: str) -> None:
    """An unused applicant column gets one 予以公开 (moved from 自然人): no application in that column, yet a
    figure.  With counts ≥ 0 an orphan column always breaks the balance too, here as a misfiled applicant."""
    report = clean(version)
    col = zero_column(report)
    for row in ("granted", "total"):
        bump(report, A, row, col, 1)
        bump(report, A, row, "natural_person", -1)
    found = expect(report,
                   ("plausibility.orphan_column", A, "granted", col),
                   ("applications.misfiled_applicant", A, "carry_forward", "natural_person"))
    assert severity(found, "plausibility.orphan_column") is Severity.WARNING
    orphan = next(f for f in found if f.code == "plausibility.orphan_column")
    assert {(c.row, c.col) for c in orphan.cells} == {("granted", col), ("total", col)}


# --------------------------------------------------------------------------- the six parts


@pytest.mark.parametrize("version", VERSIONS)
@produces("sections.missing", "sections.order", "sections.empty")
def test_sections_missing_order_empty(version: str) -> None:
    report = clean(version)
    five = report.parts.pop(4)
    expect(report, ("sections.missing", None, None, None))
    report.parts.insert(3, five)  # 五 before 四
    found = expect(report, ("sections.order", None, None, None))
    assert found[0].section == "四" and "第四部分" in found[0].message
    report.parts.sort(key=lambda p: p.line)
    report.parts[0].text = ["— 2 —"]  # only page furniture: nothing
    report.parts[4].text = ["无。"]
    found = expect(report, ("sections.empty", None, None, None), ("sections.empty", None, None, None))
    assert [f.section for f in found] == ["一", "五"]
    report.parts[0].text, report.parts[4].text = ["概述。"], ["存在问题。"]
    report.parts[5].text = ["无。"]  # 六 may say there is nothing else to report
    expect(report)
    report.scanned = True  # a scan's headings may be unread: no part is said missing
    del report.parts[0]
    expect(report)


@produces("sections.fee_silent")
def test_sections_fee_silent() -> None:
    report = report_from_values("2021", 2023, make_values("2021", 0),
                                prose=["本年度推进公开工作。全年依申请公开收取信息处理费3笔，共计150元。"])
    found = expect(report, ("sections.fee_silent", None, None, None))
    assert found[0].section == "六" and "正文写了“全年依申请公开收取信息处理费3笔,共计150元”" in found[0].message
    report.parts[5].text = ["本年度收取信息处理费150元。"]
    expect(report)
    report = clean("2021", prose=["本年度未收取信息处理费。"])
    expect(report)


# --------------------------------------------------------------------------- meta: every code is tested

LOCATOR_PREFIXES = ("reading.", "structure.extra_", "years.")  # years.* are tested in test_batch.py


def _rule_codes() -> list[str]:
    return sorted({c for r in all_rules() for c in r.codes if not c.startswith(LOCATOR_PREFIXES)})


@pytest.mark.parametrize("code", _rule_codes())
def test_every_rule_code_is_asserted_by_a_test(code: str) -> None:
    assert _DECLARED.get(code), f"no test in test_rules.py asserts a finding with code {code}"


def test_tests_assert_only_registered_codes() -> None:
    assert set(_DECLARED) <= set(_rule_codes()), set(_DECLARED) - set(_rule_codes())


# --------------------------------------------------------------------------- prose: the words a pattern needs


def _literal_runs(items) -> list[str]:  # noqa: ANN001 - a parsed pattern (re._parser.SubPattern)
    """The runs of literal characters a parsed pattern must match, in order (groups and repeats break a run)."""
    from re import _constants as c

    runs, cur = [], ""
    for op, av in items:
        if op is c.LITERAL:
            cur += chr(av)
            continue
        runs.append(cur)
        cur = ""
    return [*runs, cur]


def _mandatory_words(pattern: str) -> list[set[str]]:
    """For each element every match must hold: the texts one of which it holds (a literal run, or an
    alternation of literal runs)."""
    from re import _constants as c
    from re import _parser

    out = [{r} for r in _literal_runs(_parser.parse(pattern)) if r]
    for op, av in _parser.parse(pattern):
        if op is c.SUBPATTERN and len(av[3]) == 1:
            op, av = av[3][0]
        if op is c.BRANCH:
            out.append({_literal_runs(b)[0] for b in av[1]})
    return out


def test_each_mention_pattern_holds_one_of_the_words_it_needs() -> None:
    # text_vs_table searches a sentence with a mention's patterns only where the sentence has one of its words
    from gdchecker.rules.prose import MENTIONS

    for m in MENTIONS:
        for p in m.patterns:
            assert any(all(any(w in alt for w in m.needs) for alt in alts) for alts in _mandatory_words(p)), (m.what, p)
