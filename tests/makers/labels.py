"""Printed labels of the two national formats: the one source of truth for the makers.

Keys follow /work/shared/spec/formats.md §2.  Everything a maker prints (headings, captions,
header words, row labels) comes from here, and so do the places where a label is broken over
several lines (`WRAPS`), so a test can tell what a reader will meet.
"""

from __future__ import annotations

from typing import NamedTuple

VERSIONS = ("2019", "2021")

SECTION_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def title(agency: str, year: int) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告"


def period_sentence(year: int) -> str:
    return f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"


# --------------------------------------------------------------------------- section 二


class Block(NamedTuple):
    """One block of the table-二 grid: caption row, header row (信息内容 + columns), data rows."""

    key: str
    caption: str
    columns: tuple[tuple[str, str], ...]  # (label, key)
    rows: tuple[tuple[str, str], ...]  # (label, key)


ACTIVE_FIRST_HEADER = "信息内容"
ACTIVE_GRID_COLS = 4  # 信息内容 + three value columns; blocks with fewer columns leave cells empty/merged

_COLS_2019_ITEMS = (("上一年项目数量", "prev_items"), ("本年增/减", "change"), ("处理决定数量", "decisions"))
_DECISIONS_2021 = (("本年处理决定数量", "decisions"),)

ACTIVE_BLOCKS: dict[str, tuple[Block, ...]] = {
    "2019": (
        Block(
            "active_20_1",
            "第二十条第（一）项",
            (("本年新制作数量", "made"), ("本年新公开数量", "published"), ("对外公开总数量", "total_public")),
            (("规章", "regulation"), ("规范性文件", "normative")),
        ),
        Block(
            "active_20_5",
            "第二十条第（五）项",
            _COLS_2019_ITEMS,
            (("行政许可", "license"), ("其他对外管理服务事项", "other_service")),
        ),
        Block("active_20_6", "第二十条第（六）项", _COLS_2019_ITEMS, (("行政处罚", "penalty"), ("行政强制", "coercion"))),
        Block("active_20_8", "第二十条第（八）项", _COLS_2019_ITEMS[:2], (("行政事业性收费", "fee"),)),
        Block(
            "active_20_9",
            "第二十条第（九）项",
            (("采购项目数量", "items"), ("采购总金额", "amount")),
            (("政府集中采购", "procurement"),),
        ),
    ),
    "2021": (
        Block(
            "active_20_1",
            "第二十条第（一）项",
            (("本年制发件数", "issued"), ("本年废止件数", "repealed"), ("现行有效件数", "in_force")),
            (("规章", "regulation"), ("行政规范性文件", "normative")),
        ),
        Block("active_20_5", "第二十条第（五）项", _DECISIONS_2021, (("行政许可", "license"),)),
        Block("active_20_6", "第二十条第（六）项", _DECISIONS_2021, (("行政处罚", "penalty"), ("行政强制", "coercion"))),
        Block("active_20_8", "第二十条第（八）项", (("本年收费金额（单位：万元）", "amount"),), (("行政事业性收费", "fee"),)),
    ),
}

# Columns whose values are decimals, and the signed one.
AMOUNT_COLUMNS = frozenset({("active_20_9", "amount"), ("active_20_8", "amount")})
SIGNED_COLUMNS = frozenset({("active_20_5", "change"), ("active_20_6", "change"), ("active_20_8", "change")})

# --------------------------------------------------------------------------- section 三

APP_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APP_TOP = "申请人情况"
APP_NATURAL = "自然人"
APP_LEGAL = "法人或其他组织"
APP_TOTAL = "总计"
APP_COLUMNS: tuple[tuple[str, str], ...] = (
    ("自然人", "natural_person"),
    ("商业企业", "commercial"),
    ("科研机构", "research"),
    ("社会公益组织", "social_welfare"),
    ("法律服务机构", "legal_service"),
    ("其他", "other_org"),
    ("总计", "total"),
)
APP_COL_KEYS = tuple(k for _, k in APP_COLUMNS)
APPLICANT_COL_KEYS = APP_COL_KEYS[:6]

OUTCOME_GROUP = "三、本年度办理结果"
DENIED = "（三）不予公开"
UNABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER_2021 = "（六）其他处理"


class AppRow(NamedTuple):
    """A data row of table 三: its own label, its (三)-(六) group label, its 三、 outer label."""

    key: str
    label: str
    group: str | None = None
    outer: str | None = None


