"""The severity every finding code carries, as data: the rule list (`gdchecker rules`, 帮助 → 校验规则) says from it
which codes are 错误 and which 警告 or 提示, and the tests hold every finding made to it."""

from __future__ import annotations

from gdchecker.model import Severity

ERR, WARN, NOTE = Severity.ERROR, Severity.WARNING, Severity.INFO

SEVERITY: dict[str, Severity] = {
    # sums (the relations of formats/*.json, and the misfiled-applicant diagnosis)
    "applications.balance": ERR, "applications.row_total": ERR, "applications.column_total": ERR,
    "review_litigation.group_total": ERR, "applications.misfiled_applicant": ERR,
    # values
    "values.unreadable": ERR, "values.not_whole": ERR, "values.negative": ERR, "values.blank": WARN,
    # structure and format
    "structure.missing_table": ERR, "structure.missing_row": ERR, "structure.missing_column": ERR,
    "structure.no_tables": ERR, "format.wrong_version": ERR, "format.mixed_layout": ERR,
    "structure.extra_row": WARN, "structure.extra_column": WARN, "structure.local_columns": WARN,
    # text and plausibility
    "text.period_year": WARN, "text.table_mismatch": WARN, "text.percent_mismatch": WARN,
    "plausibility.below": WARN, "plausibility.orphan_column": WARN,
    # reading notes
    "reading.digits_repaired": NOTE, "reading.digits_ambiguous": WARN, "reading.digits_joined": NOTE,
    "reading.short_row": WARN, "reading.row_unread": WARN, "reading.table_unread": WARN, "reading.cut_off": WARN,
    "reading.repeats_expanded": NOTE, "reading.repeats_ambiguous": WARN, "reading.unit": NOTE, "reading.converted": NOTE,
    "reading.ocr_unsure": WARN,
    # the six parts
    "sections.missing": WARN, "sections.order": WARN, "sections.empty": WARN, "sections.fee_silent": WARN,
    # across years
    "years.carried_over": WARN, "years.in_force": WARN, "years.copied": WARN, "years.text_copied": WARN,
}

# findings across reports, not of a rule about one report: a region's aggregate against its units (rollup.py)
REGION: dict[str, Severity] = {
    "region.sum_mismatch": WARN, "region.sum_incomplete": NOTE, "region.not_compared": NOTE,
}


REGION_TITLE = "汇总报告与各单位报告（gdchecker rollup，文件夹页的“选择汇总报告…”）"
REGION_DOC = ("全市（全区）汇总报告表二、表三、表四的每个数，应等于同一年度、同一格式的各单位报告之和；不一致的逐格列出"
              "各单位合计和报告该数的单位。其他年度、其他格式或无法读取的单位列出但不计入；某单位该格空白或无法读取时，"
              "合计不完整，只作提示。")


def _of(code: str) -> Severity:
    return SEVERITY[code] if code in SEVERITY else REGION[code]


def by_severity(codes: tuple[str, ...]) -> list[tuple[Severity, list[str]]]:
    """The codes grouped by their severity, errors first; only the severities that occur."""
    return [(s, [c for c in codes if _of(c) == s]) for s in (ERR, WARN, NOTE) if any(_of(c) == s for c in codes)]


def summary(codes: tuple[str, ...]) -> str:
    """错误：a、b；警告：c — for the rule list."""
    return "；".join(f"{s.zh}：{'、'.join(cs)}" for s, cs in by_severity(codes))
