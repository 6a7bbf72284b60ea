"""Where each table group lies among the lines: 表二 (第二十条 blocks), 表三 (applications), 表四 (review)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gdchecker.locate.rows import to_row
from gdchecker.read.document import Line
from gdchecker.textnorm import label_key

SECTION_FIVE = ("存在的主要问题", "存在问题及改进", "主要问题及改进", "其他需要报告的事项")


@dataclass
class Regions:
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


def find(lines: list[Line]) -> Regions:
    keys = [_PROSE if ln.grid is None and _SENTENCE.search(ln.text) else label_key(ln.text) for ln in lines]
    caption = _find(keys, ("第二十条第",))
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
        end = _find(keys, SECTION_FIVE, review_start + 1)
        # a heading 五、… that follows directly
        five = next((i for i in range(review_start + 1, len(lines)) if lines[i].text.strip().startswith("五、")), None)
        cands = [x for x in (end, five) if x is not None]
        review = (review_start, (min(cands) - 1) if cands else min(len(lines) - 1, review_start + 40))
    active_start = _find(keys, ("第二十条第",), 0, appl_start)
    if active_start is None:
        heads = [i for i in range(appl_start or len(lines)) if "主动公开政府信息情况" in keys[i] and len(keys[i]) < 30]
        active_start = heads[-1] if heads else None
    active = None
    if active_start is not None:
        active = (active_start, (appl_start - 1) if appl_start is not None else min(len(lines) - 1, active_start + 80))
    applications = (appl_start, appl_end) if appl_start is not None and appl_end is not None else None
    return Regions(active, applications, review)
