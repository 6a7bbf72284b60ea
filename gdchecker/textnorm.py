"""Normalising printed labels so that producers' variants compare equal."""

from __future__ import annotations

import re
import unicodedata
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


@short_cache
def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@short_cache
def label_key(text: str) -> str:
    """A label reduced to its words: no numbering, punctuation or spaces; 沐→沭 is left alone."""
    t = nfkc(text)
    t = _NUMBERING.sub("", t)
    return _DROP.sub("", t)


@short_cache
def _bigrams(text: str) -> tuple[dict[str, int], int, bool]:
    """The text's character pairs with their counts, how many there are, and whether each occurs once."""
    if len(text) == 1:
        return {text: 1}, 1, True
    out: dict[str, int] = {}
    for i in range(len(text) - 1):
        pair = text[i:i + 2]
        out[pair] = out.get(pair, 0) + 1
    return out, len(text) - 1, len(out) == len(text) - 1


def similarity(expected: str, seen: str) -> float:
    """Dice coefficient of the two labels' character pairs: 1 for the same words, near 0 for different ones.

    Character pairs keep the order that matters in Chinese labels while ignoring where a wrap or a merged cell
    cut the text; it is fast enough to compare every row found with every row expected.
    """
    if len(expected) + len(seen) <= 2 * SHORT:
        return _similarity(expected, seen)
    return _dice(expected, seen)


def pairs(text: str) -> int:
    """How many character pairs similarity counts in the text (a lone character counts as one)."""
    return len(text) - 1 if len(text) > 1 else len(text)


def similarity_bound(expected: str, seen: str) -> float:
    """The most similarity(expected, seen) can be, from the two lengths alone (never less than it)."""
    na, nb = pairs(expected), pairs(seen)
    if not na or not nb:
        return 0.0
    return 2 * (na if na < nb else nb) / (na + nb)


@lru_cache(maxsize=262144)
def _similarity(expected: str, seen: str) -> float:
    return _dice(expected, seen)


def _dice(expected: str, seen: str) -> float:
    if not expected or not seen:
        return 0.0
    (a, na, ua), (b, nb, ub) = _bigrams(expected), _bigrams(seen)
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
