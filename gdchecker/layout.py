"""How each official table is drawn: header rows with merged cells, row labels as printed, value columns."""

from __future__ import annotations

from dataclasses import dataclass

from gdchecker import formats
from gdchecker.model import Report

TITLES = {
    "active_20_1": "第二十条第（一）项",
    "active_20_5": "第二十条第（五）项",
    "active_20_6": "第二十条第（六）项",
    "active_20_8": "第二十条第（八）项",
    "active_20_9": "第二十条第（九）项",
    "applications": "表三 收到和处理政府信息公开申请情况",
    "review_litigation": "表四 政府信息公开行政复议、行政诉讼情况",
}
SECTIONS = [
    ("一", "一、总体情况", ()),
    ("二", "二、主动公开政府信息情况", ("active_20_1", "active_20_5", "active_20_6", "active_20_8", "active_20_9")),
    ("三", "三、收到和处理政府信息公开申请情况", ("applications",)),
    ("四", "四、政府信息公开行政复议、行政诉讼情况", ("review_litigation",)),
    ("五", "五、存在的主要问题及改进情况", ()),
    ("六", "六、其他需要报告的事项", ()),
]


@dataclass(frozen=True)
class Span:
    row: int
    col: int
    rows: int
    cols: int


@dataclass
class Layout:
    """A grid: `header` rows of text on top, then one row per data row; column 0 holds row labels if `labelled`."""

    table: str
    header: list[list[str]]
    spans: list[Span]
    rows: list[tuple[str, str]]  # (row key, printed label)
    cols: list[str]  # value column keys
    labelled: bool = True

    @property
    def first_value_col(self) -> int:
        return 1 if self.labelled else 0


def tables_of(report: Report, section_tables: tuple[str, ...]) -> list[str]:
    """The tables a section shows: those of the report's format, and any other the report has."""
    version = report.format_version or formats.versions()[-1]
    expected = formats.load(version).tables
    return [k for k in section_tables if k in expected or k in report.tables]


def layout(report: Report, key: str) -> Layout | None:
    spec = formats.table_spec(report, key)
    if spec is None:
        return None
    rows = [(r.key, r.printed) for r in spec.rows]
    cols = [c.key for c in spec.cols]
    if key == "applications":
        header = [
            ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "", "", "", "", "", ""],
            ["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
        ]
        spans = [Span(0, 0, 3, 1), Span(0, 1, 1, 7), Span(1, 1, 2, 1), Span(1, 2, 1, 5), Span(1, 7, 2, 1)]
        return Layout(key, header, spans, rows, cols)
    if key == "review_litigation":
        five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        header = [
            ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
            [""] * 5 + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
            five * 3,
        ]
        spans = [Span(0, 0, 2, 5), Span(0, 5, 1, 10), Span(1, 5, 1, 5), Span(1, 10, 1, 5)]
        return Layout(key, header, spans, [("count", "")], cols, labelled=False)
    header = [["信息内容", *[c.label for c in spec.cols]]]
    return Layout(key, header, [], rows, cols)
