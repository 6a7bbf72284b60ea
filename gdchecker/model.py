"""The vocabulary shared by every layer: reports, tables, cells and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


def identity(f: Finding) -> tuple:
    """What names a finding across re-checks (a correction, an acceptance, a repair's effect): its code and first
    cell, or its message where it has no cell."""
    first = f.cells[0] if f.cells else None
    return (f.code, f.table, first.row if first else f.message, first.col if first else None)


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes; within each, in the order found."""
    return sorted(findings, key=lambda f: f.severity.rank)


@dataclass(frozen=True)
class Box:
    """Where a piece of text sits on a PDF page (points, top-left origin); page is 1-based."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str
    col: str


@dataclass
class Cell:
    """One cell as read: the text as printed and the number it means."""

    text: str
    value: int | float | None
    blank: bool = False
    invalid: bool = False
    unit: str | None = None
    note: str | None = None
    box: Box | None = None
    repaired: bool = False
    cut: bool = False  # not printed: the page's edge cut it off (a table wider than the page)
    conf: float | None = None  # how sure the OCR reading of a scan is (0 to 1); None: from a text layer or typed


@dataclass
class Table:
    key: str
    page: int | None = None
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)
    row_labels: dict[str, str] = field(default_factory=dict)
    format_version: str | None = None  # the format version the table is laid out in, where its print tells

    def cell(self, row: str, col: str) -> Cell | None:
        return self.cells.get(row, {}).get(col)

    def value(self, row: str, col: str) -> int | float | None:
        c = self.cell(row, col)
        return None if c is None else c.value


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    table: str | None = None
    cells: tuple[CellRef, ...] = ()
    expected: int | float | None = None
    actual: int | float | None = None
    section: str | None = None  # the section (一 … 六) a finding about the report's parts is about

    def key(self) -> tuple[str, str | None, str | None, str | None]:
        """(code, table, row, col) of the first cell: what tests compare."""
        if self.cells:
            c = self.cells[0]
            return (self.code, c.table, c.row, c.col)
        return (self.code, self.table, None, None)


@dataclass
class Part:
    """One of the report's six sections as found: its number (一 … 六), its heading as printed, the index in
    `Report.text` of the heading's line, and the running text under it (table rows left out)."""

    number: str
    heading: str
    line: int
    text: list[str] = field(default_factory=list)


@dataclass
class Report:
    file: str
    format_version: str | None = None
    year: int | None = None
    agency: str | None = None
    tables: dict[str, Table] = field(default_factory=dict)
    prose: list[str] = field(default_factory=list)  # running text, without table rows
    text: list[str] = field(default_factory=list)  # every line as read, tables included (for showing the source)
    sections: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)  # the sections' headings found and their text, in order
    period: tuple[int, int] | None = None  # years of 统计期限 start and end
    reading: list[Finding] = field(default_factory=list)  # what the locator noticed while reading
    scanned: bool = False  # read from a scan by OCR: a table, row or figure not found may be the reading's failure
    turns: dict[int, int] = field(default_factory=dict)  # a scan's pages put in turned: quarter turns to upright
