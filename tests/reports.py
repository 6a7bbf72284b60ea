"""Reports built directly from a values dict, for testing the rules without reading any file.

`report_from_values` turns the {table: {row: {col: value}}} dict of `tests.makers.make_values` into a
gdchecker `Report` exactly as the locator would leave it: one `Table` per table key with one `Cell` per value,
every table's `format_version` and the report's `format_version` set to the format version, the title year, the
statistics period of that year and the prose lines.  `put`/`drop` change one cell of a built report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gdchecker import formats
from gdchecker.cellvalue import parse_value
from gdchecker.model import Cell, Part, Report, Table

Value = int | float | None
Values = Mapping[str, Mapping[str, Mapping[str, Value]]]
Place = tuple[str, str, str]  # (table, row, col)

SECTION_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def text_of(value: Value) -> str:
    """How a value is printed in a cell: integers plainly, decimals as Python writes them, None empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def cell(value: Value, text: str | None = None, *, blank: bool = False, invalid: bool = False) -> Cell:
    """One cell.  A blank cell has no value; an invalid one keeps its text and has no value."""
    if blank:
        return Cell("" if text is None else text, None, blank=True)
    if invalid:
        return Cell("" if text is None else text, None, invalid=True)
    t = text_of(value) if text is None else text
    return Cell(t, value)


def _row_labels(version: str, table: str) -> dict[str, str]:
    spec = formats.load(version).tables.get(table)
    return {} if spec is None else {r.key: r.printed for r in spec.rows}


def report_from_values(
    version: str,
    year: int,
    values: Values,
    *,
    blanks: Iterable[Place] = (),
    agency: str = "某市交通运输局",
    prose: Iterable[str] = (),
) -> Report:
    """A Report whose tables hold `values` (cells listed in `blanks` are printed empty and have no value)."""
    blank = {tuple(b) for b in blanks}
    unknown = blank - {(t, r, c) for t, rows in values.items() for r, cols in rows.items() for c in cols}
    if unknown:
        raise KeyError(f"blanks name cells that are not in the values: {sorted(unknown)}")
    report = Report(
        file=f"{agency}{year}年政府信息公开工作年度报告",
        format_version=version,
        year=year,
        agency=agency,
        prose=list(prose),
        sections=[h.split("、")[0] for h in SECTION_HEADINGS],
        parts=[Part(h.split("、")[0], h, i, [f"{agency}{h.split('、')[1]}的说明。"]) for i, h in enumerate(SECTION_HEADINGS)],
        period=(year, year),
    )
    for key, rows in values.items():
        table = Table(key, page=None, format_version=version, row_labels=_row_labels(version, key))
        for row, cols in rows.items():
            table.cells[row] = {}
            for col, v in cols.items():
                c = cell(v, blank=(key, row, col) in blank or v is None)
                # the printed text means the value, as the locator would have read it
                assert parse_value(c.text).value == c.value, (key, row, col, c.text, c.value)
                table.cells[row][col] = c
        report.tables[key] = table
    return report


def put(report: Report, table: str, row: str, col: str, value: Value, text: str | None = None, *,
        blank: bool = False, invalid: bool = False) -> Cell:
    """Replace one cell of a built report; returns the new cell."""
    c = cell(value, text, blank=blank, invalid=invalid)
    report.tables[table].cells.setdefault(row, {})[col] = c
    return c


def drop(report: Report, table: str, row: str | None = None, col: str | None = None) -> None:
    """Remove a whole table, a row, or one cell of a row."""
    if row is None:
        del report.tables[table]
    elif col is None:
        del report.tables[table].cells[row]
    else:
        del report.tables[table].cells[row][col]


def value(report: Report, table: str, row: str, col: str) -> Value:
    return report.tables[table].value(row, col)
