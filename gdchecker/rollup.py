"""A region's aggregate report (全市/全区) against its units' reports: each figure of 表二, 表三 and 表四 should be
the sum of the units' figures of the same year and format.

Every column of these tables adds up across bodies: counts, the stock columns (现行有效件数, 上一年项目数量), the
signed 本年增/减 and the amounts (收费金额, 采购总金额; compared within the rounding of the printed figures, and only
where every figure is in the same unit). A difference is a warning, never an error: the aggregate may rightly
include bodies whose reports are not among the files (乡镇, 垂直管理单位), so the folder proves nothing for sure.
A unit's cell that is blank or unreadable makes that cell's sum incomplete: then a count is flagged only where the
units read already exceed the aggregate (counts are never negative), else a note says it was not compared."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from gdchecker import formats
from gdchecker.check import Result
from gdchecker.fingerprint import digest
from gdchecker.model import Cell, CellRef, Finding, Report, Severity
from gdchecker.names import col_name, fmt, labelled, row_name, table_name
from gdchecker.read import ReadError
from gdchecker.rules.years import agency_key

SUM_MISMATCH = "region.sum_mismatch"
SUM_INCOMPLETE = "region.sum_incomplete"
NOT_COMPARED = "region.not_compared"
SECTIONS = ("二", "三", "四")  # the statistical tables: 主动公开, 申请, 复议诉讼
SHOWN_UNITS = 3  # the units named in a message, largest figures first
SHOWN_CELLS = 3


@dataclass(frozen=True)
class Part:
    """One unit's figure for a cell."""

    path: str
    agency: str | None
    value: int | float

    @property
    def name(self) -> str:
        return self.agency or os.path.basename(self.path)


@dataclass(frozen=True)
class LeftOut:
    """A unit not summed, with why (Chinese); `tables` the tables it is left out of, () for the whole report."""

    path: str
    agency: str | None
    reason: str
    tables: tuple[str, ...] = ()


@dataclass
class Rollup:
    aggregate: Result
    summed: list[Result] = field(default_factory=list)  # the units summed (for some table at least)
    left_out: list[LeftOut] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # mismatches (warnings) and notes, in the tables' order
    parts: dict[CellRef, tuple[Part, ...]] = field(default_factory=dict)  # a mismatch's non-zero figures, largest first
    error: ReadError | None = None  # the aggregate cannot be used: unreadable, no year, no tables

    @property
    def mismatches(self) -> list[Finding]:
        return [f for f in self.findings if f.code == SUM_MISMATCH]


def format_name(version: str | None) -> str:
    if version is None:
        return "未能判断的格式"
    return f"{version} 年{'试行' if '试行' in formats.load(version).name else ''}格式"


def compared_tables(report: Report) -> list[str]:
    """The statistical tables of the report's format (sections 二, 三, 四), in the format's order."""
    spec = formats.load(report.format_version or formats.versions()[-1])
    return [k for s in spec.sections if s.number in SECTIONS for k in s.tables if k in spec.tables]


def tables_named(keys: list[str] | tuple[str, ...], every: list[str]) -> str:
    """表三、表四; all five 表二 blocks as 表二."""
    active = [k for k in every if k.startswith("active_")]
    if active and all(k in keys for k in active):
        keys = ["active", *(k for k in keys if k not in active)]
    return "、".join("表二" if k == "active" else table_name(k) for k in keys)


def _figures(report: Report, tables: list[str]) -> tuple:
    """Every figure of the compared tables: two reports with the same are the same report."""
    return tuple(sorted((k, r, c, cell.value) for k in tables if k in report.tables
                        for r, row in report.tables[k].cells.items() for c, cell in row.items()))


@dataclass
class _Seen:
    """The files and figures met so far: the aggregate's, and each unit's already summed."""

    digest: str | None
    figures: tuple
    files: dict[str, str] = field(default_factory=dict)  # digest -> path
    tables: dict[tuple, str] = field(default_factory=dict)  # figures -> path


