"""Text repeated from last year: a section's sentences, this year's against last year's.

Sentences are compared as their words: spaces and punctuation gone, every figure and every year masked (a copied
sentence with this year's figures put in is still copied). A sentence is repeated when last year's report has the
same one, or one that differs in a few characters only (a word changed, a phrase added).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from gdchecker.textnorm import nfkc

_END = re.compile(r"(?<=[。！？!?；;])")
_FIGURE = re.compile(r"[0-9０-９]+(?:[.,][0-9]+)*|[〇零○一二三四五六七八九]{4}(?=年)")
_NOT_WORD = re.compile(r"[\s\W_]+")
MIN_CHARS = 10  # shorter sentences (无。 本机关无。 a heading) say nothing of copying
NEAR = 0.9  # SequenceMatcher ratio from which two sentences count as the same
MAX_PAIRS = 1_000_000  # sentences compared word by word at most (this year's × last year's); beyond, only exact ones
# what every report repeats each year and says nothing of copying: how to reach the office, the signature's date
_CONTACT = re.compile(r"https?:|www\.|网址|电话|传真|地址|邮编|邮政编码|邮箱|电子信箱")
_SIGNED = re.compile(r"(?:\d{4}|[〇零○一二三四五六七八九]{4})年\d{1,2}月\d{1,2}日$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of this year's or last year's section, and whether the other year has it too."""

    text: str  # as it stands in the report (normalised: no spaces, full-width forms folded)
    repeated: bool


@dataclass(frozen=True)
class Comparison:
    """A section's sentences compared with last year's."""

    now: list[Sentence]
    then: list[Sentence]

    @property
    def counted(self) -> int:
        """Sentences of this year that count (long enough, not the office's address or the signature)."""
        return sum(1 for s in self.now if counts(s.text))

    @property
    def repeated(self) -> int:
        return sum(1 for s in self.now if s.repeated)

    @property
    def share(self) -> float:
        return self.repeated / self.counted if self.counted else 0.0


def sentences(lines: Sequence[str]) -> list[str]:
    """The sentences of a section's text (its lines joined: a PDF wraps a sentence over lines)."""
    text = "".join(nfkc(x).strip() for x in lines)
    return [s for s in _END.split(text) if s.strip()]


def key(sentence: str) -> str:
    """A sentence's words, figures and years masked."""
    return _NOT_WORD.sub("", _FIGURE.sub("#", nfkc(sentence)))


def counts(sentence: str) -> bool:
    """A sentence that can show copying: long enough, not how to reach the office, not the signature's date."""
    k = key(sentence)
    return len(k) >= MIN_CHARS and not _CONTACT.search(sentence) and not _SIGNED.search(nfkc(sentence).strip())


def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def _same(a: str, others: Sequence[tuple[str, frozenset[str]]], exact: set[str], fuzzy: bool) -> bool:
    if a in exact:
        return True
    if not fuzzy:
        return False
    pa = _pairs(a)
    for b, pb in others:
        if not (0.8 * len(a) <= len(b) <= 1.25 * len(a)):
            continue
        if 2 * len(pa & pb) < (NEAR - 0.1) * (len(pa) + len(pb)):
            continue  # few character pairs in common: not the same sentence (cheap, before the exact ratio)
        m = SequenceMatcher(None, a, b, autojunk=False)
        if m.real_quick_ratio() >= NEAR and m.quick_ratio() >= NEAR and m.ratio() >= NEAR:
            return True
    return False


def compare(now: Sequence[str], then: Sequence[str]) -> Comparison:
    """This year's section text against last year's, sentence by sentence; either side marked where repeated."""
    a, b = sentences(now), sentences(then)
    ka = [key(s) if counts(s) else "" for s in a]
    kb = [key(s) if counts(s) else "" for s in b]
    long_a = [(k, _pairs(k)) for k in ka if k]
    long_b = [(k, _pairs(k)) for k in kb if k]
    fuzzy = len(long_a) * len(long_b) <= MAX_PAIRS
    set_a, set_b = {k for k, _ in long_a}, {k for k, _ in long_b}
    now_marks = [bool(k) and _same(k, long_b, set_b, fuzzy) for k in ka]
    then_marks = [bool(k) and _same(k, long_a, set_a, fuzzy) for k in kb]
    return Comparison([Sentence(s, r) for s, r in zip(a, now_marks, strict=True)],
                      [Sentence(s, r) for s, r in zip(b, then_marks, strict=True)])
