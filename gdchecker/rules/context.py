"""What a rule may know besides the report: last year's report of the same body, or the few figures of it a user
typed in. Rules take it as their second argument (`check(report, context)`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from gdchecker import formats
from gdchecker.model import Report


@dataclass
class Previous:
    """Last year: a whole report, or typed figures. `carry_forward` holds, by column, last year's row that this
    year's carried-over row must repeat (a format's "carried" relation across years: 结转下年度继续办理);
    `in_force`, by row, last year's stock column (its "stock" relation: 现行有效件数)."""

    year: int | None
    name: str  # how to name it in messages: the file, or “手工录入的上年数据”
    report: Report | None = None
    carry_forward: dict[str, int | float | None] = field(default_factory=dict)
    in_force: dict[str, int | float | None] = field(default_factory=dict)

    @classmethod
    def of(cls, report: Report, name: str) -> Previous:
        """The figures of last year's report that this year's owes something to, as its own format says."""
        cf: dict[str, int | float | None] = {}
        stock: dict[str, int | float | None] = {}
        for rel in across_years(report):
            t = report.tables[rel.table]  # across_years names only relations of the report's own tables
            if rel.kind == "carried":
                cf.update({c: cell.value for c, cell in t.cells.get(rel.last_year_row, {}).items()})
            elif rel.kind == "stock":
                stock.update({r: row[rel.col].value for r, row in t.cells.items() if rel.col in row})
        return cls(report.year, name, report, cf, stock)


def across_years(report: Report) -> list[formats.AcrossYears]:
    """The across-years relations of the formats the report's tables are laid out in (each once)."""
    out: list[formats.AcrossYears] = []
    for key in report.tables:
        for rel in formats.format_of(report, key).across_years:
            if rel.table == key and rel not in out:
                out.append(rel)
    return out


@dataclass(frozen=True)
class Context:
    """What else is known of a report when it is checked (last year's report or figures)."""

    previous: Previous | None = None


NONE = Context()