def _whole(u: Result, agg: Result, tables: list[str], seen: _Seen) -> str | None:
    """Why a unit is not summed at all, or None."""
    if u.error is not None or u.report is None:
        return f"无法读取：{u.error.message if u.error else '没有读出内容'}"
    rep, arep = u.report, agg.report
    assert arep is not None
    try:
        if os.path.samefile(u.path, agg.path):
            return "即汇总报告本身，未计入"
    except OSError:
        pass
    content = digest(u.path)
    if content is not None and content == seen.digest:
        return "与汇总报告是同一文件（内容完全相同），未计入"
    if rep.year != arep.year:
        return (f"年度为 {rep.year} 年，汇总报告为 {arep.year} 年，未计入" if rep.year is not None
                else "没有读出报告年度，未计入")
    if rep.format_version != arep.format_version:
        return f"按{format_name(rep.format_version)}填写，汇总报告按{format_name(arep.format_version)}，未计入"
    if not any(k in rep.tables for k in tables):
        return "报告中没有找到统计表，未计入"
    if agency_key(rep.agency) and agency_key(rep.agency) == agency_key(arep.agency):
        return f"与汇总报告同为“{rep.agency}”的报告（可能是汇总报告的另一个版本），未计入"
    figures = _figures(rep, tables)
    telling = any(v for *_, v in figures)  # all zeros: two small bodies may well have the same
    if telling and figures == seen.figures:
        return "统计表的数字与汇总报告完全相同（可能是汇总报告的另一个文件），未计入"
    if content is not None and content in seen.files:
        return f"与 {os.path.basename(seen.files[content])} 是同一文件（内容完全相同），只计一次"
    if telling and figures in seen.tables:
        return f"统计表的数字与 {os.path.basename(seen.tables[figures])} 完全相同（可能是同一份报告的两个文件），只计一次"
    if content is not None:
        seen.files[content] = u.path
    if telling:
        seen.tables[figures] = u.path
    return None


DOUBTFUL = ("reading.ocr_unsure",)  # a scan's figure read unsurely: not a figure to sum or to compare with


def doubtful(r: Result) -> set[CellRef]:
    """The cells of a report whose figures its reading doubts."""
    return {c for f in r.findings or () if f.code in DOUBTFUL for c in f.cells}


def _version_of(report: Report, key: str) -> str:
    return formats.format_of(report, key).version


def rollup(aggregate: Result, units: list[Result]) -> Rollup:
    """The aggregate's figures against the sums of the units' (of its year and format)."""
    out = Rollup(aggregate)
    agg = aggregate.report
    if aggregate.error is not None or agg is None:
        out.error = aggregate.error or ReadError("unreadable", "汇总报告没有读出内容")
        return out
    tables = compared_tables(agg)
    if agg.year is None:
        out.error = ReadError("no_year", "汇总报告中没有读出年度，无法判断哪些单位的报告应计入合计")
        return out
    if agg.format_version is None or not any(k in agg.tables for k in tables):
        out.error = ReadError("no_tables", "汇总报告中没有找到统计表，无法与各单位的报告核对")
        return out
    seen = _Seen(digest(aggregate.path), _figures(agg, tables))
    counted: dict[str, list[Result]] = {k: [] for k in tables}
    lacking: dict[str, list[Result]] = {k: [] for k in tables}  # not summed for the table: its cells' sums incomplete
    for u in units:
        why = _whole(u, aggregate, tables, seen)
        if why is not None:
            out.left_out.append(LeftOut(u.path, u.report.agency if u.report else None, why))
            continue
        assert u.report is not None
        missing = [k for k in tables if k not in u.report.tables]
        other = [k for k in tables if k in u.report.tables and k in agg.tables
                 and _version_of(u.report, k) != _version_of(agg, k)]
        if missing:
            out.left_out.append(LeftOut(u.path, u.report.agency, f"报告中没有{tables_named(missing, tables)}（或未能读出），"
                                        "该表未计入合计", tuple(missing)))
        for k in other:
            out.left_out.append(LeftOut(u.path, u.report.agency, f"{table_name(k)}按{format_name(_version_of(u.report, k))}"
                                        f"填写，与汇总报告不同，该表未计入合计", (k,)))
        for k in tables:
            (lacking if k in missing or k in other else counted)[k].append(u)
        out.summed.append(u)
    for k in tables:
        out.findings += _table(out, agg, k, counted[k], lacking[k])
    return out


def _unit(cell: Cell | None) -> str | None:
    """The unit a figure is written in, where it scales the figure (万元, 元); counts' 件 and 个 do not."""
    u = cell.unit if cell is not None else None
    return u if u and (u[0] in "万亿千百" or u.endswith("元")) else None


def _half_step(v: int | float) -> float:
    """Half the last printed digit of an amount: the rounding it may carry (0 for an exact zero)."""
    if not v:
        return 0.0
    s = fmt(v)
    return 0.5 * 10 ** -(len(s.split(".")[1]) if "." in s else 0)


def _place(agg: Report, ref: CellRef) -> str:
    if not labelled(ref.table):
        return f"{table_name(ref.table)}“{col_name(agg, ref.table, ref.col)}”列"
    return f"{table_name(ref.table)}“{row_name(agg, ref.table, ref.row)}”行“{col_name(agg, ref.table, ref.col)}”列"


