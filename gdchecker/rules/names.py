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


def row_name(report: Report | None, table: str, row: str) -> str:
    spec = formats.table_spec(report, table) if report is not None else None
    r = (spec.row(row) if spec else None) or formats.row_spec(table, row)
    if r is None:
        return "（标准格式之外的行）"
    return r.printed


def col_name(report: Report | None, table: str, col: str) -> str:
    spec = formats.table_spec(report, table) if report is not None else None
    if spec is None:
        spec = next((formats.load(v).tables[table] for v in formats.versions() if table in formats.load(v).tables), None)
    c = spec.col(col) if spec else None
    if c is None:
        return "（标准格式之外的列）"
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
