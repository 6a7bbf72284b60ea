"""Crawler text that writes every cell on a line of its own and merges equal neighbouring lines into one.

The fixtures are made here: a report from the makers, one cell a line, then (for the crawler) each line equal to the
one before it dropped. Rows are expanded back only where the sums leave one reading; the rest stay empty with a
reading warning, and no error is reported that the reading itself caused.
"""

from __future__ import annotations

from itertools import combinations

import pytest

from gdchecker.check import check_file
from gdchecker.locate import repeats
from gdchecker.locate.rows import stack_cells
from gdchecker.model import Severity
from gdchecker.read.document import Line, Piece
from tests.makers import iter_cells, make_values, write_text

YEAR = {"2019": 2020, "2021": 2022}
GROUPS = (0, 5, 10)


def _cells_a_line(tmp_path, version, values, blanks=()):
    path = tmp_path / "page.txt"
    write_text(str(path), version, YEAR[version], "某局", values, style="tabs", blanks=blanks)
    cells = [f.strip() for line in path.read_text(encoding="utf-8").splitlines() for f in line.split("\t")]
    return path, [c for c in cells if c]


def _crawler(tmp_path, version, values):
    """The report as the crawler leaves it: one cell a line, a line equal to the one before it dropped."""
    path, cells = _cells_a_line(tmp_path, version, values)
    path.write_text("\n".join(c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]), encoding="utf-8")
    return path


def _runs(vals: list) -> list:
    return [v for i, v in enumerate(vals) if i == 0 or v != vals[i - 1]]


def _readings(vals: list, ok) -> set[tuple]:
    """The test's own count of the expansions of a collapsed row that keep its row total."""
    printed = _runs(vals)
    n, out = len(vals), set()
    for cuts in combinations(range(1, n), len(printed) - 1):
        b = (0, *cuts, n)
        seq = tuple(v for i, v in enumerate(printed) for _ in range(b[i + 1] - b[i]))
        if ok(seq):
            out.add(seq)
    return out


def _sure(values) -> set[tuple[str, str, str]]:
    """Cells the row sums alone decide: rows printed in full, and 表三 / 表四 rows with a single expansion."""
    sure = set()
    for table, rows in values.items():
        for row, cols in rows.items():
            vals = list(cols.values())
            if table == "applications":
                full = len(_runs(vals)) == len(vals) or len(_readings(vals, lambda s: sum(s[:6]) == s[6])) == 1
            elif table == "review_litigation":
                full = len(_readings(vals, lambda s: all(sum(s[g:g + 4]) == s[g + 4] for g in GROUPS))) == 1
            else:
                full = len(_runs(vals)) == len(vals)
            if full:
                sure |= {(table, row, c) for c in cols}
    return sure


def _read(path):
    res = check_file(str(path))
    assert res.error is None, res.error
    return res.report, res.findings


def _where(findings, severity=None, prefix="reading.") -> set[tuple[str, str, str, str]]:
    return {(f.code, c.table, c.row, c.col) for f in findings if f.code.startswith(prefix)
            and (severity is None or f.severity == severity) for c in f.cells}


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("seed", [0, 1, 4, 7])
def test_merged_repeats_are_expanded_where_the_sums_leave_one_reading(tmp_path, version, seed):
    values = make_values(version, seed)
    report, findings = _read(_crawler(tmp_path, version, values))
    assert [(f.code, f.message) for f in findings if f.severity == Severity.ERROR] == []
    warned = {(t, r, c) for _, t, r, c in _where(findings, Severity.WARNING)}
    sure = _sure(values)
    for t, r, c, want in iter_cells(values):
        got = report.tables[t].value(r, c)
        if (t, r, c) in sure:
            assert got == pytest.approx(want), (t, r, c)
        elif got is None:
            assert (t, r, c) in warned, (t, r, c)  # left empty, and said so
        else:
            assert got == pytest.approx(want), (t, r, c)  # decided by the column sums: never a wrong column
    expanded = {(t, r) for code, t, r, _ in _where(findings) if code == "reading.repeats_expanded"}
    merged = {(t, r) for t, rows in values.items() for r, cols in rows.items()
              if len(_runs(list(cols.values()))) < len(cols)}
    assert expanded and expanded <= merged
    # 表二 has no sums: its merged rows stay empty, never spread over the columns
    for t, r in merged:
        if t.startswith("active_"):
            assert all(report.tables[t].value(r, c) is None for c in values[t][r]), (t, r)
            assert ("reading.repeats_ambiguous", t, r, next(iter(values[t][r]))) in _where(findings)


