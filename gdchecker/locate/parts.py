"""The report's six parts: where each section heading stands, and the running text under it.

A heading is a line that begins with its numbering (一、 or 第一部分; never （一）, which numbers a sub-item) and
one of the section's wordings of the format file (`names`); a heading carrying the section's own numeral needs
only one of its looser `words`. A line without numbering is a heading only when it is the wording alone. Two
headings a page glued on one line are both found. A table of contents (three or more headings on consecutive
lines, nothing under them) is passed over; each section is then the first heading found for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gdchecker.formats import Section
from gdchecker.model import Part
from gdchecker.textnorm import nfkc

_NUMERALS = "一二三四五六七八九十"
_NUMBERING = re.compile(rf"第(?P<a>[{_NUMERALS}]{{1,3}})部分[、.,，:：]?|(?P<b>[{_NUMERALS}]{{1,3}})[、.,，:：]"
                        r"|(?P<c>[1-9])[、.,，:：](?!\d)")
_LEAD = re.compile(r"^[#*>\-·•\s]+")
_CN = {c: i + 1 for i, c in enumerate(_NUMERALS)}
_LOOSE_SPAN = 30  # a heading with the section's numeral: its looser words within this many characters


# what may stand before a heading glued into a line: a figure, its unit, a sentence's end
_AFTER = set("0123456789元件条项个次%。；;！!？?：:」”\"')）]")


@dataclass(frozen=True)
class _Hit:
    line: int
    at: int  # character offset in the normalised line (a heading glued into a line stands later)
    number: str
    end: int  # where the heading's words end
    numbered: bool = True
    weak: bool = False  # not a heading: a sub-item (（一）存在的主要问题) where the heading should be


def _numeral(m: re.Match[str]) -> int | None:
    s = m.group("a") or m.group("b")
    if s:
        return _CN.get(s) if len(s) == 1 else None  # 十一 … are no section of the format
    return int(m.group("c"))


def _norm(text: str) -> str:
    return _LEAD.sub("", re.sub(r"\s+", "", nfkc(text)).replace("*", ""))


def _heading_at(s: str, pos: int, sections: Sequence[Section]) -> _Hit | None:
    """The heading that begins at s[pos], if one does (line -1: the caller sets it)."""
    m = _NUMBERING.match(s, pos)
    numeral = _numeral(m) if m else None
    if m is None or numeral is None:
        if pos:
            return None  # within a line only a numbered heading is taken
        for sec in sections:
            for name in sec.names:
                w = name.match(s)
                if w and len(s) - w.end() <= 2:  # unnumbered: the wording alone on its line
                    return _Hit(-1, 0, sec.number, w.end(), numbered=False)
        return None
    start = m.end()
    for sec in sections:
        for name in sec.names:
            w = name.match(s, start)
            if w is not None:
                return _Hit(-1, pos, sec.number, w.end())
    if 1 <= numeral <= len(sections) and pos == 0 and len(s) <= _LOOSE_SPAN:
        sec = sections[numeral - 1]  # a short line that carries the section's own numeral and one of its words
        if sec.words is not None and sec.words.search(s, start):
            return _Hit(-1, 0, sec.number, len(s))
    return None


_SUB = re.compile(r"[(（][一二三1-3][)）]|[1-3][、.](?!\d)")


def _sub_item(s: str, sections: Sequence[Section]) -> _Hit | None:
    """（一）存在的主要问题: the first sub-item of a section whose heading the text lost."""
    m = _SUB.match(s)
    if m is None or re.search(r"\d", s[m.end():]):
        return None  # a table's row (3.其他 and its figures), not a sub-item of the text
    for sec in sections:
        if sec.words is not None and not sec.tables and sec.words.search(s[m.end():m.end() + 16]):
            return _Hit(-1, 0, sec.number, 0, numbered=False, weak=True)
    return None


def _hits(norm: Sequence[str], sections: Sequence[Section]) -> list[_Hit]:
    out: list[_Hit] = []
    for i, s in enumerate(norm):
        if not s:
            continue
        if _NUMBERING.fullmatch(s) and i + 1 < len(norm):  # 一、 on a line of its own, the words on the next
            h = _heading_at(s + norm[i + 1], 0, sections)
            if h is not None and h.end > len(s):
                out.append(_Hit(i + 1, 0, h.number, h.end - len(s), h.numbered))
                continue
        pos = 0
        while pos < len(s):
            h = _heading_at(s, pos, sections)
            if h is not None:
                out.append(_Hit(i, h.at, h.number, h.end, h.numbered))
                pos = max(h.end, pos + 1)
                continue
            pos = _next_start(s, pos + 1)
    return out


def _next_start(s: str, pos: int) -> int:
    """The next place within s where a glued heading could begin: after a figure or a sentence's end."""
    while pos < len(s) and not (s[pos - 1] in _AFTER and (s[pos] in _NUMERALS or s[pos] == "第")):
        pos += 1
    return pos


