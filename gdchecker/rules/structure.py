"""Structure: every required table, row and column is there; the layout fits the report's year; the period agrees."""

from __future__ import annotations

from collections.abc import Iterator

from gdchecker import formats
from gdchecker.model import CellRef, Finding, Report, Severity
from gdchecker.names import col_name, table_name
from gdchecker.rules import rule
from gdchecker.rules.context import NONE, Context


def expected_format(report: Report) -> formats.FormatSpec | None:
    return formats.for_year(report.year) if report.year else None


@rule("missing", "缺少表格、行或列", ("structure.missing_table", "structure.missing_row", "structure.missing_column",
                                   "structure.no_tables"))
def missing(report: Report, context: Context = NONE) -> Iterator[Finding]:
    """标准格式要求的每张表、每一行、每一列都必须找到；找不到的逐一列出。"""
    version = report.format_version or (expected_format(report).version if expected_format(report) else None)
    if version is None:
        version = formats.versions()[-1]
    fmt = formats.load(version)
    if not report.tables:
        yield Finding("structure.no_tables", Severity.ERROR,
                      "没有找到任何统计表：这份文件可能不是政府信息公开工作年度报告，或表格无法识别")
        return
    unread_tables = {f.table for f in report.reading if f.code == "reading.table_unread"}
    unread_rows = {(c.table, c.row) for f in report.reading if f.code == "reading.row_unread" for c in f.cells}
    # a column a block does not print is named once by reading (structure.local_columns), not once a row here
    unprinted = {(c.table, c.col) for f in report.reading if f.code == "structure.local_columns" for c in f.cells}
    for spec in fmt.tables.values():
        table = report.tables.get(spec.key)
        if table is None and spec.key in unread_tables:
            continue  # printed but not readable: reading says so (a misreading is never the report's error)
        if table is None:
            yield Finding("structure.missing_table", Severity.ERROR,
                          f"没有找到{table_name(spec.key)}（{spec.caption or spec.title}）", spec.key)
            continue
        laid_out = formats.load(table.format_version) if table.format_version else fmt
        tspec = laid_out.tables.get(spec.key, spec)
        for r in tspec.rows:
            row = table.cells.get(r.key)
            label = r.printed
            if row is None and (spec.key, r.key) in unread_rows:
                continue
            if row is None:
                yield Finding("structure.missing_row", Severity.ERROR,
                              f"{table_name(spec.key)}缺少“{label}”行（或该行无法识别）", spec.key,
                              (CellRef(spec.key, r.key, tspec.cols[-1].key),))
                continue
            for c in tspec.cols:
                if c.key not in row and (spec.key, c.key) not in unprinted:
                    yield Finding("structure.missing_column", Severity.ERROR,
                                  f"{table_name(spec.key)}“{label}”行缺少“{col_name(report, spec.key, c.key)}”列", spec.key,
                                  (CellRef(spec.key, r.key, c.key),))


@rule("version", "格式版本与年份", ("format.wrong_version", "format.mixed_layout"))
def version(report: Report, context: Context = NONE) -> Iterator[Finding]:
    """报告年份要求的格式（2019、2020 年用 2019 年试行格式，2021 年起用 2021 年格式）与表格实际版式必须一致。"""
    want = expected_format(report)
    if want is None:
        return
    layouts = {t.key: t.format_version for t in report.tables.values() if t.format_version}
    wrong = sorted(k for k, v in layouts.items() if v != want.version)
    if report.format_version and report.format_version != want.version:
        got = formats.load(report.format_version)
        yield Finding("format.wrong_version", Severity.ERROR,
                      f"{report.year} 年的报告应使用{want.name}（{want.document}），但表格是{got.name}（{got.document}）的版式",
                      None)
    elif wrong:
        names = "、".join(table_name(k) for k in wrong)
        got = formats.load(layouts[wrong[0]])
        yield Finding("format.mixed_layout", Severity.ERROR,
                      f"{names}仍使用{got.name}（{got.document}）的版式，{report.year} 年的报告应使用{want.name}"
                      f"（例如表三“（六）其他处理”应分为三行）", wrong[0])


@rule("period", "统计期限", ("text.period_year",))
def period(report: Report, context: Context = NONE) -> Iterator[Finding]:
    """正文“数据统计期限为某年1月1日至12月31日”的年份应与标题年份一致。"""
    if report.period and report.year and (report.period[0] != report.year or report.period[1] != report.year):
        y1, y2 = report.period
        yield Finding("text.period_year", Severity.WARNING,
                      f"正文写的数据统计期限是 {y1} 年 1 月 1 日至 {y2} 年 12 月 31 日，与标题的 {report.year} 年不一致")
