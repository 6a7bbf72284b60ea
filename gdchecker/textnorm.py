"""Normalising printed labels so that producers' variants compare equal."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_NUMBERING = re.compile(
    r"[(（]\s*[一二三四五六七八九十]+\s*[)）]"  # （一） (一)
    r"|[一二三四五六七八九十]+\s*[、.．]"  # 一、
    r"|(?<![0-9])[0-9]{1,2}\s*[.、．](?![0-9])"  # 1. 1、
)
_DROP = re.compile(r"[\s\u3000\xa0()（）【】\[\]、，,。.．：:；;“”\"'‘’/／\\|·•*#_—–\-~～]+")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """Remove all white space (Chinese labels wrap without meaning a space)."""
    return re.sub(r"[\s\u3000\xa0\u200b]+", "", text)


def label_key(text: str) -> str:
    """A label reduced to its words: no numbering, punctuation or spaces; 沐→沭 is left alone."""
    t = nfkc(text)
    t = _NUMBERING.sub("", t)
    return _DROP.sub("", t)


def similarity(expected: str, seen: str) -> float:
    """F1 of the characters two normalised labels share in order (blocks of 2+ characters)."""
    if not expected or not seen:
        return 0.0
    sm = SequenceMatcher(None, expected, seen, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks() if b.size >= 2 or len(expected) <= 2)
    if matched == 0:
        return 0.0
    recall = matched / len(expected)
    precision = matched / len(seen)
    return 2 * recall * precision / (recall + precision)


def coverage(expected: str, seen: str) -> float:
    """How much of an expected label appears in the text seen."""
    if not expected or not seen:
        return 0.0
    sm = SequenceMatcher(None, expected, seen, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks() if b.size >= 2)
    return matched / len(expected)
