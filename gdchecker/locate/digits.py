"""Digits run together by the source ("230 000023"): every way to split them, kept only where sums agree."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

MAX_DIGITS = 7  # no count in these tables has more digits; amounts keep their decimal point
MAX_READINGS = 50000  # past this many possible readings the split is not worth guessing

Values = tuple[int | float, ...]


def _valid(s: str) -> bool:
    if not s or s.startswith(".") or s.endswith(".") or s.count(".") > 1:
        return False
    whole = s.split(".")[0]
    return len(whole) <= MAX_DIGITS and (whole == "0" or not whole.startswith("0"))


def _num(s: str) -> int | float:
    return float(s) if "." in s else int(s)


@lru_cache(maxsize=65536)
def _ways(token: str, k: int) -> int:
    """How many ways one token cuts into k valid numbers (counted, not listed)."""
    if k == 1:
        return 1 if _valid(token) else 0
    return sum(_ways(token[cut:], k - 1) for cut in range(1, len(token)) if _valid(token[:cut]))


def count(tokens: list[str], n: int) -> int:
    @cache
    def rec(i: int, left: int) -> int:
        if i == len(tokens):
            return 1 if left == 0 else 0
        return sum(_ways(tokens[i], k) * rec(i + 1, left - k) for k in range(1, left + 1))

    return rec(0, n)


def _pieces(token: str, k: int) -> Iterator[tuple[str, ...]]:
    if k == 1:
        if _valid(token):
            yield (token,)
        return
    for cut in range(1, len(token)):
        head = token[:cut]
        if _valid(head) and _ways(token[cut:], k - 1):
            for rest in _pieces(token[cut:], k - 1):
                yield (head, *rest)


def splits(tokens: list[str], n: int) -> Iterator[Values]:
    """Every reading of the tokens as exactly n numbers (each token gives one or more)."""
    def rec(i: int, left: int, acc: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        if i == len(tokens):
            if left == 0:
                yield acc
            return
        for k in range(1, left - (len(tokens) - i - 1) + 1):
            for parts in _pieces(tokens[i], k):
                yield from rec(i + 1, left - k, acc + parts)

    for parts in rec(0, n, ()):
        yield tuple(_num(p) for p in parts)


def candidates(tokens: list[str], n: int, ok: Callable[[Values], bool] | None = None,
               limit: int = 200) -> list[Values]:
    """The readings that pass `ok`; an empty list where there are none or too many to try."""
    tokens = [t.replace(",", "").strip() for t in tokens if t.strip()]
    if not tokens or not all(re.fullmatch(r"[\d.]+", t) for t in tokens):
        return []
    if count(tokens, n) > MAX_READINGS:
        return []
    out = []
    for s in splits(tokens, n):
        if ok is None or ok(s):
            out.append(s)
            if len(out) >= limit:
                break
    return out
