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


@dataclass(frozen=True)
class Sentence:
    text: str  # as it stands in the report (normalised: no spaces, full-width forms folded)
    repeated: bool


@dataclass(frozen=True)
class Comparison:
    now: list[Sentence]
    then: list[Sentence]

    @property
    def counted(self) -> int:
        """Sentences of this year long enough to count."""
        return sum(1 for s in self.now if len(key(s.text)) >= MIN_CHARS)

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


def _same(a: str, b_keys: Sequence[str], exact: set[str]) -> bool:
    if a in exact:
        return True
    for b in b_keys:
        if not (0.8 * len(a) <= len(b) <= 1.25 * len(a)):
            continue
        m = SequenceMatcher(None, a, b, autojunk=False)
        if m.real_quick_ratio() >= NEAR and m.quick_ratio() >= NEAR and m.ratio() >= NEAR:
            return True
    return False


def compare(now: Sequence[str], then: Sequence[str]) -> Comparison:
    """This year's section text against last year's, sentence by sentence; either side marked where repeated."""
    a, b = sentences(now), sentences(then)
    ka = [key(s) for s in a]
    kb = [key(s) for s in b]
    long_b = [k for k in kb if len(k) >= MIN_CHARS]
    long_a = [k for k in ka if len(k) >= MIN_CHARS]
    set_a, set_b = set(long_a), set(long_b)
    now_marks = [len(k) >= MIN_CHARS and _same(k, long_b, set_b) for k in ka]
    then_marks = [len(k) >= MIN_CHARS and _same(k, long_a, set_a) for k in kb]
    return Comparison([Sentence(s, r) for s, r in zip(a, now_marks, strict=True)],
                      [Sentence(s, r) for s, r in zip(b, then_marks, strict=True)])
