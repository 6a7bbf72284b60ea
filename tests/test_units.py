"""Small pieces: cell values, run-together digits, titles, periods, format detection."""

from __future__ import annotations

import pytest

from gdchecker import formats
from gdchecker.cellvalue import parse_value
from gdchecker.locate import digits, meta


@pytest.mark.parametrize(("text", "value", "blank", "unit", "note"), [
    ("0", 0, False, None, None), ("", None, True, None, None), ("/", None, True, None, None),
    ("-", None, True, None, None), ("—", None, True, None, None), ("无", None, True, None, None),
    ("１２３", 123, False, None, None), ("+4", 4, False, None, None), ("-8", -8, False, None, None),
    ("1,234", 1234, False, None, None), ("251000元", 251000, False, "元", None),
    ("7730.28", 7730.28, False, None, None), ("22（其中修订16件）", 22, False, None, "其中修订16件"),
    ("22\n（其中修订 16 件）", 22, False, None, "其中修订 16 件"), (" 15 ", 15, False, None, None),
])
def test_parse_value(text, value, blank, unit, note):
    p = parse_value(text)
    assert (p.value, p.blank, p.unit, p.note) == (value, blank, unit, note)


@pytest.mark.parametrize("text", ["abc", "1. 属于国家秘密", "12a", "第3项"])
def test_parse_value_rejects_text(text):
    p = parse_value(text)
    assert p.value is None and p.invalid


def test_digits_split_only_where_sums_decide():
    row_total = lambda s: sum(s[:6]) == s[6]  # noqa: E731
    assert digits.candidates(["230", "000023"], 7, row_total) == [(23, 0, 0, 0, 0, 0, 23)]
    assert digits.candidates(["000"], 3) == [(0, 0, 0)]
    assert len(digits.candidates(["898989"], 3)) > 1  # ambiguous: no sum to decide
    assert digits.candidates(["7", "x"], 2) == []


@pytest.mark.parametrize(("lines", "year", "agency"), [
    (["自治区外事办公室", "2020 年政府信息公开工作年度报告"], 2020, "自治区外事办公室"),
    (["洪泽区人民政府 2023 年政府信息公开工作年度报告"], 2023, "洪泽区人民政府"),
    (["某区卫生健康委员会 2022 年政府信息公开", "工作年度报告"], 2022, "某区卫生健康委员会"),
    (["标题: 平潭综合实验区2019年度政府信息公开工作年度报告"], 2019, "平潭综合实验区"),
    (["某市交通运输局政府信息公开工作年度报告（2023年度）"], 2023, "某市交通运输局"),
    (["# 关于某县人民政府2024年政府信息公开工作年度报告"], 2024, "某县人民政府"),
    (["某市生态环境局政府信息公开工作2022年度报告"], 2022, "某市生态环境局"),
    (["某市人民政府关于二〇二二年政府信息公开工作报告"], 2022, "某市人民政府"),
    (["当前位置：首页 > 政务公开 > 年报", "2023年度政府信息公开工作年度报告", "发布日期：2024-01-20"], 2023, None),
])
def test_title(lines, year, agency):
    assert meta.title_info(lines, None) == (year, agency)


def test_period():
    assert meta.period("本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。") == (2019, 2019)
    assert meta.period("本年度报告中所列数据统计期限为 2025\n年 1 月 1 日至 12 月 31 日。") == (2025, 2025)
    assert meta.period("没有期限") is None


def test_format_detection_and_years():
    assert formats.detect("信息内容 本年新制作数量 本年新公开数量 对外公开总数量")[0] == "2019"
    assert formats.detect("信息内容 本年制发件数 本年废止件数 现行有效件数")[0] == "2021"
    assert formats.detect("没有表格")[0] is None
    assert formats.for_year(2020).version == "2019"
    assert formats.for_year(2021).version == "2021"
    assert formats.for_year(2031).version == "2021"
