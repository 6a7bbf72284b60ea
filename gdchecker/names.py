"""Places in the report's own words: 表三 · 自然人 · （七）总计 (the names are the format files')."""

from __future__ import annotations

from gdchecker import formats
from gdchecker.model import CellRef, Report


def table_name(key: str) -> str:
    spec = formats.any_table(key)
    return spec.name if spec is not None else key


def labelled(table: str) -> bool:
    """The table's rows carry printed labels (表四's one row does not: its cells are named by their columns)."""
    spec = formats.any_table(table)
    return spec is None or spec.labelled


def row_name(report: Report | None, table: str, row: str) -> str:
    spec = formats.table_spec(report, table) if report is not None else None
    r = (spec.row(row) if spec else None) or formats.row_spec(table, row)
    if r is None:
        return "（标准格式之外的行）"
    return r.printed


def col_name(report: Report | None, table: str, col: str) -> str:
    spec = formats.table_spec(report, table) if report is not None else None
    if spec is None:
        spec = formats.any_table(table, newest=False)
    name = spec.col_name(col) if spec else None
    return name if name is not None else "（标准格式之外的列）"


def place(report: Report | None, ref: CellRef) -> str:
    if not labelled(ref.table):
        return f"{table_name(ref.table)} · {col_name(report, ref.table, ref.col)}"
    return f"{table_name(ref.table)} · {row_name(report, ref.table, ref.row)} · {col_name(report, ref.table, ref.col)}"


def fmt(v: int | float | None) -> str:
    if v is None:
        return "空白"
    if isinstance(v, float):
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)


def sections_of(report: Report | None) -> tuple[formats.Section, ...]:
    """The six sections of the report's format (of its year's where its tables did not tell), else the newest."""
    if report is not None and report.format_version in formats.versions():
        return formats.load(report.format_version).sections
    f = formats.for_year(report.year) if report is not None and report.year else None
    return (f or formats.newest()).sections


def section_name(report: Report | None, number: str) -> str:
    """第五部分“存在的主要问题及改进情况”."""
    for s in sections_of(report):
        if s.number == number:
            return f"第{number}部分“{s.heading.split('、', 1)[-1]}”"
    return f"第{number}部分"
