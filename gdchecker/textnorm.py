"""Normalising printed labels so that producers' variants compare equal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

_NUMBERING = re.compile(
    r"[(（]\s*[一二三四五六七八九十]+\s*[)）]"  # （一） (一)
    r"|[一二三四五六七八九十]+\s*[、.．]"  # 一、
    r"|(?<![0-9])[0-9]{1,2}\s*[.、．](?![0-9])"  # 1. 1、
)
_DROP = re.compile(r"[\s\u3000\xa0()（）【】\[\]、，,。.．：:；;“”\"'‘’/／\\|·•*#_—–\-~～]+")


def short_cache(fn):  # noqa: ANN001, ANN201 - a str -> value function
    """Keep `fn`'s results for short strings only (cells, labels, lines of a few hundred characters): the cache
    stays small whatever a hostile file holds, and a long line is simply computed."""
    cached = lru_cache(maxsize=65536)(fn)

    def wrapper(text: str):  # noqa: ANN202
        return cached(text) if len(text) <= SHORT else fn(text)

    wrapper.__doc__, wrapper.__name__, wrapper.cache_clear = fn.__doc__, fn.__name__, cached.cache_clear
    return wrapper


SHORT = 300  # characters


class LazyPattern:
    """A regular expression compiled when first used: one a run may never need costs nothing at start-up (a
    pattern of Chinese characters takes a millisecond to compile)."""

    __slots__ = ("_source", "_compiled")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return self._compiled

    def match(self, text: str, *span: int) -> re.Match[str] | None:
        return self.compiled().match(text, *span)

    def search(self, text: str, *span: int) -> re.Match[str] | None:
        return self.compiled().search(text, *span)

    def finditer(self, text: str, *span: int) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, *span)


def is_cjk(char: str) -> bool:
    """A CJK unified ideograph (U+4E00–U+9FFF): a Chinese character of running text or a label."""
    return "\u4e00" <= char <= "\u9fff"


def has_cjk(text: str) -> bool:
    """Whether the text holds a Chinese character (the test a regular expression [\u4e00-\u9fff] makes, which
    takes milliseconds to compile)."""
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def cjk_count(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


@short_cache
def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@short_cache
def label_key(text: str) -> str:
    """A label reduced to its words: no numbering, punctuation or spaces; 沐→沭 is left alone."""
    t = nfkc(text)
    t = _NUMBERING.sub("", t)
    return _DROP.sub("", t)


Pairs = tuple[dict[str, int], int, bool]  # a text's character pairs with their counts; how many; each once


@short_cache
def pairs(text: str) -> Pairs:
    """The text's character pairs with their counts, how many there are, and whether each occurs once (a lone
    character counts as one pair; an empty text has none)."""
    if len(text) == 1:
        return {text: 1}, 1, True
    out: dict[str, int] = {}
    for i in range(len(text) - 1):
        pair = text[i:i + 2]
        out[pair] = out.get(pair, 0) + 1
    n = max(len(text) - 1, 0)
    return out, n, len(out) == n


def similarity(expected: str, seen: str) -> float:
    """Dice coefficient of the two labels' character pairs: 1 for the same words, near 0 for different ones.

    Character pairs keep the order that matters in Chinese labels while ignoring where a wrap or a merged cell
    cut the text; it is fast enough to compare every row found with every row expected.
    """
    if len(expected) + len(seen) <= 2 * SHORT:
        return _similarity(expected, seen)
    return _dice(expected, seen)


@lru_cache(maxsize=262144)
def _similarity(expected: str, seen: str) -> float:
    return _dice(expected, seen)


def _dice(expected: str, seen: str) -> float:
    if not expected or not seen:
        return 0.0
    return shared(pairs(expected), pairs(seen))


def shared(a_pairs: Pairs, b_pairs: Pairs) -> float:
    """similarity() of two non-empty texts from their pairs()."""
    (a, na, ua), (b, nb, ub) = a_pairs, b_pairs
    both = a.keys() & b.keys()
    if not both:
        return 0.0
    if ua and ub:  # every pair once on both sides: the pairs in common are counted once each
        common = len(both)
    else:
        common = 0
        for pair in both:
            n, m = a[pair], b[pair]
            common += n if n < m else m
    return 2 * common / (na + nb)
