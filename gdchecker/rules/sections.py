"""The report's six parts: each present, in the format's order, not empty; the 2021 format's 六 reporting the
信息处理费 the text says were charged."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gdchecker.model import Finding, Part, Report, Severity
from gdchecker.names import section_name, sections_of
from gdchecker.rules import rule
from gdchecker.rules.context import NONE, Context
from gdchecker.textnorm import LazyPattern, nfkc

# page furniture a section's text may hold (— 4 —, -2-, 第 3 页 共 7 页): not content
_FURNITURE = re.compile(r"[-—–_－]*\d{1,3}[-—–_－]*|第\d{1,3}页(?:共\d{1,3}页)?|共\d{1,3}页")
_NOTHING = re.compile(r"(?:本(?:机关|单位|部门|年度?))?(?:\d{4}年度?)?(?:暂|均)?无(?:此类情况|相关情况|相关内容)?")
_PUNCT = re.compile(r"[\s\W_]+")
_NEGATED = LazyPattern(r"(?:未|没|不|无|免|零)[^，,。；;]{0,10}$")  # 未收取, 没有发生因申请公开而收取, 免予收取
_FIGURE = LazyPattern(r"(\d+(?:\.\d+)?)\s*(?:万?元|笔|件|次|宗)")


def _content(part: Part) -> str:
    words = [_PUNCT.sub("", _FURNITURE.sub("", _PUNCT.sub("", nfkc(x)))) for x in part.text]
    return "".join(words)


@rule("sections", "六个部分", ("sections.missing", "sections.order", "sections.empty", "sections.fee_silent"))
def sections(report: Report, context: Context = NONE) -> Iterator[Finding]:
    """报告应有格式规定的六个部分（一、总体情况 … 六、其他需要报告的事项），按顺序排列（编号写法、标题措辞的常见
    变体都可以）；没有表格的部分（一、五、六）不应为空，一、五两部分不应只写“无”；2021 年格式起，正文说收取了
    信息处理费的，第六部分应说明收取情况。扫描件的标题可能没有识别出来，不检查是否缺少部分；一个标题也没有的文件（如只有统计表的 Excel 工作簿）也不检查。"""
    if not report.tables:
        return  # not a report, or nothing read: structure.no_tables says so
    secs = sections_of(report)
    found = {p.number: p for p in report.parts}
    order = [s.number for s in secs]
    if not report.scanned and report.parts:  # no heading at all: a workbook of the tables, not the whole report
        for s in secs:
            if s.number in found or any(t in report.tables for t in s.tables):
                continue  # a section whose tables were read is there, whatever its heading says
            yield Finding("sections.missing", Severity.WARNING,
                          f"没有找到{section_name(report, s.number)}（也可能是标题的写法与格式不同，请核对）", section=s.number)
        seen: list[Part] = []
        for p in report.parts:
            later = [q for q in seen if p.number in order and q.number in order
                     and order.index(q.number) > order.index(p.number)]
            if later:
                yield Finding("sections.order", Severity.WARNING,
                              f"{section_name(report, p.number)}排在{section_name(report, later[0].number)}之后；"
                              "格式规定六个部分按一至六的顺序排列", section=p.number)
            seen.append(p)
    for s in secs:
        p = found.get(s.number)
        if p is None or s.tables:
            continue
        text = _content(p)
        if not text:
            yield Finding("sections.empty", Severity.WARNING, f"{section_name(report, s.number)}没有内容", section=s.number)
        elif s.fees is None and s.number != order[-1] and _NOTHING.fullmatch(text):
            yield Finding("sections.empty", Severity.WARNING,
                          f"{section_name(report, s.number)}只写了“{''.join(p.text).strip()[:12]}”，没有实际内容",
                          section=s.number)
        if s.fees is not None and not s.fees.mention.search(text):
            said = _charged(report, s.fees.charged, p)
            if said:
                yield Finding("sections.fee_silent", Severity.WARNING,
                              f"正文写了“{said}”，但{section_name(report, s.number)}没有说明收取信息处理费的情况；"
                              "2021 年格式要求在这一部分报告信息处理费的收取情况", section=s.number)


def _charged(report: Report, charged: re.Pattern[str], part: Part) -> str | None:
    """A sentence outside the part saying fees were charged, with a figure that is not 0 (收取信息处理费3笔，共计
    150元; not 未收取, 免予收取, 收取信息处理费0元 or …情况：无), as it stands."""
    inside = set(part.text)
    for line in report.prose:
        s = re.sub(r"\s+", "", nfkc(line))
        if s in inside:
            continue
        for m in charged.finditer(s):
            a = max(s.rfind(c, 0, m.start()) for c in "。；;") + 1
            ends = [i for i in (s.find(c, m.end()) for c in "。；;") if i >= 0]
            b = min(ends, default=len(s))
            if _NEGATED.search(s[max(a, m.start() - 12):m.start()]):
                continue
            if not any(float(f.group(1)) > 0 for f in _FIGURE.finditer(s, m.end(), b)):
                continue  # no figure said: a rule stated, not fees charged
            return s[a:b][:40]
    return None
