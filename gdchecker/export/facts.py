"""What a workbook says about each finding: its place in the report's words, the figures, the repair that clears it."""

from __future__ import annotations

from dataclasses import dataclass

from gdchecker import repair
from gdchecker.edits import Acceptance
from gdchecker.model import Finding, by_severity
from gdchecker.names import place, section_name, table_name
from gdchecker.session import Session

Number = int | float


@dataclass
class Fact:
    finding: Finding
    place: str
    expected: Number | None
    actual: Number | None
    fix: str  # the repair that clears it, in words; "" where none does
    accepted: Acceptance | None


def facts(session: Session) -> list[Fact]:
    """Every finding of the report, errors first."""
    out = []
    for f in by_severity(session.findings):
        fix = session.fix_of(f)
        told = repair.describe(session.report, fix) + ("" if fix.unique else "（还有同样少的其他改法）") if fix else ""
        out.append(Fact(f, where(session, f), f.expected, f.actual if f.actual is not None else _actual(session, f),
                        told, session.corrections.is_accepted(f)))
    return out


def where(session: Session, f: Finding) -> str:
    if f.cells:
        return place(session.report, f.cells[0])
    if f.table:
        return table_name(f.table)
    return section_name(session.report, f.section) if f.section else "全文"


def _actual(session: Session, f: Finding) -> Number | None:
    if not f.cells:
        return None
    t = session.report.tables.get(f.cells[0].table)
    return t.value(f.cells[0].row, f.cells[0].col) if t else None
