"""Normalising printed labels so that producers' variants compare equal."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_NUMBERING = re.compile(
    r"[(（]\s*[一二三四五六七八九十]+\s*[)）]"  # （一） (一)
    r"|[一二三四五六七八九十]+\s*[、.．]"  # 一、
    r"|(?<![0-9])[0-9]{1,2}\s*[.、．](?![0-9])"  # 1. 1、
)
_DROP = re.compile(r"[\s\u3000\xa0()（）【】\[\]、，,。.．：:；;“”\"'‘’/／\\|·•*#_—–\-~～]+")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=65536)  # every label is compared with every expected one
def label_key(text: str) -> str:
    """A label reduced to its words: no numbering, punctuation or spaces; 沐→沭 is left alone."""
    t = nfkc(text)
    t = _NUMBERING.sub("", t)
    return _DROP.sub("", t)


@lru_cache(maxsize=65536)
def _bigrams(text: str) -> Counter[str]:
    if len(text) == 1:
        return Counter([text])
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


@lru_cache(maxsize=262144)
def similarity(expected: str, seen: str) -> float:
    """Dice coefficient of the two labels' character pairs: 1 for the same words, near 0 for different ones.

    Character pairs keep the order that matters in Chinese labels while ignoring where a wrap or a merged cell
    cut the text; it is fast enough to compare every row found with every row expected.
    """
    if not expected or not seen:
        return 0.0
    a, b = _bigrams(expected), _bigrams(seen)
    common = sum((a & b).values())
    if common == 0:
        return 0.0
    return 2 * common / (sum(a.values()) + sum(b.values()))
