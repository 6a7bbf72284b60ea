"""How each official table is drawn (in the app and in Excel), all from the format files: its heading, the header
rows with merged cells, the row labels as printed, the value columns; and the six sections that hold the tables."""

from __future__ import annotations

from dataclasses import dataclass

from gdchecker import formats
from gdchecker.formats import Span
from gdchecker.model import Report

__all__ = ["Grid", "Span", "grid", "heading", "headings", "section_tables", "sections"]


@dataclass
class Grid:
    """A drawn table: `header` rows of text on top, then one row per data row; column 0 holds the row labels
    where `labelled`."""

    table: str
    header: list[list[str]]
    spans: list[Span]
    rows: list[tuple[str, str]]  # (row key, printed label)
    cols: list[str]  # value column keys
    labelled: bool = True

    @property
    def first_value_col(self) -> int:
        return 1 if self.labelled else 0


def headings() -> dict[str, str]:
    """Every table any format knows, in the formats' order, with the heading drawn above it."""
    out: dict[str, str] = {}
    for s in sections():
        for key in formats.section_tables(s.number):
            spec = formats.any_table(key)
            if spec is not None:
                out[key] = spec.heading
    return out


def heading(key: str) -> str:
    spec = formats.any_table(key)
    return spec.heading if spec is not None else ""


def sections() -> tuple[formats.Section, ...]:
    """The report's six parts, as the newest format names them."""
    return formats.newest().sections


def section_tables(report: Report, number: str) -> list[str]:
    """The tables a section shows: those of the report's format, and any other the report has."""
    expected = (formats.load(report.format_version) if report.format_version else formats.newest()).tables
    return [k for k in formats.section_tables(number) if k in expected or k in report.tables]


def grid(report: Report, key: str) -> Grid | None:
    spec = formats.table_spec(report, key)
    if spec is None:
        return None
    rows = [(r.key, r.printed) for r in spec.rows] if spec.labelled else [(r.key, "") for r in spec.rows]
    return Grid(key, [list(r) for r in spec.header], list(spec.spans), rows, [c.key for c in spec.cols],
                spec.labelled)
