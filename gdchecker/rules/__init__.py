"""The rules: small registered functions, each yielding findings about a Report and what else is known of it (its
Context: last year's report); no I/O.

Every rule has stable codes, a Chinese title and a docstring saying what it checks; `check` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gdchecker.model import Finding, Report
from gdchecker.rules.context import NONE, Context

RuleFn = Callable[[Report, "Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its name, Chinese title, the codes it gives and the function that checks."""

    name: str
    title: str  # Chinese, for the rule list in help
    codes: tuple[str, ...]
    fn: RuleFn

    @property
    def doc(self) -> str:
        return (self.fn.__doc__ or "").strip()


REGISTRY: list[Rule] = []


def rule(name: str, title: str, codes: tuple[str, ...]) -> Callable[[RuleFn], RuleFn]:
    def deco(fn: RuleFn) -> RuleFn:
        REGISTRY.append(Rule(name, title, codes, fn))
        return fn

    return deco


def check(report: Report, context: Context | None = None) -> list[Finding]:
    """Every finding about the report: what reading noticed, then each rule's (last year's comparison among them
    where the context knows last year)."""
    _load()
    out: list[Finding] = []
    for r in REGISTRY:
        out.extend(r.fn(report, context or NONE))
    from gdchecker.rules.confidence import settle

    return settle(report, out)  # sums that figures OCR read unsurely explain are reading warnings


_loaded = False


def _load() -> None:
    # importing the families registers their rules; what reading noticed comes first, last year's comparison last
    global _loaded
    if _loaded:
        return
    REGISTRY.append(Rule("reading", "读取时的说明", READING_CODES, _reading))
    from gdchecker.rules import arithmetic, prose, sections, structure, values, years  # noqa: F401

    _loaded = True


READING_CODES = ("reading.digits_repaired", "reading.digits_ambiguous", "reading.digits_joined", "reading.short_row",
                 "reading.row_unread", "reading.table_unread", "reading.cut_off", "reading.repeats_expanded", "reading.repeats_ambiguous",
                 "structure.extra_row", "structure.extra_column", "structure.local_columns", "reading.unit",
                 "reading.converted", "reading.ocr_unsure")


def _reading(report: Report, context: Context) -> Iterable[Finding]:
    """读取表格时发现并说明的情况（由读取环节给出，不是单独的检查）：源文件中连在一起的数字按合计关系拆分、
    无法唯一拆分、被分开的数字按合计关系合并、一行的数少于列数无法对应；以及本地增加的行或列（如“小计”），
    这些行列单独列出、不计入标准单元格；表二某一块没有印出的列（按该块表头读取其余各列，每块说明一次）；
    单元格里写了与该列不同的单位（如“16万”“251000元”，按原数读取并说明单位）；旧版 Word/WPS、OpenDocument
    或 RTF 文件已用 LibreOffice 转换为 .docx 后检查；扫描件文字识别（OCR）置信度低的数字，以及合计关系唯一指向的、
    识别置信度不高的数字（请核对原件；由此造成的合计不符不算报告的错误）。"""
    from gdchecker.rules.grouping import group

    return group(list(report.reading))


def all_rules() -> list[Rule]:
    _load()
    return list(REGISTRY)