def test_all_zero_rows_and_a_lone_review_figure(tmp_path):
    """The 莆田 page: 表三 rows "46 / 0 / 46" and "0", 表四 a single "0", all read by the row totals."""
    values = make_values("2019", 3, zero=True)
    for row, n in (("new_received", 46), ("carried_over", 4), ("granted", 45), ("other", 5)):
        values["applications"][row]["natural_person"] = values["applications"][row]["total"] = n
    values["applications"]["total"]["natural_person"] = values["applications"]["total"]["total"] = 50
    report, findings = _read(_crawler(tmp_path, "2019", values))
    assert [f for f in findings if f.severity == Severity.ERROR] == []
    for t in ("applications", "review_litigation"):
        for _, r, c, want in (x for x in iter_cells(values) if x[0] == t):
            assert report.tables[t].value(r, c) == want, (r, c)
    assert ("reading.repeats_expanded", "review_litigation", "count", "suit_after_review.total") in _where(findings)
    assert ("reading.repeats_expanded", "applications", "new_received", "research") in _where(findings)


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("seed", [0, 5])
def test_dropped_blank_cells_are_not_taken_for_merged_repeats(tmp_path, version, seed):
    """A normal one-cell-a-line text whose empty cells simply vanished: short rows stay empty, nothing is spread."""
    values = make_values(version, seed)
    blanks = [(t, r, c) for t, rows in values.items() for r, cols in rows.items() if any(cols.values())
              for c, v in cols.items() if v == 0]
    path, cells = _cells_a_line(tmp_path, version, values, blanks)
    path.write_text("\n".join(cells), encoding="utf-8")
    report, findings = _read(path)
    assert [f for f in findings if f.severity == Severity.ERROR] == []
    assert not any(code.startswith("reading.repeats") for code, *_ in _where(findings))
    short = {(t, r, c) for code, t, r, c in _where(findings, Severity.WARNING) if code == "reading.short_row"}
    for t, r, c, want in iter_cells(values):
        got = report.tables[t].value(r, c)
        if (t, r, c) in blanks:
            assert got is None, (t, r, c)
        elif got is None:
            assert (t, r, c) in short, (t, r, c)
        else:
            assert got == pytest.approx(want), (t, r, c)


def test_row_sums_refuse_spreading_rows_whose_blanks_were_dropped(tmp_path, monkeypatch):
    """Even where the document test is fooled, a row whose blanks (not repeats) vanished has no expansion."""
    values = make_values("2021", 2)
    blanks = [("applications", r, c) for r, cols in values["applications"].items() if any(cols.values())
              for c, v in cols.items() if v == 0]
    path, cells = _cells_a_line(tmp_path, "2021", values, blanks)
    path.write_text("\n".join(cells), encoding="utf-8")

    def fooled(rows, texts=()):
        for r in rows:
            r.collapsed = True
        return True

    monkeypatch.setattr(repeats, "mark", fooled)
    report, findings = _read(path)
    assert not any(code == "reading.repeats_expanded" for code, *_ in _where(findings))
    for t, r, c, want in iter_cells(values):
        got = report.tables[t].value(r, c)
        assert got is None or ((t, r, c) not in blanks and got == pytest.approx(want)), (t, r, c)


def test_two_equal_neighbours_anywhere_refute_the_crawler(tmp_path):
    values = make_values("2019", 1)
    path = _crawler(tmp_path, "2019", values)
    lines = path.read_text(encoding="utf-8").splitlines()
    i = lines.index("行政许可")
    path.write_text("\n".join(lines[:i] + ["0", "0"] + lines[i:]), encoding="utf-8")  # a note row "0 0" above it
    _, findings = _read(path)
    assert not any(code.startswith("reading.repeats") for code, *_ in _where(findings))


def test_expansions_of_printed_runs():
    def total(s):
        return sum(s[:6]) == s[6]

    assert repeats.expansions(["46", "0", "46"], 7, total) == [(46, 0, 0, 0, 0, 0, 46)]
    assert repeats.expansions(["0"], 7, total) == [(0,) * 7]
    assert repeats.expansions(["5", "3", "8"], 7, total) == []  # 5 | 3 | … | 8 with blanks dropped
    assert repeats.expansions(["0", "0", "4"], 7, total) == []  # printed twice side by side: nothing merged
    assert repeats.expansions(["/", "4"], 7, total) == []
    assert len(repeats.expansions(["3", "0", "1", "0", "4"], 7, total)) == 3


def test_a_long_label_over_a_single_figure_is_a_row_but_a_sentence_is_not():
    def lines(*texts):
        return [Line([Piece(t)]) for t in texts]

    rows = stack_cells(lines("2.其他法律行政法规禁止公开", "0", "3.危及“三安全一稳定”", "0"))
    assert [[p.text for p in ln.pieces] for _, ln in rows] == [["2.其他法律行政法规禁止公开", "0"],
                                                                 ["3.危及“三安全一稳定”", "0"]]
    assert all(ln.stacked for _, ln in rows)
    for sentence in (("今年来，莆田市政府门户网站共发布信息约", "3.9", "万件"), ("本年度共发生行政复议", "20", "件")):
        prose = stack_cells(lines(*sentence, "上传图片"))
        assert len(prose) == 4 and not any(ln.stacked for _, ln in prose)
