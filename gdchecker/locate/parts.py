"""The report's six parts: where each section heading stands, and the running text under it.

A heading begins with its numbering (一、 第一部分 1.) and goes on with one of the section's wordings of the format
file (`names`); a short line carrying the section's own numeral needs only one of its looser `words`. A line
without numbering is a heading only when it is the wording alone; （五） numbers a sub-item, and is taken for the
heading of 五 only where nothing better is found. A crawler glues headings into lines (after a figure or a
sentence's end); a PDF wraps a heading over two lines, or puts its numbering on a line of its own. A table of
contents (three or more headings on consecutive lines, or on one line with nothing between them, or an entry
ending in its page number) is passed over. Of several headings found for a section, one standing alone on its
line is preferred to one a sentence goes on after (三、收到和处理政府信息公开申请情况详见下表。).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from gdchecker.formats import Section
from gdchecker.model import Part
from gdchecker.textnorm import LazyPattern, cjk_count, nfkc

_NUMERALS = "一二三四五六七八九十"
_NUMBERING = re.compile(rf"第(?P<a>[{_NUMERALS}]{{1,3}})部分[、.,，:：]?|(?P<b>[{_NUMERALS}]{{1,3}})[、.,，:：]"
                        r"|(?P<c>[1-9])[、.,，:：](?!\d)")
_PAREN = re.compile(rf"[(（](?P<b>[{_NUMERALS}])[)）]")
_LEAD = re.compile(r"^[#*>\-·•\s]+")
_CN = {c: i + 1 for i, c in enumerate(_NUMERALS)}
_LOOSE_SPAN = 30  # a heading with the section's numeral and only a looser word: a line at most this long
_WRAPPED = 24  # a numbered line this short that is no heading may be a heading wrapped onto the next line
# what may stand before a heading glued into a line: a figure, its unit, a sentence's end
_AFTER = set("0123456789元件条项个次%。；;！!？?：:」”\"')）]")
_CLOSING = re.compile(r"^[:：,，、.。\s]*$")  # what may follow a heading's words on its line for it to stand alone
_PAGE_NO = re.compile(r"^[.．…·・\-—_\s]*\d{1,3}$|^[.．…·・]{3,}")  # a contents entry: leaders, a page number
_YEARS = re.compile(r"\d{4}\s*年度?")
# a web page's furniture after the report: where the last part ends
_CHROME = re.compile(r"[【\[]?(?:打印本页|关闭窗口)|[【\[](?:打印|关闭)[】\]]|主办单位|承办单位|版权所有|ICP备|网站标识码|网站地图|扫一扫|"
                     r"分享到|附件下载|上一篇|下一篇|相关链接")
_SUB = LazyPattern(r"[(（][一二三1-3][)）]|[1-3][、.](?!\d)")

BARE, PAREN, PLAIN, WEAK = 0, 1, 2, 3  # how a heading is numbered, best first


@dataclass(frozen=True)
class _Hit:
    """A line that may be a section's heading, and how it is numbered."""

    line: int  # the line where the heading's words end
    at: int  # where the heading begins, in the normalised line `first`
    number: str
    end: int  # where the heading's words end, in the normalised line `line`
    kind: int = BARE
    first: int = -1  # the line where the heading begins (its numbering on a line of its own): `line` if -1
    alone: bool = True  # nothing but punctuation after its words on the line

    @property
    def start(self) -> int:
        return self.line if self.first < 0 else self.first


def _numeral(m: re.Match[str]) -> int | None:
    s = m.group("a") or m.group("b")
    if s:
        return _CN.get(s) if len(s) == 1 else None  # 十一 … are no section of the format
    return int(m.group("c"))


def _norm(text: str) -> str:
    return _LEAD.sub("", re.sub(r"\s+", "", nfkc(text)).replace("*", ""))


def _figures(s: str) -> bool:
    """Figures other than years: a table's row, not a heading."""
    return bool(re.search(r"\d", _YEARS.sub("", s)))


