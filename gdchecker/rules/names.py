"""Places in the report's own words: 表三 · 自然人 · （七）总计."""

from __future__ import annotations

from gdchecker import formats
from gdchecker.model import CellRef, Report

TABLE_NAMES = {
    "active_20_1": "表二 第二十条第（一）项",
    "active_20_5": "表二 第二十条第（五）项",
    "active_20_6": "表二 第二十条第（六）项",
    "active_20_8": "表二 第二十条第（八）项",
    "active_20_9": "表二 第二十条第（九）项",
    "applications": "表三",
    "review_litigation": "表四",
}


def table_name(key: str) -> str:
    return TABLE_NAMES.get(key, key)


def _spec(report: Report | None, table: str):  # noqa: ANN202
    versions = []
    if report is not None:
        t = report.tables.get(table)
        if t is not None and t.layout:
            versions.append(t.layout)
        if report.format_version:
            versions.append(report.format_version)
    versions += list(reversed(formats.versions()))
    for v in versions:
        spec = formats.load(v).tables.get(table)
        if spec is not None:
            return spec
    return None


def row_name(report: Report | None, table: str, row: str) -> str:
    spec = _spec(report, table)
    r = spec.row(row) if spec else None
    if r is None:
        for v in formats.versions():
            s = formats.load(v).tables.get(table)
            r = s.row(row) if s else None
            if r:
                break
    if r is None:
        return row
    return f"{r.heading}{r.label}" if r.heading else r.label


def col_name(report: Report | None, table: str, col: str) -> str:
    spec = _spec(report, table)
    c = spec.col(col) if spec else None
    if c is None:
        return col
    return f"{c.group}·{c.label}" if c.group and table == "review_litigation" else c.label


def place(report: Report | None, ref: CellRef) -> str:
    if ref.table == "review_litigation":
        return f"{table_name(ref.table)} · {col_name(report, ref.table, ref.col)}"
    return f"{table_name(ref.table)} · {row_name(report, ref.table, ref.row)} · {col_name(report, ref.table, ref.col)}"


def fmt(v: int | float | None) -> str:
    if v is None:
        return "空白"
    if isinstance(v, float):
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)