def _drop_contents(hits: list[_Hit], norm: Sequence[str], order: list[str]) -> list[_Hit]:
    """Leave out a table of contents: a run of three or more headings on consecutive lines, in order (the first
    heading of the text itself, right after the contents, begins again at 一)."""
    def next_text(i: int) -> int:
        j = i + 1
        while j < len(norm) and not norm[j]:
            j += 1
        return j

    keep = [True] * len(hits)
    run = [0]
    for k in range(1, len(hits) + 1):
        if k < len(hits) and hits[k].line == next_text(hits[k - 1].line) and hits[k].at == 0 \
                and hits[k - 1].end >= len(norm[hits[k - 1].line]) \
                and order.index(hits[k].number) > order.index(hits[k - 1].number):
            run.append(k)
            continue
        if len(run) >= 3:
            for j in run:
                keep[j] = False
        run = [k]
    return [h for h, kept in zip(hits, keep, strict=True) if kept]


def _choose(hits: list[_Hit]) -> list[_Hit]:
    """Each section's heading: its first numbered one, else its first wording alone on a line."""
    chosen: dict[str, _Hit] = {}
    for h in hits:
        c = chosen.get(h.number)
        if c is None or (h.numbered and not c.numbered):
            chosen[h.number] = h
    return sorted(chosen.values(), key=lambda h: (h.line, h.at))


def _lost_headings(chosen: list[_Hit], norm: Sequence[str], prose: set[int],
                   sections: Sequence[Section]) -> list[_Hit]:
    """A section without a heading whose first sub-item stands where it should (between the sections before and
    after it): taken as the section, its heading lost."""
    order = [s.number for s in sections]
    out = list(chosen)
    if not chosen:
        return out  # no heading at all (a workbook of the tables): nothing to place a lost one between
    for k, sec in enumerate(sections):
        if any(h.number == sec.number for h in chosen):
            continue
        before = [h for h in chosen if order.index(h.number) < k]
        after = [h for h in chosen if order.index(h.number) > k]
        lo = max((h.line for h in before), default=-1) + 1
        hi = min((h.line for h in after), default=len(norm))
        for i in range(lo, hi):
            h = _sub_item(norm[i], sections)
            if h is not None and h.number == sec.number:
                out.append(_Hit(i, 0, h.number, 0, numbered=False, weak=True))
                break
    return sorted(out, key=lambda h: (h.line, h.at))


def find(lines: Sequence[str], prose: set[int], sections: Sequence[Section]) -> list[Part]:
    """The parts found, in the order they stand in the report; each with its heading as printed and the running
    text under it (`prose`: the indices of lines outside the tables)."""
    norm = [_norm(x) for x in lines]
    order = [s.number for s in sections]
    chosen = _lost_headings(_choose(_drop_contents(_hits(norm, sections), norm, order)), norm, prose, sections)
    parts = []
    for k, h in enumerate(chosen):
        nxt = chosen[k + 1] if k + 1 < len(chosen) else None
        last = nxt.line if nxt is not None else len(norm) - 1
        text: list[str] = []
        for i in range(h.line, last + 1):
            if i not in prose and i != h.line:
                continue
            a = h.end if i == h.line else 0
            b = nxt.at if nxt is not None and i == nxt.line else len(norm[i])
            if b > a:
                text.append(norm[i][a:b])
        heading = "" if h.weak else norm[h.line][h.at:h.end]
        parts.append(Part(h.number, heading, h.line, text))
    return parts