def _heading_at(s: str, pos: int, sections: Sequence[Section]) -> _Hit | None:
    """The heading that begins at s[pos], if one does (line -1: the caller sets it)."""
    m = _NUMBERING.match(s, pos)
    numeral = _numeral(m) if m else None
    if m is None or numeral is None:
        return None if pos else _unnumbered(s, sections)  # within a line only a numbered heading is taken
    start = m.end()
    for sec in sections:
        for name in sec.names:
            w = name.match(s, start)
            if w is not None:
                return _Hit(-1, pos, sec.number, w.end())
    if 1 <= numeral <= len(sections) and pos == 0 and len(s) <= _LOOSE_SPAN and not _figures(s[start:]):
        sec = sections[numeral - 1]  # a short line that carries the section's own numeral and one of its words
        if sec.words is not None and sec.words.search(s, start):
            return _Hit(-1, 0, sec.number, len(s))
    return None


def _unnumbered(s: str, sections: Sequence[Section]) -> _Hit | None:
    """The wording alone on its line; or （五） and the wording of 五 alone."""
    p = _PAREN.match(s)
    start = p.end() if p else 0
    for i, sec in enumerate(sections):
        if p and _CN.get(p.group("b")) != i + 1:
            continue
        for name in sec.names:
            w = name.match(s, start)
            if w and _CLOSING.match(s[w.end():]):
                return _Hit(-1, 0, sec.number, w.end(), PAREN if p else PLAIN)
    return None


def _line_hits(s: str, sections: Sequence[Section]) -> list[_Hit]:
    out: list[_Hit] = []
    pos = 0
    while pos < len(s):
        h = _heading_at(s, pos, sections)
        if h is not None:
            out.append(h)
            pos = max(h.end, pos + 1)
            continue
        pos = _next_start(s, pos + 1)
    return out


def _hits(norm: Sequence[str], sections: Sequence[Section]) -> list[_Hit]:
    out: list[_Hit] = []
    for i, s in enumerate(norm):
        if not s:
            continue
        found = _line_hits(s, sections)
        if (not found or found[0].at > 0) and i + 1 < len(norm) and len(s) <= _WRAPPED and _NUMBERING.match(s):
            # 一、 on a line of its own, or 五、存在的主要 / 问题及改进情况: the words go on on the next line
            h = _heading_at(s + norm[i + 1], 0, sections)
            if h is not None and h.end > len(s):
                out.append(replace(h, line=i + 1, end=h.end - len(s), first=i))
                continue
        out += [replace(h, line=i) for h in found]
    return [replace(h, alone=bool(_CLOSING.match(norm[h.line][h.end:]))) for h in out]


def _next_start(s: str, pos: int) -> int:
    """The next place within s where a glued heading could begin: after a figure or a sentence's end."""
    while pos < len(s) and not (s[pos - 1] in _AFTER and (s[pos] in _NUMERALS or s[pos] == "第")):
        pos += 1
    return pos


def _drop_contents(hits: list[_Hit], norm: Sequence[str], order: list[str]) -> list[_Hit]:
    """Leave out a table of contents: an entry ending in its page number; three or more headings, in order, on
    consecutive lines with nothing under them, or on one line with nothing between them (本报告包括：一、总体情况；
    二、…); the first heading of the text itself, right after the contents, begins again at 一."""
    def next_text(i: int) -> int:
        j = i + 1
        while j < len(norm) and not norm[j]:
            j += 1
        return j

    def entry(h: _Hit) -> bool:
        rest = norm[h.line][h.end:]
        return h.alone or bool(_PAGE_NO.match(rest))

    def listed(h: _Hit) -> bool:
        """A part named in a sentence that lists them (全文包括：一、总体情况；二、…；六、其他需要报告的事项。), or a
        contents entry ending in its page number."""
        rest = norm[h.line][h.end:]
        before = norm[h.start][h.at - 1:h.at] if h.at else (norm[h.start - 1][-1:] if h.start else "")
        return bool(rest[:1] in ("；", ";", "、", "，", ",") and rest or before in ("；", ";", "、")
                    or _PAGE_NO.match(rest) and rest.strip(":："))

    keep = [not listed(h) for h in hits]
    run = [0]
    for k in range(1, len(hits) + 1):
        if k < len(hits) and order.index(hits[k].number) > order.index(hits[k - 1].number) and (
                (hits[k].start == next_text(hits[k - 1].line) and hits[k].at == 0 and entry(hits[k - 1]))
                or (hits[k].start == hits[k - 1].line and hits[k].at - hits[k - 1].end <= 3)):
            run.append(k)
            continue
        if len(run) >= 3:
            for j in run:
                keep[j] = False
        run = [k]
    return [h for h, kept in zip(hits, keep, strict=True) if kept]