def _who(parts: list[Part]) -> str:
    nonzero = sorted((p for p in parts if p.value), key=lambda p: -abs(p.value))
    if not nonzero:
        return "；各单位均为 0"
    shown = "、".join(f"{p.name} {fmt(p.value)}" for p in nonzero[:SHOWN_UNITS])
    more = f" 等 {len(nonzero)} 个单位" if len(nonzero) > SHOWN_UNITS else ""
    return f"；不为 0 的有：{shown}{more}"


def _table(out: Rollup, agg: Report, key: str, units: list[Result], lacking: list[Result]) -> list[Finding]:
    """The findings of one table: `units` those summed, `lacking` those whose table is missing (sums incomplete)."""
    t = agg.tables.get(key)
    name = table_name(key)
    if t is None:
        return [Finding(NOT_COMPARED, Severity.INFO, f"汇总报告中没有{name}（或未能读出），该表未与各单位的报告核对", key)]
    if not units:
        return [Finding(NOT_COMPARED, Severity.INFO, f"没有可计入{name}合计的单位报告，该表未核对", key)]
    spec = formats.format_of(agg, key).tables[key]
    unsure = doubtful(out.aggregate)
    unsure_in = {u.path: doubtful(u) for u in units}
    found: list[Finding] = []
    absent: list[CellRef] = []
    mixed: list[CellRef] = []
    incomplete: dict[CellRef, list[Result]] = {}
    for row in spec.rows:
        for col in spec.cols:
            ref = CellRef(key, row.key, col.key)
            acell = t.cell(row.key, col.key)
            if (acell is None or acell.invalid or acell.cut or (acell.value is None and not acell.blank)
                    or ref in unsure):
                absent.append(ref)
                continue
            parts: list[Part] = []
            unknown: list[Result] = list(lacking)
            scales = {_unit(acell)}
            for u in units:
                assert u.report is not None
                c = u.report.tables[key].cell(row.key, col.key)
                if c is None or c.value is None or ref in unsure_in[u.path]:
                    unknown.append(u)
                else:
                    parts.append(Part(u.path, u.report.agency, c.value))
                    scales.add(_unit(c))
            if len(scales) > 1:
                mixed.append(ref)
                continue
            total = sum(p.value for p in parts)
            actual = acell.value if acell.value is not None else 0
            tol = (sum(_half_step(v) for v in [actual, *(p.value for p in parts)]) if col.kind == "amount"
                   else 1e-9)
            if isinstance(total, float):
                total = round(total, 6)
            shown = "空白" if acell.value is None else fmt(acell.value)
            if not unknown and abs(total - actual) > tol:
                msg = (f"{_place(agg, ref)}：各单位报告合计为 {fmt(total)}（共 {len(parts)} 个单位），"
                       f"汇总报告中为 {shown}{_who(parts)}")
            elif unknown and col.kind != "signed" and total - actual > tol:
                msg = (f"{_place(agg, ref)}：已读出的 {len(parts)} 个单位合计已达 {fmt(total)}，超过汇总报告中的 {shown}"
                       f"（另有 {len(unknown)} 个单位该格空白、未读出或识别不确定）{_who(parts)}")
            else:
                if unknown:
                    incomplete[ref] = unknown
                continue
            found.append(Finding(SUM_MISMATCH, Severity.WARNING, msg, key, (ref,), expected=total,
                                 actual=acell.value))
            out.parts[ref] = tuple(sorted((p for p in parts if p.value), key=lambda p: -abs(p.value)))
    if absent:
        found.append(Finding(NOT_COMPARED, Severity.INFO, f"{name}中 {len(absent)} 个单元格在汇总报告中缺少、未能读出或识别不确定"
                             f"（{_places(agg, absent)}），未与各单位的合计核对", key, tuple(absent)))
    if mixed:
        found.append(Finding(NOT_COMPARED, Severity.INFO, f"{name}中 {len(mixed)} 个单元格各报告所写的金额单位不一致"
                             f"（{_places(agg, mixed)}），未作合计核对", key, tuple(mixed)))
    if incomplete:
        who = list(dict.fromkeys(u.report.agency or os.path.basename(u.path) for us in incomplete.values()
                                 for u in us if u.report is not None))
        names = "、".join(who[:SHOWN_UNITS]) + (f" 等 {len(who)} 个单位" if len(who) > SHOWN_UNITS else "")
        found.append(Finding(SUM_INCOMPLETE, Severity.INFO,
                             f"{name}中 {len(incomplete)} 个单元格有单位的报告空白、未读出或识别不确定（{_places(agg, list(incomplete))}；"
                             f"{names}），合计不全，未发现超出汇总报告的数字", key, tuple(incomplete)))
    return found


def _places(agg: Report, refs: list[CellRef]) -> str:
    shown = "、".join(_place(agg, r).removeprefix(table_name(r.table)) for r in refs[:SHOWN_CELLS])
    return shown + ("等" if len(refs) > SHOWN_CELLS else "")