def _app_rows(version: str) -> tuple[AppRow, ...]:
    o = OUTCOME_GROUP
    rows = [
        AppRow("new_received", "一、本年新收政府信息公开申请数量"),
        AppRow("carried_over", "二、上年结转政府信息公开申请数量"),
        AppRow("granted", "（一）予以公开", None, o),
        AppRow("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, o),
    ]
    denied = ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
              "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")
    denied_keys = ("state_secret", "law_prohibited", "three_safeties", "third_party", "internal", "process",
                   "enforcement", "query")
    for i, (lab, k) in enumerate(zip(denied, denied_keys, strict=True), 1):
        rows.append(AppRow(f"denied.{k}", f"{i}.{lab}", DENIED, o))
    unable = (("本机关不掌握相关政府信息", "not_held"), ("没有现成信息需要另行制作", "needs_creation"),
              ("补正后申请内容仍不明确", "unclear"))
    for i, (lab, k) in enumerate(unable, 1):
        rows.append(AppRow(f"unable.{k}", f"{i}.{lab}", UNABLE, o))
    notp = (("信访举报投诉类申请", "petition"), ("重复申请", "duplicate"), ("要求提供公开出版物", "publication"),
            ("无正当理由大量反复申请", "excessive"), ("要求行政机关确认或重新出具已获取信息", "confirm"))
    for i, (lab, k) in enumerate(notp, 1):
        rows.append(AppRow(f"not_processed.{k}", f"{i}.{lab}", NOT_PROCESSED, o))
    if version == "2019":
        rows.append(AppRow("other", "（六）其他处理", None, o))
    else:
        rows += [
            AppRow("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                   OTHER_2021, o),
            AppRow("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                   OTHER_2021, o),
            AppRow("other.other", "3.其他", OTHER_2021, o),
        ]
    rows += [AppRow("total", "（七）总计", None, o), AppRow("carry_forward", "四、结转下年度继续办理")]
    return tuple(rows)


APP_ROWS: dict[str, tuple[AppRow, ...]] = {v: _app_rows(v) for v in VERSIONS}

# Rows whose sum is the `total` row (every outcome row but total itself).
def outcome_row_keys(version: str) -> tuple[str, ...]:
    return tuple(r.key for r in APP_ROWS[version] if r.outer and r.key != "total")


# --------------------------------------------------------------------------- section 四

REVIEW = "行政复议"
LITIGATION = "行政诉讼"
REVIEW_GROUPS: tuple[tuple[str, str], ...] = (
    ("行政复议", "review"),
    ("未经复议直接起诉", "suit_direct"),
    ("复议后起诉", "suit_after_review"),
)
REVIEW_RESULTS: tuple[tuple[str, str], ...] = (
    ("结果维持", "upheld"),
    ("结果纠正", "corrected"),
    ("其他结果", "other"),
    ("尚未审结", "pending"),
    ("总计", "total"),
)
REVIEW_COL_KEYS = tuple(f"{g}.{r}" for _, g in REVIEW_GROUPS for _, r in REVIEW_RESULTS)
REVIEW_ROW = "count"

# --------------------------------------------------------------------------- wrapping

# Where a label is broken when a maker wraps it (PDF wrap_labels=True, DOCX multi_paragraph_cells,
# HTML multi-<p> cells, text "tabs" continuation lines).  Header words break in narrow columns.
WRAPS: dict[str, tuple[str, ...]] = {
    # table 二 headers (narrow value columns)
    "本年新制作数量": ("本年新", "制作数量"),
    "本年新公开数量": ("本年新", "公开数量"),
    "对外公开总数量": ("对外公开", "总数量"),
    "上一年项目数量": ("上一年", "项目数量"),
    "处理决定数量": ("处理决定", "数量"),
    "本年制发件数": ("本年制发", "件数"),
    "本年废止件数": ("本年废止", "件数"),
    "现行有效件数": ("现行有效", "件数"),
    # table 三 header
    "商业企业": ("商业", "企业"),
    "科研机构": ("科研", "机构"),
    "社会公益组织": ("社会", "公益", "组织"),
    "法律服务机构": ("法律", "服务", "机构"),
    "自然人": ("自然", "人"),
    # table 三 row labels
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (
        "（二）部分公开（区分处理的，只计这一情形，",
        "不计其他情形）",
    ),
    "5.要求行政机关确认或重新出具已获取信息": ("5.要求行政机关确认或重新", "出具已获取信息"),
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": (
        "1.申请人无正当理由逾期不补正、",
        "行政机关不再处理其政府信息",
        "公开申请",
    ),
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": (
        "2.申请人逾期未按收费通知要求",
        "缴纳费用、行政机关不再处理其",
        "政府信息公开申请",
    ),
    # table 四 header
    "结果维持": ("结果", "维持"),
    "结果纠正": ("结果", "纠正"),
    "其他结果": ("其他", "结果"),
    "尚未审结": ("尚未", "审结"),
}

# Labels of table 三 rows that the text "tabs" style continues on the next line (like the seed).
TEXT_WRAPPED_ROWS = frozenset({
    "partial", "not_processed.confirm", "other.no_correction", "other.no_fee",
})


def wrapped(label: str) -> tuple[str, ...]:
    """The lines a wrapping maker prints for `label` (one line when it does not wrap)."""
    return WRAPS.get(label, (label,))


def fmt_value(table: str, col: str, value: int | float | None, *, plus: bool = False) -> str:
    """How a cell value is printed: integers plain, amounts with two decimals ("0" for zero),
    `change` signed ("-8"; "+4" only when `plus`).  None prints as an empty cell."""
    if value is None:
        return ""
    if (table, col) in AMOUNT_COLUMNS:
        return "0" if value == 0 else f"{float(value):.2f}"
    v = int(value)
    if plus and (table, col) in SIGNED_COLUMNS and v > 0:
        return f"+{v}"
    return str(v)