def _choose(hits: list[_Hit]) -> list[_Hit]:
    """Each section's heading: the best numbered of those found (numbering 一、 before （一）, before none), one
    standing alone on its line before one a sentence goes on after, else the first."""
    chosen: dict[str, _Hit] = {}
    for h in hits:
        c = chosen.get(h.number)
        if c is None or (h.kind, not h.alone) < (c.kind, not c.alone):
            chosen[h.number] = h
    return sorted(chosen.values(), key=lambda h: (h.start, h.at))


def _sub_item(s: str, sections: Sequence[Section]) -> str | None:
    """（一）存在的主要问题: the first sub-item of a section whose heading the text lost (its number)."""
    m = _SUB.match(s)
    if m is None:
        return None
    for sec in sections:
        if sec.words is not None and not sec.tables and sec.words.search(s[m.end():m.end() + 16]):
            return sec.number
    return None


def _lost_headings(chosen: list[_Hit], norm: Sequence[str], prose: set[int],
                   sections: Sequence[Section]) -> list[_Hit]:
    """A section without a heading whose first sub-item stands where it should (between the sections before and
    after it): taken as the section, its heading lost. A table's row (3.其他 and its figures) is no sub-item."""
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
        hi = min((h.start for h in after), default=len(norm))
        for i in range(lo, hi):
            if (i in prose or not _figures(norm[i])) and _sub_item(norm[i], sections) == sec.number:
                out.append(_Hit(i, 0, sec.number, 0, WEAK))
                break
    return sorted(out, key=lambda h: (h.start, h.at))


def _sentence(raw: str) -> bool:
    """A line the table regions took in that reads as running text: a sentence, not a row of figures."""
    s = nfkc(raw)
    return "。" in raw and cjk_count(s) >= 8 and not re.search(r"\d\s+\d", s)


def find(lines: Sequence[str], prose: set[int], sections: Sequence[Section]) -> list[Part]:
    """The parts found, in the order they stand in the report; each with its heading as printed and the running
    text under it (`prose`: the indices of lines outside the tables)."""
    norm = [_norm(x) for x in lines]
    order = [s.number for s in sections]
    chosen = _lost_headings(_choose(_drop_contents(_hits(norm, sections), norm, order)), norm, prose, sections)
    parts = []
    for k, h in enumerate(chosen):
        nxt = chosen[k + 1] if k + 1 < len(chosen) else None
        last = nxt.start if nxt is not None else len(norm) - 1
        text: list[str] = []
        for i in range(h.line, last + 1):
            if i != h.line and i not in prose and not _sentence(lines[i]):
                continue
            a = h.end if i == h.line else 0
            b = nxt.at if nxt is not None and i == nxt.start else len(norm[i])
            chrome = _CHROME.search(norm[i], a, b) if nxt is None else None
            if chrome is not None:  # the web page's furniture after the report's end
                if chrome.start() > a:
                    text.append(norm[i][a:chrome.start()])
                break
            if b > a:
                text.append(norm[i][a:b])
        if h.kind == WEAK:
            heading = ""
        elif h.first >= 0:
            heading = norm[h.first] + norm[h.line][:h.end]
        else:
            heading = norm[h.line][h.at:h.end]
        parts.append(Part(h.number, heading, h.start, text))
    return parts
