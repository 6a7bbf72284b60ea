"""Where each table group lies among the lines: 表二 (第二十条 blocks), 表三 (applications), 表四 (review)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gdchecker.locate.rows import to_row
from gdchecker.read.document import Line
from gdchecker.textnorm import LazyPattern, label_key

ACTIVE_HEADER = ("信息内容", "本年新制作数量", "本年制发件数", "对外公开总数量", "现行有效件数")
SECTION_FIVE = ("存在的主要问题", "存在问题及改进", "主要问题及改进", "其他需要报告的事项")


@dataclass
class Regions:
    """Where the report's tables stand among its lines."""

    active: tuple[int, int] | None
    applications: tuple[int, int] | None
    review: tuple[int, int] | None


_SENTENCE = re.compile(r"。|\d\s*件")


def _find(keys: list[str], needles: tuple[str, ...], start: int = 0, stop: int | None = None) -> int | None:
    """First line where a needle is printed, also when a narrow cell wrapped it over the next lines.

    Lines of prose (a sentence: "本年新收政府信息公开申请2360件，…。") are not table lines and are passed over.
    """
    stop = len(keys) if stop is None else stop
    for i in range(start, stop):
        if keys[i] == _PROSE:
            continue
        rest = "".join(keys[i + 1:i + 4])
        if any(n in keys[i] or (n in keys[i] + rest and n not in rest) for n in needles):
            return i
    return None


_PROSE = "\x00prose"


def _review_stop(lines: list[Line], keys: list[str], start: int) -> int | None:
    """Where 表四 ends: section 五's heading (or 六's), or a heading 五、… that follows directly."""
    end = _find(keys, SECTION_FIVE, start)
    five = next((i for i in range(start, len(lines)) if lines[i].text.strip().startswith("五、")), None)
    cands = [x for x in (end, five) if x is not None]
    return min(cands) if cands else None


def _heading_before_table(lines: list[Line], keys: list[str], start: int, stop: int) -> bool:
    """Section 五's heading printed between 四's heading and the 表四 header (a web page that put both headings in
    one paragraph before the table): nothing of the table came before it, its header words come right after."""
    if any(to_row(i, lines[i]) is not None for i in range(start + 1, stop)):
        return False
    after = "".join(keys[stop + 1:stop + 4])
    return "行政诉讼" in after or "结果维持" in after


def _caption(keys: list[str], stop: int | None = None) -> int | None:
    """The first 第二十条 block caption, however printed: 第二十条第（五）项, 第二十条第五项, 《条例》第二十条第(五)项, or
    第二十条（五） (a short line that names 第二十条 and nothing more)."""
    stop = len(keys) if stop is None else stop
    wrapped = _find(keys, ("第二十条第",), 0, stop)
    short = next((i for i in range(stop) if "第二十条" in keys[i] and len(keys[i]) <= 10), None)
    found = [i for i in (wrapped, short) if i is not None]
    return min(found) if found else None


_HEADING = LazyPattern(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
TABLE_LINE = 24  # a line of running text is longer than this (its label key); a table line is not


def _table_before(lines: list[Line], keys: list[str], start: int) -> int:
    """Where 表二 begins when its first block has no caption: the table lines (the block's header and rows) right
    above the first caption found, back to the heading 二、主动公开政府信息情况 or the running text before it."""
    j = start
    while j > 0 and start - j < 40:
        k, ln = keys[j - 1], lines[j - 1]
        if k == _PROSE or "主动公开政府信息情况" in k or (ln.grid is None and (_HEADING.match(ln.text) or len(k) > TABLE_LINE)):
            break
        j -= 1
    rows = (to_row(i, lines[i]) for i in range(j, start))
    return j if any(r is not None and r.numeric for r in rows) else start


def find(lines: list[Line]) -> Regions:
    keys = [_PROSE if ln.grid is None and _SENTENCE.search(ln.text) else label_key(ln.text) for ln in lines]
    caption = _caption(keys)
    after_active = caption + 1 if caption is not None else 0
    appl_start = _find(keys, ("勾稽关系", "申请人情况"), after_active)
    first_row = _find(keys, ("本年新收政府信息公开申请", "本年新收"), after_active)
    if appl_start is None or (first_row is not None and first_row < appl_start):
        appl_start = first_row
    appl_end = None
    if appl_start is not None:
        ends = [i for i in range(appl_start, len(keys)) if "结转下年度" in keys[i]]
        with_values = [i for i in ends if to_row(i, lines[i]) is not None]
        appl_end = with_values[0] if with_values else (ends[0] if ends else None)
        if appl_end is not None:
            # the carried-forward row may wrap: take following lines up to the review header
            stop = min(len(lines), appl_end + 3)
            nxt = _find(keys, ("行政复议",), appl_end + 1, stop)
            appl_end = (nxt - 1) if nxt is not None else stop - 1
    after = (appl_end + 1) if appl_end is not None else (appl_start or 0)
    review_start = _find(keys, ("行政复议",), after)
    header = next((i for i in range(after, len(keys)) if "行政复议" in keys[i] and len(keys[i]) <= 24), None)
    if header is not None and (review_start is None or header - review_start < 12):
        review_start = header
    if appl_start is not None and appl_end is None:
        appl_end = (review_start - 1) if review_start is not None else len(lines) - 1
    review = None
    if review_start is not None:
        stop = _review_stop(lines, keys, review_start + 1)
        if stop is not None and _heading_before_table(lines, keys, review_start, stop):
            stop = _review_stop(lines, keys, stop + 1)
        review = (review_start, (stop - 1) if stop is not None else min(len(lines) - 1, review_start + 40))
    active_start = _caption(keys, appl_start)
    if active_start is not None:
        active_start = _table_before(lines, keys, active_start)
    if active_start is None:
        # no caption at all: the heading of section 二 (二、主动公开政府信息情况, 二、主动公开政府信息), else the first
        # block's header words
        heads = [i for i in range(appl_start or len(lines))
                 if ("主动公开政府信息情况" in keys[i] and len(keys[i]) < 30)
                 or (keys[i].startswith("主动公开") and len(keys[i]) <= 12 and lines[i].text.lstrip().startswith("二"))]
        active_start = heads[-1] if heads else _find(keys, ACTIVE_HEADER, 0, appl_start)
    active = None
    if active_start is not None:
        active = (active_start, (appl_start - 1) if appl_start is not None else min(len(lines) - 1, active_start + 80))
    applications = (appl_start, appl_end) if appl_start is not None and appl_end is not None else None
    return Regions(active, applications, review)
